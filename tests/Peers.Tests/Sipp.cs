using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>One sipp run of a scenario from sipp/ on a loopback port, for one call (-m 1); its error log is kept for failures.</summary>
    public sealed class Sipp : IDisposable
    {
        public const string Binary = "/usr/bin/sipp";
        public const string Missing = "sipp is not installed (apt-get install sip-tester; .ci/run installs it)";

        private readonly PeerProcess _peer = new PeerProcess("sipp");

        /// <param name="scenario">file name in sipp/</param>
        /// <param name="remotePort">the kamailio port to send to, or 0 for a scenario that only answers</param>
        /// <param name="arguments">more sipp arguments (-key NAME VALUE, -au, -ap)</param>
        public Sipp(string scenario, int remotePort, string arguments = "", int localPort = 0)
        {
            Port = localPort != 0 ? localPort : LoopbackPorts.FreeUdp();
            string file = Path.Combine(AppContext.BaseDirectory, "sipp", scenario);
            var start = new ProcessStartInfo(Binary,
                (remotePort != 0 ? "127.0.0.1:" + remotePort + " " : "") + "-sf " + file + " -i 127.0.0.1 -p " + Port +
                " -m 1 -nostdin -trace_err -trace_msg " + arguments)
            {
                WorkingDirectory = _peer.Dir,
                RedirectStandardInput = true,
            };
            // Only stderr: its error log and message trace go to files in the folder (read by Log).
            _peer.Start(start, keepStdout: false);
        }

        public int Port { get; }

        /// <summary>The exit code (0: the call went through the whole scenario), or -1 if it did not end in time.</summary>
        public int WaitForExit(int timeoutMs)
        {
            if (!_peer.Process.WaitForExit(timeoutMs))
            {
                return -1;
            }
            _peer.Process.WaitForExit();
            return _peer.Process.ExitCode;
        }

        /// <summary>What sipp said and logged: stderr, its error log and its message trace.</summary>
        public string Log
        {
            get
            {
                var log = new StringBuilder(_peer.Log);
                foreach (string file in Directory.GetFiles(_peer.Dir, "*.log"))
                {
                    log.AppendLine("== " + Path.GetFileName(file)).AppendLine(File.ReadAllText(file));
                }
                return log.ToString();
            }
        }

        /// <summary>
        /// How many messages starting with this line (e.g. "SIP/2.0 481") sipp received so far, from its message trace
        /// (-trace_msg, written as each message comes).
        /// </summary>
        public int Received(string startLine)
        {
            int n = 0;
            foreach (string file in Directory.GetFiles(_peer.Dir, "*_messages.log"))
            {
                string trace = File.ReadAllText(file);
                for (int at = trace.IndexOf(ReceivedMark, StringComparison.Ordinal); at >= 0; at = trace.IndexOf(ReceivedMark, at + 1, StringComparison.Ordinal))
                {
                    // "UDP message received [N] bytes :", an empty line, then the message.
                    int line = trace.IndexOf('\n', at);
                    while (line >= 0 && line + 1 < trace.Length && (trace[line + 1] == '\n' || trace[line + 1] == '\r'))
                    {
                        line++;
                    }
                    n += line >= 0 && string.CompareOrdinal(trace, line + 1, startLine, 0, startLine.Length) == 0 ? 1 : 0;
                }
            }
            return n;
        }

        private const string ReceivedMark = "message received [";

        /// <summary>Waits (bounded) until sipp received a message starting with this line; whether it did.</summary>
        public bool WaitForReceived(string startLine, int timeoutMs = 15000)
        {
            var clock = Stopwatch.StartNew();
            while (Received(startLine) == 0)
            {
                if (clock.ElapsedMilliseconds >= timeoutMs || _peer.HasExited)
                {
                    return Received(startLine) > 0;
                }
                Thread.Sleep(50);
            }
            return true;
        }

        public void Dispose() => _peer.Dispose();
    }
}
