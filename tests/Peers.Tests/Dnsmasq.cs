using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Debian's dnsmasq as a loopback DNS server on a free port, serving only the records it is given (no resolv.conf, no
    /// hosts file, no upstream server: it forwards nowhere), in the foreground.
    /// </summary>
    public sealed class Dnsmasq : IDisposable
    {
        public const string Binary = "/usr/sbin/dnsmasq";
        public const string Missing = "dnsmasq is not installed (apt-get install dnsmasq-base; .ci/run installs it)";

        private readonly PeerProcess _peer = new PeerProcess("dnsmasq");

        /// <param name="records">dnsmasq options naming the records: --srv-host=..., --host-record=...</param>
        public Dnsmasq(string records)
        {
            Port = LoopbackPorts.FreeUdpAndTcp();
            _peer.Start(new ProcessStartInfo(Binary, "--no-daemon --log-queries --port=" + Port + " --listen-address=127.0.0.1 --bind-interfaces " +
                "--no-resolv --no-hosts --conf-file=/dev/null --user=" + Environment.UserName + " --pid-file=" + Path.Combine(_peer.Dir, "pid") + " " + records));
            // Started when it says so (it reads no configuration that could hold it); gone: it could not start.
            var clock = Stopwatch.StartNew();
            while (!Log.Contains("started") && clock.ElapsedMilliseconds < 10000)
            {
                if (_peer.HasExited)
                {
                    throw new InvalidOperationException("dnsmasq could not start:\n" + Log);
                }
                Thread.Sleep(50);
            }
            if (!Log.Contains("started"))
            {
                throw new TimeoutException("dnsmasq did not start on port " + Port + ":\n" + Log);
            }
        }

        public int Port { get; }

        public string Log => _peer.Log;

        public void Dispose() => _peer.Dispose();
    }
}
