using System.Net;
using System.Net.Sockets;
using System.Threading;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// SIP over TCP: up to <see cref="Capacity"/> connections (<see cref="MaxConnections"/> unless the board says
    /// fewer), each read by its own thread, which frames the
    /// stream with the parser (several messages or half of one per read), posts complete messages to the inbox and
    /// answers on the same connection. The limits (docs/sip-stack.md, "SIP transport limits"):
    /// <list type="bullet">
    /// <item>a connection idle for <see cref="IdleTimeoutMs"/> is closed; a CRLFCRLF keep-alive (RFC 5626 3.5.1) is
    /// answered with CRLF and counts as activity, like every message read or answer sent; a message still incomplete
    /// after as long is closed too (a peer trickling bytes holds no slot for ever);</item>
    /// <item>when every connection is taken, a new one closes the one idle the longest instead of being refused;</item>
    /// <item>while the inbox is full a connection is not read (TCP flow control holds the peer back), so nothing
    /// that arrived is dropped;</item>
    /// <item>a message larger than a packet is answered 513 and skipped; a stream whose framing is lost (no or bad
    /// Content-Length, a body over the buffer, headers that never end) is answered 400, 413 or 513 and then closed,
    /// as RFC 3261 18.3 asks;</item>
    /// <item>an answer the peer does not take within <see cref="SendTimeoutMs"/> closes the connection, so a peer that
    /// stops reading cannot hold up the phone's loop.</item>
    /// </list>
    /// </summary>
    public sealed class TcpTransport : ISipTransport
    {
        /// <summary>Connections by default (the simulator, the tests); a board passes what its heap holds.</summary>
        public const int MaxConnections = 8;

        /// <summary>
        /// Default idle timeout: RFC 5626 clients send a keep-alive at most every 120 s on connection-oriented transports,
        /// so 180 s keeps their flows open even when one keep-alive comes late.
        /// </summary>
        public const int DefaultIdleTimeoutMs = 180000;

        /// <summary>How long an answer may wait for the peer to take it before the connection is closed.</summary>
        public const int SendTimeoutMs = 2000;

        /// <summary>How long a connection whose framing was lost waits for its error answer to go out before it is closed.</summary>
        private const int AnswerWaitMs = 2000;

        private static readonly byte[] Pong = { (byte)'\r', (byte)'\n' };

        private readonly SipInbox _inbox;
        private readonly Connection[] _connections;
        private Socket _listener;
        private bool _running;
        private int _activity;

        public TcpTransport(SipInbox inbox) : this(inbox, MaxConnections)
        {
        }

        /// <param name="inbox">Where complete messages go.</param>
        /// <param name="capacity">
        /// Connections held at once; each costs its reading thread, a buffer of two inbox packets and its own parsed
        /// message (about 10 KB in the interpreter with 3,072-byte packets, docs/benchmarks.md "Load profiles").
        /// </param>
        public TcpTransport(SipInbox inbox, int capacity)
        {
            _inbox = inbox;
            _connections = new Connection[capacity];
            IdleTimeoutMs = DefaultIdleTimeoutMs;
        }

        public string Name => "TCP";

        public int LocalPort { get; private set; }

        /// <summary>A connection without traffic (messages, keep-alives, answers) for this long is closed.</summary>
        public int IdleTimeoutMs { get; set; }

        /// <summary>Connections closed because they were idle too long.</summary>
        public int IdleClosed { get; private set; }

        /// <summary>Connections closed to make room for a new one.</summary>
        public int Shed { get; private set; }

        /// <summary>Streams closed because their framing was lost (after the error answer).</summary>
        public int FramingErrors { get; private set; }

        /// <summary>Times a connection waited for a free inbox packet instead of reading on.</summary>
        public int Throttled { get; private set; }

        /// <summary>Connections held at once; a new one beyond sheds the one idle the longest.</summary>
        public int Capacity => _connections.Length;

        /// <summary>Connections open now.</summary>
        public int OpenConnections
        {
            get
            {
                int n = 0;
                lock (_connections)
                {
                    for (int i = 0; i < _connections.Length; i++)
                    {
                        if (_connections[i] != null)
                        {
                            n++;
                        }
                    }
                }
                return n;
            }
        }

        /// <summary>For an IPv6 bind address: accept IPv4 peers too (IPv6Only off, where the platform allows). Default on.</summary>
        public bool DualStack { get; set; } = true;

        /// <summary>Listens on address:port, IPv4 or IPv6 ("::1", "::", "[::1]"); port 0 picks a free one.</summary>
        public void Start(string address, int port)
        {
            IPAddress local = IpAddresses.Parse(address);
            _listener = IpAddresses.Open(local, SocketType.Stream, ProtocolType.Tcp, DualStack);
            _listener.Bind(new IPEndPoint(local, port));
            _listener.Listen(4);
            LocalPort = ((IPEndPoint)_listener.LocalEndPoint).Port;
            _running = true;
            new Thread(Accept).Start();
        }

        public void Stop()
        {
            _running = false;
            if (_listener != null)
            {
                _listener.Close();
            }
            for (int i = 0; i < _connections.Length; i++)
            {
                Connection c;
                lock (_connections)
                {
                    c = _connections[i];
                }
                if (c != null)
                {
                    Close(c);
                }
            }
        }

        /// <summary>Where every sent message is also recorded (the SIP trace); null: none.</summary>
        public SipTrace Trace { get; set; }

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            var c = connection as Connection;
            if (c == null || c.Closed)
            {
                return false;
            }
            if (!c.Write(data, length))
            {
                Close(c);
                return false;
            }
            Touch(c);
            SipTrace trace = Trace;
            if (trace != null)
            {
                trace.Record(true, data, 0, length, Name, host, port);
            }
            return true;
        }

        /// <summary>Marks traffic on the connection: its idle time starts again, and it is the last one to be shed.</summary>
        private void Touch(Connection c)
        {
            c.IdleMs = 0;
            c.LastActivity = Interlocked.Increment(ref _activity);
        }

        /// <summary>The reader's wait per turn: short enough to notice the idle timeout and a stop in time.</summary>
        private int PollSliceMs()
        {
            int slice = IdleTimeoutMs / 4;
            return slice < 10 ? 10 : slice > 1000 ? 1000 : slice;
        }

        private void Accept()
        {
            while (_running)
            {
                Socket client;
                try
                {
                    client = _listener.Accept();
                }
                catch (SocketException)
                {
                    continue;
                }
                catch (System.ObjectDisposedException)
                {
                    return;
                }
                try
                {
                    client.SendTimeout = SendTimeoutMs;
                }
                catch (SocketException)
                {
                }
                Connection shed = null;
                Connection c;
                lock (_connections)
                {
                    int slot = -1;
                    for (int i = 0; i < _connections.Length && slot < 0; i++)
                    {
                        if (_connections[i] == null)
                        {
                            slot = i;
                        }
                    }
                    if (slot < 0)
                    {
                        // Full: the connection idle the longest gives way, so idle or hostile connections cannot keep
                        // a PBX out (the activity stamps only grow, compared as serial numbers).
                        slot = 0;
                        for (int i = 1; i < _connections.Length; i++)
                        {
                            if (_connections[i].LastActivity - _connections[slot].LastActivity < 0)
                            {
                                slot = i;
                            }
                        }
                        shed = _connections[slot];
                    }
                    c = new Connection(client, slot);
                    _connections[slot] = c;
                }
                Touch(c);
                if (shed != null)
                {
                    Shed++;
                    Close(shed);
                }
                new Thread(new ConnectionReader(this, c).Run).Start();
            }
        }

        private void Close(Connection c)
        {
            lock (_connections)
            {
                if (_connections[c.Slot] == c)
                {
                    _connections[c.Slot] = null;
                }
            }
            c.Closed = true;
            try
            {
                c.Socket.Close();
            }
            catch (System.Exception)
            {
            }
        }

        /// <summary>One accepted connection: its socket, its slot and its traffic, as the reader, the sender and the shedder see it.</summary>
        private sealed class Connection
        {
            public readonly Socket Socket;
            public readonly int Slot;
            private readonly object _sendGate = new object();
            public int LastActivity;
            public int IdleMs;
            public bool Closed;

            public Connection(Socket socket, int slot)
            {
                Socket = socket;
                Slot = slot;
            }

            /// <summary>Writes all bytes (one writer at a time: answers from the loop, pongs from the reader); false on failure or timeout.</summary>
            public bool Write(byte[] data, int length)
            {
                lock (_sendGate)
                {
                    try
                    {
                        int sent = 0;
                        while (sent < length)
                        {
                            int n = Socket.Send(data, sent, length - sent, SocketFlags.None);
                            if (n <= 0)
                            {
                                return false;
                            }
                            sent += n;
                        }
                        return true;
                    }
                    catch (SocketException)
                    {
                        return false;
                    }
                    catch (System.ObjectDisposedException)
                    {
                        return false;
                    }
                }
            }
        }

        private sealed class ConnectionReader
        {
            private readonly TcpTransport _owner;
            private readonly Connection _c;
            private readonly Socket _socket;
            private readonly int _packetBytes;

            public ConnectionReader(TcpTransport owner, Connection c)
            {
                _owner = owner;
                _c = c;
                _socket = c.Socket;
                _packetBytes = owner._inbox.PacketBytes;
            }

            public void Run()
            {
                // Headers are limited to a packet, bodies too: a message the parser frames always fits the buffer.
                var buffer = new byte[_packetBytes * 2];
                int filled = 0;
                var parser = new SipParser { MaxBodyBytes = _packetBytes, MaxHeaderBytes = _packetBytes };
                var message = new SipMessage();
                var result = new ParseResult();
                string host = null;
                int port = 0;
                // When the bytes now waiting in the buffer (the start of a message) began to wait, 0 when none wait: a
                // peer that trickles a message byte by byte is active on the socket but must not hold its slot forever.
                long partialSince = 0;
                try
                {
                    var remote = (IPEndPoint)_socket.RemoteEndPoint;
                    host = IpAddresses.HostOf(remote.Address);
                    port = remote.Port;
                    while (_owner._running && !_c.Closed)
                    {
                        if (partialSince != 0 && System.DateTime.UtcNow.Ticks - partialSince > _owner.IdleTimeoutMs * 10000L)
                        {
                            _owner.IdleClosed++;
                            break;
                        }
                        int slice = _owner.PollSliceMs();
                        if (!_socket.Poll(slice * 1000, SelectMode.SelectRead))
                        {
                            _c.IdleMs += slice;
                            if (_c.IdleMs >= _owner.IdleTimeoutMs)
                            {
                                _owner.IdleClosed++;
                                break;
                            }
                            continue;
                        }
                        int n = _socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                        if (n <= 0)
                        {
                            break;
                        }
                        _owner.Touch(_c);
                        filled += n;
                        int start = 0;
                        int refuse = 0;
                        while (start < filled)
                        {
                            int skipped = KeepAlives(buffer, start, filled);
                            if (skipped < 0)
                            {
                                break;
                            }
                            start += skipped;
                            if (start == filled)
                            {
                                break;
                            }
                            parser.Parse(buffer, start, filled - start, true, message, result);
                            if (result.Code == ParseResult.Incomplete)
                            {
                                break;
                            }
                            if (result.Code == ParseResult.Invalid && message.Length == 0)
                            {
                                // The framing is lost: nothing after this point can be trusted.
                                refuse = result.ErrorStatus;
                                if (refuse == 0 || !Post(buffer, start, filled - start, host, port, refuse, true))
                                {
                                    refuse = -1;
                                }
                                break;
                            }
                            int length = message.Offset - start + message.Length;
                            bool posted = length <= _packetBytes
                                ? Post(buffer, start, length, host, port, 0, false)
                                : Post(buffer, start, message.BodyOffset - start, host, port, 513, false);
                            if (!posted)
                            {
                                // Closed (shed) or stopped while waiting for a packet.
                                _owner.Close(_c);
                                return;
                            }
                            start += result.Consumed;
                        }
                        if (refuse != 0)
                        {
                            _owner.FramingErrors++;
                            break;
                        }
                        if (start > 0)
                        {
                            System.Array.Copy(buffer, start, buffer, 0, filled - start);
                            filled -= start;
                        }
                        partialSince = filled == 0 ? 0 : start > 0 || partialSince == 0 ? System.DateTime.UtcNow.Ticks : partialSince;
                        if (filled == buffer.Length)
                        {
                            // A header line longer than the buffer (the parser waits for its end): the stream is lost.
                            _owner.FramingErrors++;
                            Post(buffer, 0, filled, host, port, 513, true);
                            break;
                        }
                    }
                }
                catch (SocketException)
                {
                }
                catch (System.ObjectDisposedException)
                {
                }
                _owner.Close(_c);
            }

            /// <summary>
            /// CR and LF between messages: each CRLFCRLF is a keep-alive ping (RFC 5626 3.5.1), answered with one CRLF;
            /// other CRs and LFs are skipped (RFC 3261 7.5). Returns the bytes consumed, or -1 when the bytes so far
            /// may still become a ping (wait for more).
            /// </summary>
            private int KeepAlives(byte[] b, int start, int end)
            {
                int i = start;
                while (i < end && (b[i] == (byte)'\r' || b[i] == (byte)'\n'))
                {
                    if (end - i >= 4 && b[i] == (byte)'\r' && b[i + 1] == (byte)'\n' && b[i + 2] == (byte)'\r' && b[i + 3] == (byte)'\n')
                    {
                        if (!_c.Write(Pong, Pong.Length))
                        {
                            throw new System.ObjectDisposedException("connection");
                        }
                        i += 4;
                        continue;
                    }
                    if (end - i < 4 && PingPrefix(b, i, end))
                    {
                        return i == start ? -1 : i - start;
                    }
                    i++;
                }
                return i - start;
            }

            private static bool PingPrefix(byte[] b, int start, int end)
            {
                for (int k = start; k < end; k++)
                {
                    if (b[k] != ((k - start) % 2 == 0 ? (byte)'\r' : (byte)'\n'))
                    {
                        return false;
                    }
                }
                return true;
            }

            /// <summary>
            /// Posts bytes as one packet, waiting for a free one while the inbox is full (the socket is not read
            /// meanwhile, so TCP flow control holds the peer back). A packet with a refuse status is only answered
            /// (the bytes are cut to a packet: the start line and Via are what the answer needs); with
            /// <paramref name="thenClose"/> the reader waits until it has been handled, then drains and closes.
            /// False when the connection closed or the transport stopped while waiting.
            /// </summary>
            private bool Post(byte[] buffer, int start, int length, string host, int port, int refuse, bool thenClose)
            {
                SipPacket packet = null;
                bool waited = false;
                while ((packet = _owner._inbox.TryRent()) == null)
                {
                    if (!_owner._running || _c.Closed)
                    {
                        return false;
                    }
                    if (!waited)
                    {
                        _owner.Throttled++;
                        waited = true;
                    }
                    Thread.Sleep(5);
                }
                if (length > _packetBytes)
                {
                    length = _packetBytes;
                }
                System.Array.Copy(buffer, start, packet.Data, 0, length);
                packet.Length = length;
                packet.RemoteHost = host;
                packet.RemotePort = port;
                packet.Transport = _owner;
                packet.Connection = _c;
                packet.RefuseStatus = refuse;
                _owner._inbox.Post(packet);
                if (thenClose)
                {
                    // The answer goes out from the loop; wait for it (bounded), then read what the peer still sends so
                    // that closing does not reset the connection before the answer is delivered. Handing the packet back
                    // clears its Connection, and only this reader ever sets it to this connection, so the test holds
                    // even when the packet is rented again at once (no field of its own: each costs 12 B per packet).
                    for (int waitedMs = 0; packet.Connection == _c && waitedMs < AnswerWaitMs && _owner._running; waitedMs += 5)
                    {
                        Thread.Sleep(5);
                    }
                    Drain(buffer);
                }
                return true;
            }

            private void Drain(byte[] scratch)
            {
                try
                {
                    for (int k = 0; k < 20 && _socket.Poll(50000, SelectMode.SelectRead); k++)
                    {
                        if (_socket.Receive(scratch, 0, scratch.Length, SocketFlags.None) <= 0)
                        {
                            return;
                        }
                    }
                }
                catch (SocketException)
                {
                }
                catch (System.ObjectDisposedException)
                {
                }
            }
        }
    }
}
