using System.Net;
using System.Net.Sockets;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// SIP over UDP (System.Net.Sockets, the same API on the device). It has no thread of its own: the phone's loop
    /// waits in <see cref="ReceiveFor"/>, so a request is read, handled and answered by one thread without a hand-over
    /// (one wake-up per datagram instead of two, and one thread stack less on the device).
    /// Its plain state (Oversized) is public fields, not properties: no accessor method in the runtime tables, image
    /// and calls on the device (issue #17).
    /// </summary>
    public sealed class UdpTransport : ISipTransport
    {
        private readonly SipInbox _inbox;
        private Socket _socket;
        private Peer _last;
        private AddressFamily _family = AddressFamily.InterNetwork;

        public UdpTransport(SipInbox inbox)
        {
            _inbox = inbox;
        }

        public string Name => "UDP";

        public int LocalPort { get; private set; }

        /// <summary>Bound to an IPv6 address (dual stack or IPv6 only): IPv6 peers are reachable.</summary>
        public bool IsIPv6 => _family == AddressFamily.InterNetworkV6;

        /// <summary>Datagrams larger than a packet (answered 513 or dropped, never handled cut).</summary>
        public int Oversized;

        /// <summary>
        /// For an IPv6 bind address: take IPv4 peers too (IPv6Only off, where the platform allows), so "::" listens on
        /// both. Default on; set before <see cref="Start"/>.
        /// </summary>
        public bool DualStack = true;

        /// <summary>
        /// Binds address:port (port 0 picks a free one): IPv4 ("127.0.0.1", "0.0.0.0") or IPv6 ("::1", "::", "[::1]");
        /// throws SocketException when the port is taken.
        /// </summary>
        public void Start(string address, int port)
        {
            IPAddress local = IpAddresses.Parse(address);
            _family = local.AddressFamily;
            _socket = IpAddresses.Open(local, SocketType.Dgram, ProtocolType.Udp, DualStack);
            _socket.Bind(new IPEndPoint(local, port));
            LocalPort = ((IPEndPoint)_socket.LocalEndPoint).Port;
        }

        public void Stop()
        {
            if (_socket != null)
            {
                _socket.Close();
            }
        }

        /// <summary>Where every sent message is also recorded (the SIP trace); null: none.</summary>
        public SipTrace Trace;

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            try
            {
                _socket.SendTo(data, 0, length, SocketFlags.None, EndPointOf(host, port));
                SipTrace trace = Trace;
                if (trace != null)
                {
                    trace.Record(true, data, 0, length, Name, host, port);
                }
                return true;
            }
            catch (System.Exception)
            {
                // A closed socket, an unreachable or malformed address: the transaction layer sees a failed send.
                return false;
            }
        }

        /// <summary>
        /// The address to send to: answers go back to the peer that just wrote, so the last one is kept instead of
        /// parsing the address text and allocating an end point per datagram. Swapped as one object, so a send from
        /// another thread never pairs one peer's host with another's end point.
        /// </summary>
        private IPEndPoint EndPointOf(string host, int port)
        {
            Peer last = _last;
            if (last == null || last.Port != port || last.Host != host)
            {
                last = new Peer(host, port, _family);
                _last = last;
            }
            return last.EndPoint;
        }

        private sealed class Peer
        {
            public readonly string Host;
            public readonly int Port;
            public readonly IPEndPoint EndPoint;

            public Peer(string host, int port, AddressFamily family)
            {
                EndPoint = IpAddresses.EndPoint(host, port, family);
                Host = host;
                Port = port;
            }
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> for a datagram, then posts every datagram already queued to the inbox,
        /// as far as it has free packets (the rest wait in the socket's buffer for the next turn). Returns how many it posted.
        /// </summary>
        public int ReceiveFor(int timeoutMs)
        {
            Socket socket = _socket;
            if (socket == null)
            {
                return 0;
            }
            int posted = 0;
            try
            {
                int waitMicroseconds = timeoutMs * 1000;
                while (socket.Poll(waitMicroseconds, SelectMode.SelectRead))
                {
                    waitMicroseconds = 0;
                    SipPacket packet = _inbox.Rent(Told(socket));
                    if (packet == null)
                    {
                        break;
                    }
                    EndPoint from = new IPEndPoint(_family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                    int n;
                    try
                    {
                        n = socket.ReceiveFrom(packet.Data, 0, packet.Data.Length, SocketFlags.None, ref from);
                    }
                    catch (SocketException)
                    {
                        // ICMP port unreachable from an earlier send shows up here on some stacks; keep listening.
                        n = 0;
                    }
                    if (n == 0)
                    {
                        _inbox.Return(packet);
                        continue;
                    }
                    // A refused datagram's head packet (SipInbox.Room) is cut on purpose: answered 503 from what it holds.
                    if (n == packet.Data.Length && n <= _inbox.PacketBytes && packet.RefuseStatus == 0)
                    {
                        // It filled a packet made to the size the socket told: this stack tells less than a datagram
                        // holds, so the datagram was cut. It is never handled; the socket is not asked again (full
                        // packets from now on), and the sender's retransmission arrives whole.
                        _cannotTell = true;
                        _inbox.Return(packet);
                        continue;
                    }
                    var remote = (IPEndPoint)from;
                    if (n > _inbox.PacketBytes)
                    {
                        // The datagram filled the probe byte: it is larger than a packet and was cut. It is never
                        // handled as if complete; the user agent answers 513 when the start line and Via survived.
                        n = _inbox.PacketBytes;
                        packet.RefuseStatus = 513;
                        Oversized++;
                    }
                    packet.Length = n;
                    packet.RemoteHost = IpAddresses.HostOf(remote.Address);
                    packet.RemotePort = remote.Port;
                    packet.Transport = this;
                    _inbox.Post(packet);
                    posted++;
                }
            }
            catch (System.ObjectDisposedException)
            {
                // Stopped while waiting.
            }
            return posted;
        }

        /// <summary>
        /// The size of the datagram waiting, as the socket tells it before it is read (lwIP with LWIP_SO_RCVBUF and
        /// Windows: every datagram queued, Linux: the next one; never less than the next), so the inbox makes a packet of
        /// the datagram's size: a 3,073-byte packet per datagram fitted a moment later was the peak of the ACK and of any
        /// message during a call (docs/benchmarks.md, h-callfit2). 0 when the socket cannot tell: a full packet.
        /// </summary>
        // Not checked with a peek: nanoFramework's lwIP driver passes ReceiveFrom's flags to lwip_recvfrom unconverted
        // (only Receive maps SocketFlags.Peek to MSG_PEEK), so on the board a "peek" read the datagram away.
        private int Told(Socket socket)
        {
            if (_cannotTell)
            {
                return 0;
            }
            try
            {
                return socket.Available;
            }
            catch (System.Exception)
            {
                // A stack without FIONREAD for datagrams (lwIP without LWIP_SO_RCVBUF: SocketException, or
                // NotSupportedException from a native): not asked again, an exception a datagram would cost more than
                // the packet it saves.
                _cannotTell = true;
                return 0;
            }
        }

        // The socket cannot tell a datagram's size, or told less than one held (Told).
        private bool _cannotTell;
    }
}
