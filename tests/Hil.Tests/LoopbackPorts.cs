using System;
using System.Net;
using System.Net.Sockets;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// Free loopback ports for the simulators and peers the tests start (SIP, bench, control and RTP ports), all from blocks of
    /// <see cref="RtpBlock"/> ports between <see cref="RtpBase"/> and the kernel's ephemeral range (32768 on). A port
    /// checked free and let go is bound by the peer a moment later: in the ephemeral range any socket bound to port 0
    /// or connected, of any process on the machine, may take it in between (a sipp then failed with "Unable to bind
    /// main socket, errno = 98" on a loaded machine); below it only a peer or simulator of a test binds a port. One
    /// allocator for Hil.Tests and Peers.Tests (which uses both), so a simulator and a peer never get the same block.
    /// </summary>
    public static class LoopbackPorts
    {
        /// <summary>First port of the blocks (below it: the simulators' default RTP range 10000..10099).</summary>
        public const int RtpBase = 16000;

        /// <summary>Blocks of <see cref="RtpBlock"/> ports from <see cref="RtpBase"/> up to the ephemeral range.</summary>
        public const int RtpBlock = 10, RtpBlocks = (32768 - RtpBase) / RtpBlock;

        private static int _nextBlock = Random.Shared.Next(RtpBlocks);

        /// <summary>
        /// The first of <see cref="RtpBlock"/> consecutive UDP ports (even) for a peer's or a simulator's RTP, free now and
        /// given to no one else in this process.
        /// </summary>
        public static int FreeRtpBlock() => FreeBlock(RtpBlock, 0);

        /// <summary>The phone's settings (XML, for --settings) that give its calls a block of <see cref="FreeRtpBlock"/>.</summary>
        public static string RtpSettings()
        {
            int first = FreeRtpBlock();
            return "<rtp_port_start perm=\"\">" + first + "</rtp_port_start><rtp_port_end perm=\"\">" + (first + RtpBlock - 1) + "</rtp_port_end>";
        }

        public static int FreeUdp() => FreeBlock(1, 0);

        /// <summary>A port free for TCP on <paramref name="address"/> (default 127.0.0.1).</summary>
        public static int FreeTcp(IPAddress address = null) => FreeBlock(0, 1, address);

        /// <summary>
        /// A port free for both UDP and TCP, with the next port free for TCP: baresip listens for SIP on UDP and TCP at
        /// the port and for SIP over TLS at the next one, and exits when any of them is taken.
        /// </summary>
        public static int FreeUdpAndTcp(IPAddress address = null) => FreeBlock(1, 2, address);

        /// <summary>
        /// The first port of a block whose first <paramref name="udp"/> ports are free for UDP and first
        /// <paramref name="tcp"/> for TCP, now: the blocks are handed out in turn, so two peers of a test never share
        /// one, and the turn starts at a random block, so that two test processes (Hil.Tests and Peers.Tests run at once
        /// in CI, other runs on the machine) hardly ever meet; a block with a taken port is skipped.
        /// </summary>
        private static int FreeBlock(int udp, int tcp, IPAddress address = null)
        {
            address ??= IPAddress.Loopback;
            for (int attempt = 0; ; attempt++)
            {
                int block = System.Threading.Interlocked.Increment(ref _nextBlock) % RtpBlocks;
                int first = RtpBase + block * RtpBlock;
                try
                {
                    for (int port = first; port < first + udp; port++)
                    {
                        using var s = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint(address, port));
                    }
                    for (int port = first; port < first + tcp; port++)
                    {
                        using var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                        s.Bind(new IPEndPoint(address, port));
                    }
                    return first;
                }
                catch (SocketException) when (attempt < RtpBlocks)
                {
                }
            }
        }
    }
}
