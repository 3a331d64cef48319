using System;
using System.Net;
using System.Net.Sockets;

namespace DeskPhone.Peers.Tests
{
    /// <summary>Free ports on 127.0.0.1 for the peers the tests start.</summary>
    public static class LoopbackPorts
    {
        public static int Free(SocketType type, ProtocolType protocol)
        {
            using var s = new Socket(AddressFamily.InterNetwork, type, protocol);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)s.LocalEndPoint).Port;
        }

        public static int FreeUdp() => Free(SocketType.Dgram, ProtocolType.Udp);

        public static int FreeTcp() => Free(SocketType.Stream, ProtocolType.Tcp);

        /// <summary>
        /// A port free for both UDP and TCP, with the next port free for TCP: baresip listens for SIP on UDP and TCP at
        /// the port and for SIP over TLS at the next one, and exits when any of them is taken.
        /// </summary>
        public static int FreeUdpAndTcp()
        {
            for (int attempt = 0; ; attempt++)
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                int port = ((IPEndPoint)udp.LocalEndPoint).Port;
                try
                {
                    using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    using var tls = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    tls.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                    return port;
                }
                catch (Exception e) when ((e is SocketException || e is ArgumentOutOfRangeException) && attempt < 20)
                {
                }
            }
        }
    }
}
