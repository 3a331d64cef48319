using System.Net;
using System.Net.Sockets;
using System.Threading;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// SIP over TCP: up to <see cref="Capacity"/> connections (<see cref="MaxConnections"/> unless the board says
    /// fewer), all served by one thread (on the device every thread's stack comes from the managed heap, and
    /// nanoFramework has <c>Socket.Poll</c> but no select). Each turn the thread accepts a waiting connection, then
    /// reads each connection that has bytes (one read each, so none starves the others), frames the stream with the
    /// parser it shares among them (several messages or half of one per read), posts complete messages to the inbox;
    /// answers go out on the same connection. A request sent without a connection (an identity over TCP) goes on the
    /// open connection to its address, or on one the phone opens: the thread connects it (nanoFramework's
    /// Socket.Connect blocks, the loop must not) while the requests wait in its buffer, and it is kept with a
    /// CRLFCRLF keep-alive (RFC 5626 3.5.1) every half idle timeout; its loss is told through <see cref="Lost"/>.
    /// The limits (docs/sip-stack.md, "SIP transport limits"):
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
    /// stops reading cannot hold up the phone's loop (nor, for a keep-alive's pong, the other connections for longer).</item>
    /// </list>
    /// Its plain state (IdleClosed, Shed, FramingErrors, Throttled) is public fields, not properties: no accessor
    /// method in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed partial class TcpTransport : ISipTransport
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

        /// <summary>
        /// The longest the thread waits for traffic in one turn (on the connection active last, else the listener):
        /// what else arrives meanwhile is read at most this late.
        /// </summary>
        public const int TurnMs = 10;

        /// <summary>How long a connection whose framing was lost waits for its error answer to go out before it is closed.</summary>
        private const int AnswerWaitMs = 2000;

        /// <summary>After the error answer, what the peer still sends is read and dropped until it is quiet this long (at most <see cref="DrainMs"/>).</summary>
        private const int DrainQuietMs = 50;
        private const int DrainMs = 1000;

        /// <summary>A turn counts at most this long (a clock set by SNTP must not close every connection at once).</summary>
        private const int MaxTurnCountedMs = 1000;

        private readonly SipInbox _inbox;
        private readonly TcpConnection[] _connections;
        private readonly int _packetBytes;

        // Only the serving thread frames, so one parser and one parsed message serve every connection. The message and
        // the parse result (about 1.1 KB) are made by the first bytes to frame and let go while no connection is open:
        // a phone whose PBX talks UDP keeps none of them.
        private readonly SipParser _parser;
        private SipMessage _message;
        private ParseResult _result;

        private Socket _listener;
        private IPAddress _local;
        private bool _running;
        private int _activity;

        public TcpTransport(SipInbox inbox) : this(inbox, MaxConnections)
        {
        }

        /// <param name="inbox">Where complete messages go.</param>
        /// <param name="capacity">
        /// Connections held at once; each costs a buffer of two inbox packets (6 KB on the board with 3,072-byte
        /// packets) and its state; the thread, parser and parsed message are shared (docs/benchmarks.md "Load profiles").
        /// </param>
        public TcpTransport(SipInbox inbox, int capacity)
        {
            _inbox = inbox;
            _connections = new TcpConnection[capacity];
            _packetBytes = inbox.PacketBytes;
            // Headers are limited to a packet, bodies too: a message the parser frames always fits the buffer.
            _parser = new SipParser { MaxBodyBytes = _packetBytes, MaxHeaderBytes = _packetBytes };
            IdleTimeoutMs = DefaultIdleTimeoutMs;
        }

        public string Name => "TCP";

        public int LocalPort { get; private set; }

        /// <summary>A connection without traffic (messages, keep-alives, answers) for this long is closed.</summary>
        public int IdleTimeoutMs;

        /// <summary>Connections closed because they were idle too long.</summary>
        public int IdleClosed;

        /// <summary>Connections closed to make room for a new one.</summary>
        public int Shed;

        /// <summary>Streams closed because their framing was lost (after the error answer).</summary>
        public int FramingErrors;

        /// <summary>Times a connection waited for a free inbox packet instead of reading on.</summary>
        public int Throttled;

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
        public bool DualStack = true;

        /// <summary>Where every sent message is also recorded (the SIP trace); null: none.</summary>
        public SipTrace Trace;

        /// <summary>
        /// Asked with a connection's buffer bytes before a peer's connection is taken on (the phone's heap reserve, issue
        /// #17): false closes it at once; null: every connection is taken on.
        /// </summary>
        public IHeapRoom Room;

        /// <summary>
        /// Told, on the transport's thread or the caller's, when a connection the phone opened is gone: host, port, and
        /// false when it could not be made, true when it closed (a field: no accessors).
        /// </summary>
        public TextNumberFlagHandler Lost;

        /// <summary>Listens on address:port, IPv4 or IPv6 ("::1", "::", "[::1]"); port 0 picks a free one.</summary>
        public void Start(string address, int port)
        {
            IPAddress local = IpAddresses.Parse(address);
            _local = local;
            _listener = IpAddresses.Open(local, SocketType.Stream, ProtocolType.Tcp, DualStack);
            _listener.Bind(new IPEndPoint(local, port));
            _listener.Listen(4);
            LocalPort = ((IPEndPoint)_listener.LocalEndPoint).Port;
            _running = true;
            new Thread(Serve).Start();
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
                TcpConnection c = _connections[i];
                if (c != null)
                {
                    Close(c);
                }
            }
        }

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            var c = connection == null ? Outgoing(host, port) : connection as TcpConnection;
            if (c == null || c.Closed)
            {
                return false;
            }
            if (!c.Write(data, length))
            {
                if (!c.Connecting)
                {
                    Close(c);
                }
                return false; // written in part, or while connecting more than its buffer holds
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
        private void Touch(TcpConnection c)
        {
            c.IdleMs = 0;
            c.LastActivity = Interlocked.Increment(ref _activity);
        }

        // ---- the serving thread ----

        private void Serve()
        {
            long last = NowMs();
            while (_running)
            {
                long now = NowMs();
                long counted = now - last;
                int elapsed = counted < 0 ? 0 : counted > MaxTurnCountedMs ? MaxTurnCountedMs : (int)counted;
                last = now;
                bool busy;
                try
                {
                    busy = AcceptWaiting();
                }
                catch (System.ObjectDisposedException)
                {
                    return; // stopped
                }
                catch (SocketException)
                {
                    busy = false;
                }
                bool open = false;
                for (int i = 0; i < _connections.Length; i++)
                {
                    TcpConnection c = _connections[i];
                    open |= c != null;
                    if (c != null && Serve(c, elapsed))
                    {
                        busy = true;
                    }
                }
                if (!open && _message != null)
                {
                    _message = null;
                    _result = null;
                }
                if (!busy)
                {
                    Wait();
                }
            }
        }

        private static long NowMs() => System.DateTime.UtcNow.Ticks / 10000;

        /// <summary>Waits up to <see cref="TurnMs"/> for bytes on the connection active last (a PBX's answer goes on at once), else for a new connection.</summary>
        private void Wait()
        {
            TcpConnection latest = null;
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c != null && !c.Closed && !c.Blocked && !c.Closing && !c.Connecting && (latest == null || c.LastActivity - latest.LastActivity > 0))
                {
                    latest = c;
                }
            }
            try
            {
                (latest == null ? _listener : latest.Socket).Poll(TurnMs * 1000, SelectMode.SelectRead);
            }
            catch (SocketException)
            {
                Thread.Sleep(TurnMs);
            }
            catch (System.ObjectDisposedException)
            {
                Thread.Sleep(TurnMs); // that connection just closed, or the transport stopped: the next turn sees which
            }
        }

        /// <summary>Takes a waiting connection, if any, shedding the one idle the longest when every slot is taken.</summary>
        private bool AcceptWaiting()
        {
            if (!_listener.Poll(0, SelectMode.SelectRead))
            {
                return false;
            }
            Socket client;
            string host;
            int port;
            try
            {
                client = _listener.Accept();
                var remote = (IPEndPoint)client.RemoteEndPoint;
                host = IpAddresses.HostOf(remote.Address);
                port = remote.Port;
            }
            catch (SocketException)
            {
                return true;
            }
            if (Room != null && !Room.AdmitConnection(_packetBytes * 2))
            {
                // No heap to keep it beside what the phone holds: closed at once (the peer falls back or retries), counted by the asker.
                client.Close();
                return true;
            }
            Place(client, host, port, false);
            return true;
        }

        /// <summary>
        /// Gives the socket a slot and its buffer (a free slot, else the one of the connection idle the longest, closed
        /// first: its buffer goes before the new one is made, so the heap never holds one more than the capacity); one
        /// claim at a time, as the loop opens connections while the thread accepts them. Null when no heap is left.
        /// </summary>
        private TcpConnection Place(Socket socket, string host, int port, bool outgoing)
        {
            lock (_connections)
            {
                TcpConnection c;
                try
                {
                    socket.SendTimeout = SendTimeoutMs;
                    c = new TcpConnection(socket, Claim(), host, port, _packetBytes * 2) { Outgoing = outgoing, Connecting = outgoing };
                }
                catch (System.Exception)
                {
                    // No heap for its buffer (nanoFramework may report that as another exception): this peer is
                    // refused, the thread and the other connections go on.
                    socket.Close();
                    return null;
                }
                Touch(c);
                _connections[c.Slot] = c;
                return c;
            }
        }

        /// <summary>A free slot, else the slot of the connection idle the longest, closed (under the caller's lock).</summary>
        private int Claim()
        {
            TcpConnection shed = null;
            int slot = -1;
            lock (_connections)
            {
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
                    _connections[slot] = null;
                }
            }
            if (shed != null)
            {
                Shed++;
                Close(shed);
            }
            return slot;
        }

        /// <summary>One turn of one connection: its limits, a retry of a blocked message, one read. True when something happened.</summary>
        private bool Serve(TcpConnection c, int elapsed)
        {
            try
            {
                if (c.Closed)
                {
                    return false;
                }
                if (c.Connecting)
                {
                    if (!c.Connect(IpAddresses.EndPoint(c.Host, c.Port, _local.AddressFamily)))
                    {
                        Close(c);
                    }
                    return true;
                }
                c.IdleMs += elapsed;
                int half = IdleTimeoutMs / 2;
                if (c.Outgoing && c.IdleMs >= half && c.IdleMs - elapsed < half)
                {
                    // The phone's own connection is kept open (its PBX sends calls on it): once half the idle timeout
                    // passed, a keep-alive CRLFCRLF. Its pong is read as any bytes are and counts as traffic; without one
                    // the connection closes as idle, so a PBX gone silent is noticed (and the phone registers again on a
                    // new connection). The bytes made from a literal when sent, as the pong's are (KeepAlives): a static
                    // array was a field and an array on the heap from boot, at every step of every profile (h-margin4).
                    if (!c.Write(Utf8.Codec.GetBytes("\r\n\r\n"), 4))
                    {
                        Close(c);
                        return true;
                    }
                }
                if (c.Closing)
                {
                    return Drain(c, elapsed);
                }
                bool busy = false;
                if (c.Blocked)
                {
                    Frame(c);
                    if (c.Blocked)
                    {
                        return false; // still no free packet: the socket stays unread
                    }
                    busy = true;
                }
                if (c.Filled > 0)
                {
                    c.PartialMs += elapsed;
                }
                if (c.IdleMs >= IdleTimeoutMs || c.PartialMs >= IdleTimeoutMs)
                {
                    IdleClosed++;
                    Close(c);
                    return true;
                }
                if (c.Closing || !c.Socket.Poll(0, SelectMode.SelectRead))
                {
                    return busy;
                }
                int n = c.Socket.Receive(c.Buffer, c.Filled, c.Buffer.Length - c.Filled, SocketFlags.None);
                if (n <= 0)
                {
                    Close(c);
                    return true;
                }
                Touch(c);
                c.Filled += n;
                Frame(c);
                return true;
            }
            catch (System.Exception)
            {
                // A reset, a closed socket, or anything else: this connection ends, the others go on.
                Close(c);
                return true;
            }
        }

        /// <summary>
        /// Posts every complete message in the buffer (or marks the connection blocked when no packet is free, keeping
        /// the rest), answers keep-alives, and refuses a stream whose framing is lost.
        /// </summary>
        private void Frame(TcpConnection c)
        {
            byte[] buffer = c.Buffer;
            int filled = c.Filled;
            int start = 0;
            int refuse = 0;
            c.Blocked = false;
            if (_message == null)
            {
                _result = new ParseResult();
                _message = new SipMessage();
            }
            while (start < filled)
            {
                int skipped = KeepAlives(c, start, filled);
                if (skipped < 0)
                {
                    break;
                }
                start += skipped;
                if (start == filled)
                {
                    break;
                }
                _parser.Parse(buffer, start, filled - start, true, _message, _result);
                if (_result.Code == ParseResult.Incomplete)
                {
                    break;
                }
                if (_result.Code == ParseResult.Invalid && _message.Length == 0)
                {
                    // The framing is lost: nothing after this point can be trusted.
                    refuse = _result.ErrorStatus == 0 ? -1 : _result.ErrorStatus;
                    break;
                }
                int length = _message.Offset - start + _message.Length;
                SipPacket posted = length <= _packetBytes
                    ? Post(c, start, length, 0)
                    : Post(c, start, _message.BodyOffset - start, 513);
                if (posted == null)
                {
                    break;
                }
                start += _result.Consumed;
                c.PartialMs = 0;
                Touch(c);
            }
            if (start > 0)
            {
                System.Array.Copy(buffer, start, buffer, 0, filled - start);
                c.Filled = filled - start;
            }
            if (refuse == 0 && !c.Blocked && c.Filled == buffer.Length)
            {
                // A header line longer than the buffer (the parser waits for its end): the stream is lost.
                refuse = 513;
            }
            if (refuse < 0)
            {
                FramingErrors++;
                Close(c);
            }
            else if (refuse > 0 && !c.Blocked)
            {
                SipPacket answer = Post(c, 0, c.Filled, refuse);
                if (answer != null)
                {
                    // The answer goes out from the loop; then what the peer still sends is drained so that closing does
                    // not reset the connection before the answer is delivered.
                    FramingErrors++;
                    c.Closing = true;
                    c.Answer = answer;
                }
            }
        }

        /// <summary>
        /// CR and LF between messages: each CRLFCRLF is a keep-alive ping (RFC 5626 3.5.1), answered with one CRLF;
        /// other CRs and LFs are skipped (RFC 3261 7.5). Returns the bytes consumed, or -1 when the bytes so far
        /// may still become a ping (wait for more).
        /// </summary>
        private int KeepAlives(TcpConnection c, int start, int end)
        {
            byte[] b = c.Buffer;
            int i = start;
            while (i < end && (b[i] == (byte)'\r' || b[i] == (byte)'\n'))
            {
                if (end - i >= 4 && b[i] == (byte)'\r' && b[i + 1] == (byte)'\n' && b[i + 2] == (byte)'\r' && b[i + 3] == (byte)'\n')
                {
                    if (!c.Write(Utf8.Codec.GetBytes("\r\n"), 2))
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
        /// Posts bytes of the buffer as one packet; a packet with a refuse status is only answered (the bytes are cut
        /// to a packet: the start line and Via are what the answer needs). Null when every packet waits for the loop:
        /// the connection is then blocked, and neither read nor framed on until one is free.
        /// </summary>
        private SipPacket Post(TcpConnection c, int start, int length, int refuse)
        {
            SipPacket packet = _inbox.TryRent();
            if (packet == null)
            {
                if (!c.Blocked)
                {
                    Throttled++;
                    c.Blocked = true;
                }
                return null;
            }
            if (length > _packetBytes)
            {
                length = _packetBytes;
            }
            System.Array.Copy(c.Buffer, start, packet.Data, 0, length);
            packet.Length = length;
            packet.RemoteHost = c.Host;
            packet.RemotePort = c.Port;
            packet.Transport = this;
            packet.Connection = c;
            packet.RefuseStatus = refuse;
            _inbox.Post(packet);
            return packet;
        }

        /// <summary>
        /// A connection whose framing was lost: waits (bounded) until its error answer went out, then reads and drops
        /// what the peer still sends until it is quiet, then closes. Handing the packet back clears its Connection,
        /// and only this transport sets it to this connection, so the test holds even when the packet is rented again
        /// at once (no field of its own: each costs 12 B per packet).
        /// </summary>
        private bool Drain(TcpConnection c, int elapsed)
        {
            c.ClosingMs += elapsed;
            if (c.Answer != null)
            {
                if (c.Answer.Connection == c && c.ClosingMs < AnswerWaitMs)
                {
                    return false;
                }
                c.Answer = null;
                c.ClosingMs = 0;
            }
            if (c.Socket.Poll(0, SelectMode.SelectRead))
            {
                if (c.Socket.Receive(c.Buffer, 0, c.Buffer.Length, SocketFlags.None) <= 0)
                {
                    Close(c);
                }
                c.QuietMs = 0;
                return true;
            }
            c.QuietMs += elapsed;
            if (c.QuietMs >= DrainQuietMs || c.ClosingMs >= DrainMs)
            {
                Close(c);
                return true;
            }
            return false;
        }

        private void Close(TcpConnection c)
        {
            lock (_connections)
            {
                if (_connections[c.Slot] == c)
                {
                    _connections[c.Slot] = null;
                }
            }
            if (c.Closed)
            {
                return;
            }
            c.Closed = true;
            try
            {
                c.Socket.Close();
            }
            catch (System.Exception)
            {
            }
            TextNumberFlagHandler lost = Lost;
            if (c.Outgoing && lost != null)
            {
                lost(c.Host, c.Port, !c.Connecting);
            }
        }
    }
}
