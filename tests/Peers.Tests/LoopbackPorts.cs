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

        /// <summary>First port of the RTP blocks (below it: the simulators' default range 10000..10099).</summary>
        public const int RtpBase = 16000;

        /// <summary>
        /// Blocks of <see cref="RtpBlock"/> ports between <see cref="RtpBase"/> and the kernel's ephemeral range (32768
        /// on): no socket bound to port 0 lands there, and no simulator with the default range.
        /// </summary>
        public const int RtpBlock = 10, RtpBlocks = (32768 - RtpBase) / RtpBlock;

        private static int _nextRtpBlock = Random.Shared.Next(RtpBlocks);

        /// <summary>
        /// The first of <see cref="RtpBlock"/> consecutive UDP ports (even) for a peer's or a simulator's RTP, free now and
        /// given to no one else in this process: the blocks are handed out in turn, so two peers of a test never share
        /// one, and the turn starts at a random block, so that two test processes (Hil.Tests and Peers.Tests run at once
        /// in CI) hardly ever meet; a block with a taken port is skipped.
        /// </summary>
        public static int FreeRtpBlock()
        {
            for (int attempt = 0; ; attempt++)
            {
                int block = System.Threading.Interlocked.Increment(ref _nextRtpBlock) % RtpBlocks;
                int first = RtpBase + block * RtpBlock;
                try
                {
                    for (int port = first; port < first + RtpBlock; port++)
                    {
                        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    }
                    return first;
                }
                catch (SocketException) when (attempt < RtpBlocks)
                {
                }
            }
        }

        /// <summary>The phone's settings (XML, for --settings) that give its calls a block of <see cref="FreeRtpBlock"/>.</summary>
        public static string RtpSettings()
        {
            int first = FreeRtpBlock();
            return "<rtp_port_start perm=\"\">" + first + "</rtp_port_start><rtp_port_end perm=\"\">" + (first + RtpBlock - 1) + "</rtp_port_end>";
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
