using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A peer program a test starts (kamailio, baresip, sipp, chronyd): a temp folder of its own, its output gathered
    /// into one log for failure messages, and at the end the program killed with its children and the folder removed.
    /// </summary>
    public sealed class PeerProcess : IDisposable
    {
        private readonly StringBuilder _log = new StringBuilder();
        private Process _process;

        public PeerProcess(string name)
        {
            Dir = Directory.CreateTempSubdirectory(name).FullName;
        }

        /// <summary>The program's own temp folder (configuration, databases, logs).</summary>
        public string Dir { get; }

        public Process Process => _process;

        public bool HasExited => _process.HasExited;

        /// <summary>What the program printed so far.</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        /// <summary>Starts it with stdout and stderr redirected; <paramref name="keepStdout"/> false keeps stderr only.</summary>
        public void Start(ProcessStartInfo start, bool keepStdout = true)
        {
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            _process = Process.Start(start);
            _process.OutputDataReceived += (s, e) =>
            {
                if (keepStdout)
                {
                    Append(e.Data);
                }
            };
            _process.ErrorDataReceived += (s, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>Kills the program and its children (if still running) and waits a little for it to go.</summary>
        public void Stop()
        {
            if (_process != null && !_process.HasExited)
            {
                _process.Kill(true);
                _process.WaitForExit(5000);
            }
        }

        public void Dispose()
        {
            Stop();
            _process?.Dispose();
            try
            {
                Directory.Delete(Dir, true);
            }
            catch (IOException)
            {
            }
        }

        private void Append(string line)
        {
            if (line != null)
            {
                lock (_log)
                {
                    _log.AppendLine(line);
                }
            }
        }
    }
}
