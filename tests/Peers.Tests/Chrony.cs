using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Debian's chronyd as an NTP server on a free loopback port, serving this machine's clock (local stratum 8) without
    /// touching it (-x) and without a command port.
    /// </summary>
    public sealed class Chrony : IDisposable
    {
        public const string Binary = "/usr/sbin/chronyd";
        public const string Missing = "chrony is not installed (apt-get install chrony; .ci/run installs it)";

        private readonly Process _process;
        private readonly StringBuilder _log = new StringBuilder();
        private readonly string _dir;

        public Chrony()
        {
            using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                Port = ((IPEndPoint)probe.Client.LocalEndPoint).Port;
            }
            _dir = Directory.CreateTempSubdirectory("chrony").FullName;
            string conf = Path.Combine(_dir, "chrony.conf");
            File.WriteAllText(conf,
                "port " + Port + "\nbindaddress 127.0.0.1\nlocal stratum 8\nallow 127.0.0.1\ncmdport 0\n" +
                "pidfile " + Path.Combine(_dir, "chronyd.pid") + "\ndriftfile " + Path.Combine(_dir, "drift") + "\n");
            var start = new ProcessStartInfo(Binary, "-x -d -f " + conf)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            _process = Process.Start(start);
            _process.OutputDataReceived += (s, e) => Append(e.Data);
            _process.ErrorDataReceived += (s, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public int Port { get; }

        public string Server => "127.0.0.1:" + Port;

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

        public void Stop()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }

        public void Dispose()
        {
            Stop();
            _process.Dispose();
            try
            {
                Directory.Delete(_dir, true);
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
