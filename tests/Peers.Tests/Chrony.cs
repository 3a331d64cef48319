using System;
using System.Diagnostics;
using System.IO;
using DeskPhone.Hil.Tests;

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

        private readonly PeerProcess _peer = new PeerProcess("chrony");

        /// <param name="port">The UDP port (0: a free one); a server started again on the port of a stopped one.</param>
        public Chrony(int port = 0)
        {
            Port = port != 0 ? port : LoopbackPorts.FreeUdp();
            string conf = Path.Combine(_peer.Dir, "chrony.conf");
            File.WriteAllText(conf,
                "port " + Port + "\nbindaddress 127.0.0.1\nlocal stratum 8\nallow 127.0.0.1\ncmdport 0\n" +
                "pidfile " + Path.Combine(_peer.Dir, "chronyd.pid") + "\ndriftfile " + Path.Combine(_peer.Dir, "drift") + "\n");
            _peer.Start(new ProcessStartInfo(Binary, "-x -d -f " + conf));
        }

        public int Port { get; }

        public string Server => "127.0.0.1:" + Port;

        public string Log => _peer.Log;

        public void Stop() => _peer.Stop();

        public void Dispose() => _peer.Dispose();
    }
}
