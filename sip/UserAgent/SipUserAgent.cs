using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// The phone's user agent core: drains the inbox from the firmware loop, answers retransmissions from the server
    /// transactions, applies the message checks (RFC 3261), then offers each request to an ordered chain of
    /// <see cref="ISipListener"/>s (the composition root adds the call sessions, then the phone's identity routing);
    /// what none takes gets the core's own answer (<see cref="AnswerUnclaimed"/>). Which identity a request is for, and whether
    /// its source may send it, is the application's policy, not the core's (<see cref="Router"/>).
    /// Its plain state (Answered) is public fields, not properties: no accessor method in the runtime tables, image and
    /// calls on the device (issue #17).
    /// </summary>
    public sealed class SipUserAgent : ISipClientCore
    {
        public const int MaxIdentities = 12;

        private readonly SipInbox _inbox;
        // The chain's links from slot 0; the first empty slot ends it (no count kept).
        private readonly ISipListener[] _listeners = new ISipListener[MaxListeners];
        // By index, up to the highest active identity set (a one-identity phone keeps 2 slots, 48 B, not 13, 180 B).
        private SipIdentity[] _identities = new SipIdentity[1];
        private readonly SipParser _parser = new SipParser();
        // What handling a message takes (the parsed message and its parse and check result: about 750 B) is made by the
        // first packet of a burst (an answer's writer is its own, garbage once sent: h-reply); both let go at the end of the turn that handled packets (every packet
        // waiting was taken in it), or, made outside one (a listener's later answer), after PartsQuietTurns turns without
        // a packet (small objects, cheap to make again, unlike a packet's 3 KB block); a quiet phone keeps none of it.
        // What the packet set off in the same turn (a response's SUBSCRIBEs, a MESSAGE's text drawn on the idle screen)
        // is the board's tightest moment, and beside 1.8 KB of them the screen read its font a glyph at a time, a
        // collection each (docs/benchmarks.md, h-boot80b, h-msgfit). Requests in consecutive turns (an office key's
        // NOTIFY the turn after a MESSAGE) kept them for five turns, where the next request came ten turns later: 1.1 KB
        // under half the office stream's turns for nothing (h-txtable).
        private SipMessage _message;
        // The parse's outcome and the check's verdict in one object (a CheckResult is a ParseResult).
        private CheckResult _check;
        // Turns since the last packet (low 10 bits; 1 at first: no packet came before the first turn), turns towards the
        // next trim (the next 10 bits; both stop at SipInbox.QuietTurns, 500), whether the packet being handled has been
        // answered (a faulting handler's request gets 500 only if not), whether the last Poll handled a request, and
        // whether the token seed is drawn (_tokenSeed holds the address's hash until then): one int, not five fields and
        // a hash (12 B each on the device, docs/benchmarks.md h-restfields).
        private int _turns = 1;
        private const int TurnMask = 0x3FF;
        private const int TrimShift = 10;
        private const int AnsweredBit = 1 << 20;
        private const int HandledBit = 1 << 21;
        private const int SeedBit = 1 << 22;
        private readonly ServerTransactions _transactions = new ServerTransactions();
        // Client transaction slots: 4 at first, doubling up to MaxClientTransactions while requests are in flight, back
        // to 4 once all are done and the phone is quiet. The refused INVITEs' table exists while one is tracked.
        private ClientTransaction[] _clients = new ClientTransaction[FirstClientSlots];
        private InviteServerTransaction[] _invites;
        private const int FirstClientSlots = 4;

        /// <summary>Refused INVITEs whose final answer is kept retransmitting until the ACK (Timer G/H).</summary>
        public const int MaxInviteTransactions = 8;
        private int _tagCounter;
        private uint _tokenSeed;

        /// <summary>
        /// Loop turns without a packet after which the writer and the searches' boxes made outside a packet's turn (a
        /// listener's later answer, a parse of the domain's) are let go: about 25-50 ms on the board, 50 ms in the
        /// interpreter's 10 ms turns. A packet's turn lets go of them and of the parsed message at its end: at 50 turns
        /// (h-idle2) the office phone's MESSAGE stream at 80,896 B held them where the heap reserve measured it and at
        /// the step's end (docs/benchmarks.md, h-reserve2), at 5 after every key's NOTIFY (h-txtable).
        /// </summary>
        public const int PartsQuietTurns = 5;

        /// <summary>Requests of the phone in flight at once (registrations, messages, subscriptions).</summary>
        public const int MaxClientTransactions = 16;

        /// <summary>Where the transports hand their messages over (its Room: the phone's heap reserve).</summary>
        public SipInbox Inbox => _inbox;

        public SipUserAgent(SipInbox inbox)
        {
            _inbox = inbox;
            _parser.MaxBodyBytes = inbox.PacketBytes;
        }

        /// <summary>A full packet's message bytes: a packet whose array is no larger is let go when handed back (SipInbox.Return).</summary>
        internal int PacketBytes => _inbox.PacketBytes;

        /// <summary>Links in the request chain (the phone has two: the call sessions and the identity routing).</summary>
        public const int MaxListeners = 4;

        /// <summary>Puts <paramref name="listener"/> at the end of the chain, after those added before it; false when the chain is full.</summary>
        public bool AddListener(ISipListener listener)
        {
            for (int i = 0; i < MaxListeners; i++)
            {
                if (_listeners[i] == null)
                {
                    _listeners[i] = listener;
                    return true;
                }
            }
            return false;
        }

        /// <summary>The application's answer to "which identity is this request for" (null: none, every request is for none).</summary>
        public IIdentityRouter Router;

        /// <summary>The methods, body types and option tags the phone handles.</summary>
        public readonly UaCapabilities Capabilities = UaCapabilities.Phone();
        /// <summary>Requests answered since start, for the bench.</summary>
        public int Answered;

        /// <summary>Server transactions reused inside Timer J, their answer 5 s old or more (docs/sip-stack.md, "Transactions").</summary>
        public int ServerTransactionsReused => _transactions.Reused;

        /// <summary>Entries the server transaction table holds room for now (16 up to 128; docs/sip-stack.md, "Transactions").</summary>
        public int ServerTransactionRoom => _transactions.Capacity;

        /// <summary>
        /// The address the phone puts in Via and Contact (the transports' bind address). An IPv6 address is kept as the
        /// reference sent-by and URIs need ("::1" becomes "[::1]", RFC 3261 25.1, RFC 5118 4.1).
        /// </summary>
        public string LocalHost
        {
            get { return _localHost; }
            set
            {
                _localHost = value != null && value.Length > 0 && value[0] != '[' && value.IndexOf(':') >= 0 ? "[" + value + "]" : value;
                MixAddress(_localHost);
            }
        }

        /// <summary>
        /// The phone's address goes into the tokens' seed: phones that start together (after a power cut, their clocks
        /// at the same value before time is set) would otherwise draw the same tokens, and the Call-IDs of REGISTER and
        /// SUBSCRIBE are made from a tag alone. Addresses differ on one network; FNV-1a over the address's characters.
        /// </summary>
        private void MixAddress(string address)
        {
            if (address == null)
            {
                return;
            }
            uint hash = 2166136261;
            char[] chars = address.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                hash = (hash ^ chars[i]) * 16777619;
            }
            _tokenSeed = (_turns & SeedBit) != 0 ? (_tokenSeed ^ hash) | 1 : hash;
        }

        private string _localHost = "127.0.0.1";

        public int LocalPort => Udp == null ? SipUri.DefaultPort : Udp.LocalPort;

        /// <summary>The transport the phone's own requests go out on.</summary>
        public ISipTransport Udp { get; set; }

        /// <summary>The transport of the identities over TCP (<see cref="SipIdentity.OverTcp"/>); null: they use UDP too.</summary>
        public ISipTransport Tcp;

        /// <summary>A fresh token for tags, branches and Call-IDs (unique within this run, apart across runs and phones).</summary>
        public string NewToken()
        {
            if ((_turns & SeedBit) == 0)
            {
                _tokenSeed = ((uint)System.DateTime.UtcNow.Ticks ^ _tokenSeed) | 1;
                _turns |= SeedBit;
            }
            // xorshift: cheap, allocation-free and good enough to keep tokens apart.
            _tokenSeed ^= _tokenSeed << 13;
            _tokenSeed ^= _tokenSeed >> 17;
            _tokenSeed ^= _tokenSeed << 5;
            return _tokenSeed.ToString("x8") + (++_tagCounter).ToString("x");
        }

        /// <summary>
        /// Starts a client transaction; false when too many are in flight. A slot is free again as soon as its
        /// transaction has its final answer or gave up (<see cref="Poll"/> drops it then): a completed non-INVITE
        /// transaction only absorbs retransmitted responses during Timer K, and a response that matches no
        /// transaction is dropped the same way, so keeping it would only keep its request bytes and closures.
        /// </summary>
        public bool Start(ClientTransaction transaction, long nowMs)
        {
            int size = _clients.Length;
            for (int i = 0; i <= size; i++)
            {
                if (i == size)
                {
                    if (size == MaxClientTransactions)
                    {
                        return false;
                    }
                    _clients = (ClientTransaction[])ArrayGrowth.Grow(_clients, new ClientTransaction[size * 2]);
                }
                if (_clients[i] == null || _clients[i].State >= ClientTransaction.Completed)
                {
                    _clients[i] = transaction;
                    transaction.Start(nowMs);
                    return true;
                }
            }
            return false;
        }

        /// <summary>Client transaction slots free now (a caller with requests waiting starts them as slots free up).</summary>
        public int FreeClientTransactions
        {
            get
            {
                int free = MaxClientTransactions - _clients.Length;
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i] == null || _clients[i].State >= ClientTransaction.Completed)
                    {
                        free++;
                    }
                }
                return free;
            }
        }

        /// <summary>
        /// The Contact of an identity: its user at the phone's address, with the line token incoming requests are matched
        /// by, and <c>;transport=tcp</c> for an identity over TCP (the PBX then sends its requests over TCP too).
        /// </summary>
        public string ContactOf(SipIdentity identity) =>
            "<sip:" + identity.User + "@" + LocalHost + ":" + (TransportOf(identity) == Udp ? LocalPort : Tcp.LocalPort).ToString() +
            ";line=" + identity.LineToken + (TransportOf(identity) == Udp ? ">" : ";transport=tcp>");

        /// <summary>The transport an identity's own requests go out on: TCP for one over TCP (when there is one), else UDP.</summary>
        public ISipTransport TransportOf(SipIdentity identity) => identity != null && identity.OverTcp && Tcp != null ? Tcp : Udp;

        /// <summary>The top Via of a request of the phone's own over <paramref name="transport"/> (null: UDP), with its port.</summary>
        public string ViaOf(ISipTransport transport, string branch) =>
            "SIP/2.0/" + (transport == null ? "UDP " : transport.Name + " ") + LocalHost + ":" + (transport == null ? LocalPort : transport.LocalPort).ToString() +
            ";branch=" + branch + ";rport";

        /// <summary>
        /// A connection of the phone's own to address:port is lost (the TCP transport says so): the requests still
        /// waiting for an answer on it end now as unanswered instead of on Timer F.
        /// </summary>
        public void ConnectionLost(string address, int port, long nowMs)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                ClientTransaction t = _clients[i];
                if (t != null && t.Reliable && t.Port == port && t.Host == address)
                {
                    t.Fail(nowMs);
                }
            }
        }

        /// <summary>
        /// Sends a request of an identity the caller holds (one being turned off still ends what it began) to
        /// address:port, built by <paramref name="build"/> (again, with credentials, after a 401 or 407);
        /// <paramref name="done"/> gets the final answer (null: none came).
        /// </summary>
        public bool SendRequest(SipIdentity id, string method, string uri, string address, int port, RequestBuilder build,
                                ResponseHandler done, long nowMs)
        {
            return SendRequest(id, TransportOf(id), method, uri, address, port, build, done, nowMs);
        }

        /// <summary>As above over a given transport (a call's own connection; its Via must name it).</summary>
        internal bool SendRequest(SipIdentity id, ISipTransport transport, string method, string uri, string address, int port,
                                  RequestBuilder build, ResponseHandler done, long nowMs)
        {
            if (id == null || transport == null)
            {
                return false;
            }
            return AuthenticatedRequest.Send(this, id, transport, method, uri, address, port, build, done, null, null, nowMs);
        }

        /// <summary>Sends a MESSAGE for an identity; the handler gets the final status (0 when it could not go out).</summary>
        public bool SendMessage(int identity, string target, string contentType, byte[] body, NumberTextHandler done, long nowMs)
        {
            SipIdentity id = GetIdentity(identity);
            if (id == null || !id.Active || Udp == null)
            {
                done(0, "identity " + identity.ToString() + " is not active");
                return false;
            }
            return new OutgoingMessage(this, id, target, contentType, body, done).Send(nowMs);
        }

        /// <summary>
        /// Sets identity <see cref="SipIdentity.Index"/>; an inactive one is not kept (a phone has twelve slots and
        /// uses one or two, and on the device each kept identity costs its fields in the heap), so
        /// <see cref="GetIdentity"/> gives null for it.
        /// </summary>
        public void SetIdentity(SipIdentity identity)
        {
            int index = identity.Index;
            if (index < 1 || index > MaxIdentities || (index >= _identities.Length && !identity.Active))
            {
                return;
            }
            if (index >= _identities.Length)
            {
                _identities = (SipIdentity[])ArrayGrowth.Grow(_identities, new SipIdentity[index + 1]);
            }
            SipIdentity was = _identities[index];
            if (!identity.Active && was != null)
            {
                // Turned off: the object it was stays for the unsubscribes of its dialogs (an array made by the first
                // turn-off, where a field in every subscription held it, docs/benchmarks.md h-office3).
                (_retired ?? (_retired = new SipIdentity[MaxIdentities + 1]))[index] = was;
            }
            else if (identity.Active && _retired != null)
            {
                _retired[index] = null;
            }
            _identities[index] = identity.Active ? identity : null;
        }

        // The last active object of each identity turned off (RetiredIdentity); null until the first turn-off.
        private SipIdentity[] _retired;

        public SipIdentity GetIdentity(int index) => index >= 1 && index < _identities.Length ? _identities[index] : null;

        public SipIdentity RetiredIdentity(int index) => _retired != null && index >= 1 && index <= MaxIdentities ? _retired[index] : null;

        /// <summary>
        /// Whether the last <see cref="Poll"/> handled a request: the loop draws the screen a turn later then, when the
        /// request's parse, its answers' copies and what its handling set off (a new call's PUBLISH) are gone
        /// (docs/benchmarks.md, h-callfit).
        /// </summary>
        public bool HandledRequests => (_turns & HandledBit) != 0;

        /// <summary>Handles every waiting packet; call from the firmware loop.</summary>
        public void Poll(long nowMs)
        {
            SipPacket packet;
            bool requests = false;
            if ((_turns & TurnMask) < SipInbox.QuietTurns)
            {
                _turns++;
            }
            // The burst's parts before a packet is taken: without heap for them now (nanoCLR throws, then compacts at its
            // next safe point) the packets wait in the inbox for the next turn instead of being lost. With a heap reserve
            // (SipInbox.Room) they are made once the packet is admitted, and a request without heap for them is answered
            // 503 from its bytes.
            while ((_message != null || _inbox.Waiting == 0 || _inbox.Room != null || MakeBurstParts()) && (packet = _inbox.Take()) != null)
            {
                // No quiet turn, not answered yet. The slot goes back whatever happens: a handler that throws must not
                // cost the board one of its few inbox slots for good (after as many faults as slots the phone would stop
                // reading SIP).
                _turns &= ~(TurnMask | AnsweredBit);
                try
                {
                    if (NoRoom(packet) || (_message == null && !MakeBurstParts()))
                    {
                        RefuseUnparsed(packet);
                        continue;
                    }
                    // A request's handling from here, not under Handle: its frame is gone by then, one fewer under every
                    // request's deepest point (a call's INVITE, ACK and BYE on the 80,896-byte board, issue #18). The
                    // chain is walked here too, not in a method of its own: a frame less (204 B) under every request's
                    // handling (a BLF key's NOTIFY turn, the office stream's lowest collection, h-frames2). An ACK
                    // goes to the chain unless it stopped a refused INVITE's retransmissions; any other request once
                    // neither answered before its check nor refused by it. What no listener takes gets the core's answer.
                    // The message read from its field, not a local: 12 B less of this frame, under every handler.
                    // The top Via parsed from this frame, not under AnsweredOrRefused and AnsweredBeforeCheck: two frames
                    // less under its parse (the office stream's lowest collection in a census sweep around the 80,896-byte
                    // board, 11,840 B shifted to it: tools/HeapCensus/sweep.sh, h-sipsweep); the message not passed beside
                    // it: no stack slot more in this frame, under every handler.
                    if (Handle(packet, nowMs))
                    {
                        if (_message.Method == "ACK" ? !AckedRefusal(_message, nowMs) : !AnsweredOrRefused(packet, _message.GetVia(0), nowMs))
                        {
                            int i = 0;
                            while (i < MaxListeners && _listeners[i] != null && !_listeners[i].OnRequest(packet, _message, nowMs))
                            {
                                i++;
                            }
                            if (i == MaxListeners || _listeners[i] == null)
                            {
                                AnswerUnclaimed(packet, _message, nowMs);
                            }
                        }
                    }
                }
                catch (System.Exception)
                {
                    _after = null;
                    AnswerFault(packet, nowMs);
                    throw;
                }
                finally
                {
                    // Handled: the message lets go of the packet's bytes, so a quiet inbox can drop the packet, and the
                    // server transactions of the request they hashed.
                    if (_message != null)
                    {
                        requests |= _message.IsRequest;
                        _message.Release();
                    }
                    _transactions.Forget();
                    _inbox.Return(packet);
                }
                IAfterPacket after = _after;
                if (after != null)
                {
                    _after = null;
                    after.AfterPacket(nowMs);
                }
            }
            PollTransactions(requests, nowMs);
        }

        /// <summary>
        /// After the packets: the burst's parts let go at a packet's turn end or once quiet, the transactions' timers. A method of its own so that
        /// its locals are not in <see cref="Poll"/>'s frame, which is under every request's handling (h-frames2).
        /// </summary>
        private void PollTransactions(bool requests, long nowMs)
        {
            _turns = requests ? _turns | HandledBit : _turns & ~HandledBit;
            int quiet = _turns & TurnMask;
            // Tested first: an idle turn (neither made) stores nothing.
            if ((_message != null || ByteSearch.Boxes != null) && (quiet >= PartsQuietTurns || quiet == 0))
            {
                _message = null;
                _check = null;
                // The searches' boxed values go with them (made again by the next parse): 384 B a quiet phone does not
                // keep, whoever searched last (a parse outside a burst too).
                ByteSearch.Boxes = null;
            }
            bool busy = false;
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i] != null)
                {
                    _clients[i].Poll(nowMs);
                    if (_clients[i].State >= ClientTransaction.Completed)
                    {
                        _clients[i] = null;
                    }
                    busy |= _clients[i] != null;
                }
            }
            if (quiet > 0 && ((_turns += 1 << TrimShift) >> TrimShift & TurnMask) >= SipInbox.QuietTurns)
            {
                // Every QuietTurns turns without traffic: the server transactions past Timer J let go of their room,
                // and the client transaction slots of a bring-up go back to 4 once none is in flight.
                _turns &= ~(TurnMask << TrimShift);
                _transactions.Trim(nowMs);
                if (!busy && _clients.Length > FirstClientSlots)
                {
                    _clients = new ClientTransaction[FirstClientSlots];
                }
            }
            busy = false;
            for (int i = 0; _invites != null && i < MaxInviteTransactions; i++)
            {
                if (_invites[i] != null)
                {
                    _invites[i].Poll(nowMs);
                    if (_invites[i].State == InviteServerTransaction.Terminated)
                    {
                        _invites[i] = null;
                    }
                    busy |= _invites[i] != null;
                }
            }
            if (!busy)
            {
                _invites = null;
            }
        }

        // The one piece of work a handler left for after its packet (AfterPacket); null: none.
        private IAfterPacket _after;

        /// <summary>
        /// Runs <paramref name="work"/> once the packet being handled is handled and let go, before the next one (one at
        /// a time: a handler sets it at most once a packet).
        /// </summary>
        public void AfterPacket(IAfterPacket work) => _after = work;

        /// <summary>Makes what handling a message takes (the first packet after a quiet spell).</summary>
        private bool MakeBurstParts()
        {
            try
            {
                _check = new CheckResult();
                _message = new SipMessage();
                // The searches' boxed values with them, from this frame: the parse's first search made them under Handle,
                // Parse and ByteSearch.IndexOf (about 600 B of frames more), 17 of the office stream's low collections on
                // the 80,896-byte board (h-sipmargin).
                _ = ByteSearch.Boxes ?? ByteSearch.Make();
                return true;
            }
            catch (System.OutOfMemoryException)
            {
                _check = null;
                _message = null;
                return false;
            }
        }

        /// <summary>
        /// The request being handled threw before an answer went out: 500 (kept for retransmissions, so a
        /// retransmitted request does not reach the faulting handler again). Best effort: a fault here is swallowed,
        /// the caller rethrows the first one.
        /// </summary>
        private void AnswerFault(SipPacket packet, long nowMs)
        {
            if ((_turns & AnsweredBit) != 0)
            {
                return;
            }
            try
            {
                SipMessage m = _message;
                if (m != null && m.Buffer == packet.Data && m.IsRequest && m.Method != "ACK" && m.ViaCount > 0)
                {
                    Reply(packet, m, 500, nowMs);
                }
            }
            catch (System.Exception)
            {
            }
        }

        /// <summary>The Retry-After of a request refused for want of heap: the phone's memory watch measures again then.</summary>
        public const string LowMemoryRetryAfter = "10";

        /// <summary>
        /// Parses the packet into the burst's message and handles what is not a request to take in (a refusal, a malformed
        /// message, a response); true for a parsed request, which the caller hands to the chain.
        /// </summary>
        private bool Handle(SipPacket packet, long nowMs)
        {
            if (packet.RefuseStatus != 0)
            {
                Refuse(packet, nowMs);
                return false;
            }
            // The message's per-line arrays (let go with the last message's bytes, SipMessage.Release) made from this
            // frame, not by the parse's own Reset under its 408-B frame: 14 of the office stream's low collections on the
            // 80,896-byte board were there (h-sipmargin). The parse resets the message again, making nothing.
            _message.Reset(packet.Data, 0);
            _parser.Parse(packet.Data, 0, packet.Length, packet.Connection != null, _message, _check);
            SipMessage m = _message;
            m.RemoteHost = packet.RemoteHost;
            if (_check.Code != ParseResult.Ok)
            {
                if (_check.ErrorStatus != 0 && m.ViaCount > 0)
                {
                    RefuseMalformed(packet, m, nowMs);
                }
                return false;
            }
            if (!m.IsRequest)
            {
                // The top Via parsed from this frame, not under the check's (which judges it, kept): a frame less under its
                // parse (a response's, the office stream's lowest collection in a census sweep around the 80,896-byte
                // board, 11,972 B shifted to it: tools/HeapCensus/sweep.sh, h-sipsweep).
                _ = m.GetVia(0);
                RequestCheck.Check(m, Capabilities, _check);
                ClientTransaction t = _check.Code == ParseResult.Ok ? FindClient(m) : null;
                if (t != null)
                {
                    t.OnResponse(m, nowMs);
                    return false;
                }
                for (int i = 0; i < MaxListeners && _listeners[i] != null && _check.Code == ParseResult.Ok; i++)
                {
                    if (_listeners[i].OnResponse(m, nowMs))
                    {
                        return false;
                    }
                }
                // Otherwise a stray or broken response, dropped (RFC 3261 8.1.3.3, 18.1.2).
                return false;
            }
            return true;
        }

        /// <summary>
        /// A request refused before its packet was made, or one the heap has no room to parse and handle now, a new call
        /// one it has no room to hold (SipInbox.Room, which takes every response in: it frees the phone's own transaction).
        /// </summary>
        private bool NoRoom(SipPacket packet)
        {
            IHeapRoom room = _inbox.Room;
            if (packet.RefuseStatus == 0 && room != null)
            {
                packet.RefuseStatus = room.Refusal(packet.Data, packet.Length);
            }
            return packet.RefuseStatus == 503 || packet.RefuseStatus == 486;
        }

        /// <summary>
        /// Answers a request 503 with Retry-After (a new call without room for one 486) from its bytes
        /// (<see cref="UnparsedRefusal"/>: no parse, no header objects), to where it came from (its source port, as rport
        /// would); a response, or a request it cannot read, is dropped.
        /// </summary>
        private void RefuseUnparsed(SipPacket packet)
        {
            byte[] answer = UnparsedRefusal.Answer(packet.Data, packet.Length, packet.RemoteHost, packet.RemotePort, LowMemoryRetryAfter, packet.RefuseStatus == 486);
            if (answer != null)
            {
                packet.Transport.Send(answer, answer.Length, packet.RemoteHost, packet.RemotePort, packet.Connection);
                Answered++;
            }
        }

        /// <summary>The parser's answer to a malformed request (400 and the like), not kept for retransmissions.</summary>
        private void RefuseMalformed(SipPacket packet, SipMessage m, long nowMs)
        {
            _reason = _check.ErrorReason;
            _how = Once;
            Reply(packet, m, _check.ErrorStatus, nowMs);
        }

        /// <summary>
        /// A parsed request other than ACK answered before the chain: its transaction's replay or a refusal, before its
        /// check (<see cref="AnsweredBeforeCheck"/>) or by it. True when it was answered. A method of its own so that the
        /// frame under which a response is checked and handled (the REGISTER's 200, the deepest moment of the 80,896-byte
        /// board's boot) keeps neither these calls' stack slots nor the answer's (issue #17); the check
        /// is made here, not under AnsweredBeforeCheck: a frame less under its parse of the names, where the call's BYE
        /// ran out of heap on the 80,896-byte board (issue #18).
        /// </summary>
        private bool AnsweredOrRefused(SipPacket packet, Via top, long nowMs)
        {
            SipMessage m = _message;
            if (AnsweredBeforeCheck(packet, m, top, nowMs))
            {
                return true;
            }
            RequestCheck.Check(m, Capabilities, _check);
            if (_check.ErrorStatus != 0)
            {
                RefuseChecked(packet, m, nowMs);
                return true;
            }
            return false;
        }

        /// <summary>
        /// A request other than ACK answered before its check: a retransmitted refused INVITE, a retransmission (Timer J),
        /// no room for its transaction. True when it was answered. <paramref name="top"/>: the request's top Via.
        /// </summary>
        private bool AnsweredBeforeCheck(SipPacket packet, SipMessage m, Via top, long nowMs)
        {
            if (m.Method == "INVITE" && ReplayRefusal(packet, m))
            {
                return true;
            }
            int entry = _transactions.Find(top, m.Method, packet.RemoteHost, nowMs);
            if (entry >= 0)
            {
                Replay(packet, m, entry);
                return true;
            }
            if (!_transactions.HasRoom(top, packet.RemoteHost, packet.Connection != null, nowMs))
            {
                RefuseFull(packet, m, nowMs);
                return true;
            }
            return false;
        }

        // The rare paths of a request's handling in methods of their own: the frames a request is handled under (the
        // INVITE's, issue #18) keep neither their locals nor the answer's stack slots (docs/benchmarks.md "h-ringing").

        /// <summary>
        /// The ACK of a refused INVITE stops its retransmissions (same branch, RFC 3261 17.2.3): true when it was one. Only
        /// then is its Via read: the ACK of a 2xx is end-to-end and gets no response (RFC 3261 13.2.2.4, 17.1.1.3), it goes
        /// to the dialog's owner (the chain, walked in <see cref="Poll"/>: this frame is gone by then), and its
        /// Via parse ran the answered call out of heap on the 80,896-byte board (issue #18).
        /// </summary>
        private bool AckedRefusal(SipMessage m, long nowMs)
        {
            Via ackVia = _invites == null ? null : m.GetVia(0);
            for (int i = 0; ackVia != null && i < MaxInviteTransactions; i++)
            {
                if (_invites[i] != null && _invites[i].Branch == ackVia.Branch)
                {
                    _invites[i].OnAck(nowMs);
                    return true;
                }
            }
            return false;
        }

        /// <summary>Every remembered transaction is still inside Timer J and no flooding source gives one up: refused unhandled.</summary>
        private void RefuseFull(SipPacket packet, SipMessage m, long nowMs)
        {
            // The value (an allocation) first: out of memory there leaves no extra of this answer for the next one.
            _value = _transactions.RetryAfterSeconds(nowMs).ToString();
            _header = HeaderNames.RetryAfter;
            _how = Once;
            Reply(packet, m, 503, nowMs);
        }

        private void RefuseChecked(SipPacket packet, SipMessage m, long nowMs)
        {
            TakeCheck();
            Reply(packet, m, _check.ErrorStatus, nowMs);
        }

        /// <summary>The check's refusal's extras (its reason, unless the request parsed, and its header) for the next answer: a refusal's and its replay's.</summary>
        private void TakeCheck()
        {
            _reason = _check.Code == ParseResult.Ok ? null : _check.ErrorReason;
            _header = _check.HeaderName;
            _value = _check.HeaderValue;
        }

        /// <summary>
        /// The core's answer to a request no listener took: an ACK is absorbed (RFC 3261 17.2.3: no response to an ACK),
        /// OPTIONS 200 with Allow (11.2), a BYE, CANCEL, UPDATE or PRACK of no dialog 481 (15.1.2, 9.2; RFC 3311 5.2;
        /// RFC 3262 3: the phone sends no reliable provisional a PRACK could match), anything else 480 (nobody here takes it).
        /// </summary>
        private void AnswerUnclaimed(SipPacket packet, SipMessage m, long nowMs)
        {
            string method = m.Method;
            if (method == "ACK")
            {
                return;
            }
            if (method == "OPTIONS")
            {
                _value = Capabilities.AllowList();
                _header = HeaderNames.Allow;
                Reply(packet, m, 200, nowMs);
            }
            else
            {
                Reply(packet, m, method == "BYE" || method == "CANCEL" || method == "UPDATE" || method == "PRACK" ? 481 : 480, nowMs);
            }
        }

        /// <summary>A retransmitted INVITE whose refusal is still retransmitting (Timer G) gets those bytes again.</summary>
        private bool ReplayRefusal(SipPacket packet, SipMessage m)
        {
            Via top = m.GetVia(0);
            for (int i = 0; _invites != null && i < MaxInviteTransactions && top != null; i++)
            {
                if (_invites[i] != null && _invites[i].Branch == top.Branch && _invites[i].Response != null)
                {
                    Send(packet, m, _invites[i].Response);
                    _turns |= AnsweredBit;
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// A message the transport refused (cut datagram, lost stream framing): answered with the transport's status when
        /// what is left shows a request with a Via, else dropped; never handled. The answer is not kept (a retransmission
        /// is refused the same way).
        /// </summary>
        private void Refuse(SipPacket packet, long nowMs)
        {
            // Read as a datagram: whatever complete header lines are there count, however the rest was cut.
            _parser.Parse(packet.Data, 0, packet.Length, false, _message, _check);
            SipMessage m = _message;
            m.RemoteHost = packet.RemoteHost;
            if (m.IsRequest && m.Method != null && m.Method != "ACK" && m.GetVia(0) != null)
            {
                int status = packet.RefuseStatus;
                _how = Once;
                Reply(packet, m, status, nowMs);
            }
        }

        private ClientTransaction FindClient(SipMessage response)
        {
            Via top = response.GetVia(0);
            string branch = top == null ? null : top.Branch;
            for (int i = 0; i < _clients.Length; i++)
            {
                ClientTransaction t = _clients[i];
                if (t != null && t.Branch == branch && t.Method == response.CSeqMethod)
                {
                    return t;
                }
            }
            return null;
        }

        /// <summary>As <see cref="Reply(SipPacket, SipMessage, int, long)"/>, with a reason phrase of the caller's (a retransmission is answered with the usual one).</summary>
        public void Reply(SipPacket packet, SipMessage m, int status, string reason, long nowMs)
        {
            _reason = reason;
            Reply(packet, m, status, nowMs);
        }

        /// <summary>As <see cref="Reply(SipPacket, SipMessage, int, long)"/>, with one more header (a 3xx's Contact, a 405's Allow).</summary>
        public void Reply(SipPacket packet, SipMessage m, int status, string header, string value, long nowMs)
        {
            _header = header;
            _value = value;
            Reply(packet, m, status, nowMs);
        }

        /// <summary>
        /// Writes the head of a response the caller completes (its own To tag, Contact, body): status line, the top Via
        /// with received and rport, the other Vias, From, To (with <paramref name="toTag"/>), Call-ID and CSeq.
        /// </summary>
        public void WriteResponseHead(SipWriter w, SipPacket packet, SipMessage m, int status, string toTag)
        {
            w.StartResponse(status, ReasonPhrases.For(status));
            WriteTopVia(w, packet, m);
            w.EchoRequest(m, toTag, 0, 1);
        }

        /// <summary>
        /// Sends a response the caller wrote for <paramref name="m"/> (which came in <paramref name="packet"/>); a
        /// final non-2xx answer to an INVITE on UDP is retransmitted until its ACK (Timer G/H), as the agent's own refusals.
        /// </summary>
        public void SendResponse(SipPacket packet, SipMessage m, int status, byte[] bytes, long nowMs)
        {
            Send(packet, m, bytes);
            _turns |= AnsweredBit;
            Answered++;
            if (m.Method == "INVITE" && status >= 300 && packet.Connection == null)
            {
                TrackInvite(packet, m, bytes, nowMs);
            }
        }

        /// <summary>Where responses to the request go on a datagram transport (RFC 3261 18.2.2, RFC 3581).</summary>
        public static int ResponsePort(SipPacket packet, SipMessage m)
        {
            Via top = m.GetVia(0);
            return packet.Connection == null && top != null && top.Rport < 0 ? (top.Port == 0 ? SipUri.DefaultPort : top.Port) : packet.RemotePort;
        }

        /// <summary>
        /// Answers the request with a status and its usual reason, kept for retransmissions (Timer J); a refused INVITE
        /// on UDP is retransmitted until its ACK (Timer G/H).
        /// </summary>
        // The answer's extras (another reason, one more header, how it is kept) are in fields the other overloads and
        // the agent's refusals set just before, read and cleared here: this overload, the usual answer (a MESSAGE's or
        // NOTIFY's 200 from the routing, a BYE's), writes the answer itself, a frame of 228 B less under every
        // allocation of the answer's writing than a wrapper over an eight-argument method (issue #17, h-viaturn).
        public void Reply(SipPacket packet, SipMessage m, int status, long nowMs)
        {
            string reason = _reason ?? ReasonPhrases.For(status);
            string header = _header;
            string value = _value;
            int how = _how;
            _reason = null;
            _header = null;
            _value = null;
            _how = Remembered;
            int tagNumber = how >= 0 ? how : status >= 200 ? ++_tagCounter : 0;
            // The answer written here, not in a method of its own: a frame less under every allocation of its writing, the
            // office stream's answers' deepest point on the 80,896-byte board (docs/benchmarks.md h-reply). A writer per
            // answer, sized to it (the lines it copies, the reason, the extra header, the source address for received and
            // AnswerRoom), garbage once sent: what the turn does after the answer does not hold it.
            SipWriter w = new SipWriter(new byte[m.EchoedBytes() + Chars(reason) + Chars(header) + Chars(value) + 4 + Chars(packet.RemoteHost) + AnswerRoom])
                .StartResponse(status, reason);
            if (m.ViaCount > 0)
            {
                WriteTopVia(w, packet, m);
            }
            // The To tag "dp" and the number written as digits: no string made of it (and no local for it in this frame).
            w.EchoRequest(m, tagNumber != 0 ? "dp" : null, tagNumber, m.ViaCount > 0 ? 1 : 0);
            if (header != null)
            {
                w.Header(header, value);
            }
            w.UserAgent();
            // Sent from the writer's own buffer (the transports send or copy it at once): no copy per answer, the last
            // allocation of the call's BYE on the 80,896-byte board (issue #18).
            packet.Transport.Send(w.Buffer, w.Finish(), packet.RemoteHost, ResponsePort(packet, m), packet.Connection);
            _turns |= AnsweredBit;
            if (how >= 0)
            {
                return;
            }
            if (how == Remembered)
            {
                // What makes the answer again from a retransmission: the extra header by kind, else the checks run again
                // (in how's local: a local less in this frame, which lies under every allocation of the answer).
                how = header == null ? (reason == ReasonPhrases.For(status) ? ServerTransactions.Plain : ServerTransactions.FromCheck)
                    : header == HeaderNames.Allow ? ServerTransactions.WithAllow
                    : header == HeaderNames.Accept && value == "text/plain" ? ServerTransactions.WithAcceptText
                    : ServerTransactions.FromCheck;
                _transactions.Remember(m.GetVia(0), m.Method, packet.RemoteHost, status, how, tagNumber, packet.Connection != null, nowMs);
            }
            Answered++;
            if (m.Method == "INVITE" && status >= 300 && packet.Connection == null)
            {
                // A refused INVITE's answer is kept, a copy, for its retransmissions (Timer G/H).
                TrackInvite(packet, m, w.ToBytes(), nowMs);
            }
        }

        // The next answer's extras (Reply(SipPacket, SipMessage, int, long)): null for the usual reason and no header.
        private string _reason;
        private string _header;
        private string _value;

        /// <summary>
        /// How the next answer is kept: <see cref="Remembered"/> (the default) for retransmissions (Timer J),
        /// <see cref="Once"/> not (a refusal a retransmission gets again the same way); 0 or more: a retransmission
        /// answered again with that To tag (0: none), neither counted nor kept.
        /// </summary>
        private int _how = Remembered;

        private const int Remembered = -1;
        private const int Once = -2;

        /// <summary>
        /// Answers a retransmission (Timer J) with what its transaction answered: the same status and To tag, the
        /// answer written again from the retransmitted request (same Via, From, To, Call-ID, CSeq). (A refused INVITE
        /// still retransmitting its answer was sent those bytes before, by ReplayRefusal.)
        /// </summary>
        private void Replay(SipPacket packet, SipMessage m, int entry)
        {
            int status = _transactions.Status(entry);
            int kind = _transactions.Kind(entry);
            if (kind == ServerTransactions.WithAllow)
            {
                _value = Capabilities.AllowList();
                _header = HeaderNames.Allow;
            }
            else if (kind == ServerTransactions.WithAcceptText)
            {
                _header = HeaderNames.Accept;
                _value = "text/plain";
            }
            else if (kind == ServerTransactions.FromCheck)
            {
                RequestCheck.Check(m, Capabilities, _check);
                if (_check.ErrorStatus == status)
                {
                    TakeCheck();
                }
            }
            _how = _transactions.Tag(entry, _tagCounter);
            Reply(packet, m, status, 0);
        }

        /// <summary>
        /// An answer's bytes beside the lines it copies, the reason, the extra header and the source address: the status
        /// line's others (15), the To tag (17), ";received=" and ";rport=65535" (22), User-Agent (23), Content-Length (21).
        /// </summary>
        private const int AnswerRoom = 98;

        private static int Chars(string s) => s == null ? 0 : s.Length;

        private void TrackInvite(SipPacket packet, SipMessage m, byte[] response, long nowMs)
        {
            Via top = m.GetVia(0);
            int port = ResponsePort(packet, m);
            if (_invites == null)
            {
                _invites = new InviteServerTransaction[MaxInviteTransactions];
            }
            for (int i = 0; i < MaxInviteTransactions; i++)
            {
                if (_invites[i] == null)
                {
                    _invites[i] = new InviteServerTransaction(top == null ? null : top.Branch, response, packet.Transport, packet.RemoteHost, port, nowMs);
                    return;
                }
            }
            // Table full: the response was sent once; a retransmitted INVITE is still answered from the cache.
        }

        /// <summary>
        /// The top Via with received (RFC 3261 18.2.1) and rport (RFC 3581) filled in, written in pieces so that no
        /// edited copy of the value is made.
        /// </summary>
        internal static void WriteTopVia(SipWriter w, SipPacket packet, SipMessage m)
        {
            Via top = m.GetVia(0);
            w.BeginHeader(HeaderNames.Via);
            if (top == null)
            {
                // By kind, not by name: a frame less under the response's deepest point (docs/benchmarks.md, h-callfit3).
                w.Append(m.ValueOf(HeaderNames.ViaKind, null, 0)).EndHeader();
                return;
            }
            int start = w.Position;
            // The parsed Via's value: no look-up of the header's value (ValueOf's 312-B frame and those under it) under
            // the answer's writing, where 13 of office's low collections fell (h-viaturn).
            w.Append(top.Value);
            // The source address is written without brackets, also for IPv6: received is IPv6address, not IPv6reference
            // (RFC 3261 25.1, RFC 5118 4.5); sent-by "[2001:db8::1]" and the source 2001:db8::1 are the same host.
            bool received = !SipUri.SameHost(top.Host, packet.RemoteHost) || top.Rport == 0;
            if (received && top.Received != null)
            {
                // Any received the client put there is replaced (parameter names are case-insensitive, RFC 3261 7.3.1).
                // Without one (the usual case) the written value is not walked for it.
                w.RemoveParam(start, "received");
            }
            if (top.Rport == 0)
            {
                // A bare rport (any case: ;RPORT too) is replaced by the port the request came from.
                w.RemoveParam(start, "rport").Append(";rport=").Append(packet.RemotePort);
            }
            if (received)
            {
                w.Append(";received=").Append(packet.RemoteHost);
            }
            w.EndHeader();
        }

        /// <summary>A response's bytes to where responses to <paramref name="m"/> go (the call layer's answers too).</summary>
        internal static void Send(SipPacket packet, SipMessage m, byte[] bytes)
        {
            // Without rport the answer goes to the received address and the sent-by port (RFC 3261 18.2.2).
            packet.Transport.Send(bytes, bytes.Length, packet.RemoteHost, ResponsePort(packet, m), packet.Connection);
        }
    }
}
