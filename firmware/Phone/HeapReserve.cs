using DeskPhone.Domain.Signals;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Hal;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The heap the phone keeps free before it takes on long-lived state (issue #17): an identity's registration, a
    /// BLF key's subscription. What would leave less than <see cref="KeepBytes"/> free (<c>low_memory_threshold</c>,
    /// 8,192 B by default: what would make the phone low on memory is not taken on) is refused, not taken on:
    /// its owner reports it (<see cref="Report"/>, said by PhoneHasLowMemory), keeps its settings, and takes it on
    /// when <see cref="Retry"/> asks again (<see cref="MemoryWatch"/>, every period while something is refused).
    /// The free heap is measured with a full collection only at such an admission moment, at most once a loop turn,
    /// which takes on at most one part, and only once what the parts before it build has been built (their requests
    /// answered, <see cref="Holding"/>): 45 keys from one provisioning are taken on one after another, each measured with
    /// what the one before built in the heap, and after the identities' own subscriptions and PUBLISH.
    /// A phone without a heap to ask (the simulator, host tests without a fake) has none and takes everything on.
    /// </summary>
    // A reserve rather than catching OutOfMemoryException where the state is built: nanoCLR has faults of its own near
    // a full heap (docs/benchmarks.md), and a reserve keeps the transients (a REGISTER, a SUBSCRIBE, a call's INVITE) room.
    // Fields, not delegates and closures, where the reserve calls its owners: each delegate is 36 B of the board's heap.
    public sealed class HeapReserve : IHeapRoom
    {
        /// <summary>
        /// Free bytes kept after an admission: <c>low_memory_threshold</c> (MemoryWatch sets it at each of its periods;
        /// 0 turns the reserve off). The default 8,192 B covers what an admitted part brings on top of what it holds: an
        /// idle phone's REGISTER takes 6.3 KB above its rest on the board's heap, and a key's NOTIFY needs an inbox packet
        /// of 3 KB beside its SUBSCRIBE's transaction (docs/benchmarks.md, h-refuse: 6 KB let a key in that then left the
        /// NOTIFY no packet).
        /// </summary>
        public int KeepBytes = 8192;

        /// <summary>
        /// What an identity's registration takes on (its client, identity, mailbox and feature subscriptions, its REGISTER
        /// in flight): measured on the board's heap from its admission to the next turn's measurement, 1,152 B for each
        /// identity after the first and 2,508 B for the first (with what the agent's first request builds once;
        /// docs/benchmarks.md, h-bootblf). Measured anew from its admission until it rests (its REGISTER answered, its own
        /// SUBSCRIBEs and PUBLISH sent one at a time and answered; the next part waits for that, <see cref="Holding"/>):
        /// 864 B for the first identity (its reg subscription and the presence PUBLISH with it), 408-504 B for each after
        /// it, in the office and worst profiles (docs/benchmarks.md, h-idadmit): the 1,536 B cover its REGISTER in flight
        /// beside that, and the transients after (a SUBSCRIBE in flight, a NOTIFY) are the request room's.
        /// </summary>
        public const int IdentityBytes = 1536;

        /// <summary>
        /// What a BLF key's subscription takes on until its SUBSCRIBE is answered: measured on the board's heap from its
        /// admission to the next turn's measurement, 2,412 B (the subscription, its SUBSCRIBE's client transaction and
        /// bytes kept for retransmission, the 200); 264 B once its NOTIFY is handled (docs/benchmarks.md, h-bootblf).
        /// Measured anew, each key admitted once the one before rests (h-idadmit): 1.9-2.0 KB with its SUBSCRIBE in flight,
        /// 228-312 B once its NOTIFY is handled.
        /// </summary>
        public const int KeyBytes = 2560;

        /// <summary>
        /// What a BLF key holds beyond its idle state while its extension rings, counted for every key taken on before the
        /// one admitted (<see cref="AdmitKey"/>): each may ring later, and a ring's state is kept, not a transient the
        /// request room covers. Measured on the board's scenario (200,000 B, office, its 16 keys NOTIFYed ringing one
        /// after another with a caller, a dialog's call-id and tags): 285 B a key (its DialogInfo and DialogPickup with
        /// the call-id, tags and caller's target, the pickup list's share, the idle screen's pickup line;
        /// docs/benchmarks.md, h-keyadmit), when 320 B were set. Measured again once a ringing key kept its pickup as one
        /// text (h-blfstate) in a slot only for the keys that keep one (h-keystate): 125 B a key (the pickup's text of
        /// 80 characters 96 B, its slot 12 B, its share of the idle screen's pickup lines and of the pickup list); the
        /// first ring adds about 240 B of shares (the slots' array, the list, the idle screen's pickup line), which the
        /// keys before it cover from the seventh on, the admitted key's <see cref="KeyBytes"/> before. 160 B leave room
        /// for a pickup text 35 characters longer (a longer call-id, tags or caller); a PBX with 36-character tags rings
        /// a key in about 190 B, the rest from the request room. The admitted key's own ring fits in
        /// <see cref="KeyBytes"/>, which its SUBSCRIBE's transaction gives back once answered.
        /// </summary>
        public const int RingingKeyBytes = 160;

        /// <summary>
        /// What the heap keeps after an identity or a key is taken on, at least, while the reserve is on: the room a
        /// short request (below <see cref="LargeRequestBytes"/>) needs to be taken in (<see cref="Refusal"/>), so
        /// that what the phone takes on can take its requests (a key its NOTIFYs) rather than answer its own PBX 503; with
        /// <see cref="BurstBytes"/>, as a phone that refuses the parts after it asks that of each request.
        /// </summary>
        public const int RequestRoomBytes = RequestBytes + BurstBytes + 2 * LargeRequestBytes;

        /// <summary>The reports' slots (<see cref="Report"/>), said together as PhoneHasLowMemory's parameter.</summary>
        public const int Identities = 0;
        public const int Keys = 1;

        /// <summary>
        /// What a request needs free beside twice its length (its packet, its parse and texts) while it is handled: a
        /// MESSAGE to the idle phone peaks 7.5 KB above its rest on the board's heap (parse, answer, the text drawn); the
        /// office profile's MESSAGEs failed in their handling at 5.7 KB free, its Infobox NOTIFY (3 KB) at 7.3 KB
        /// (docs/benchmarks.md, h-worstfit).
        /// </summary>
        public const int RequestBytes = 6144;

        /// <summary>
        /// What a NOTIFY needs free beside twice its length, whatever is refused, and any request while something is: a
        /// NOTIFY's turn reads its body (a BLF key's dialog-info XML under the reader's frames) and redraws the key, and
        /// went 6.9 KB below its measurement in the office profile's MESSAGE stream in its call (measured 9,240 B free,
        /// 2,376 B after the turn's last collection), as in worst's key NOTIFYs at rest (14,892 -> 8,064 B), where a
        /// MESSAGE's went 2.6 KB. With <see cref="RequestBytes"/> only, at 87,800 B the office phone with all its keys took
        /// such a NOTIFY in and ran out of a block for a frame in it (docs/benchmarks.md, h-sweephole). The same as a
        /// request while something is refused, which the key admission's <see cref="RequestRoomBytes"/> already covers:
        /// a key taken on still gets its first NOTIFY.
        /// </summary>
        public const int NotifyBytes = RequestBytes + BurstBytes;

        /// <summary>
        /// What a burst of requests keeps between them beside each one's own need: the agent's parse parts (about 1.3 KB)
        /// and writer (0.6 KB) and the Timer J table's growth (about 1 KB), measured in the office profile's MESSAGE stream
        /// (census office:call-3s to office:messages-100-every-100ms). Asked while the reserve refuses something: a phone
        /// already short takes a request only with room for the burst it may start (at 80,896 B the office phone with one
        /// identity admitted ran out in its stream with 8.9 KB free, lead 2026-12-05).
        /// </summary>
        public const int BurstBytes = 3072;

        /// <summary>
        /// A request this long is measured even while the heap is not <see cref="Low"/> (the last measurement may be a
        /// period old): an Infobox queue or a long MESSAGE is rare, and its parse and texts take several times a usual request's.
        /// </summary>
        public const int LargeRequestBytes = 1024;

        /// <summary>
        /// Low when the last measurement (an admission's or <see cref="MemoryWatch"/>'s) found less than
        /// <see cref="KeepBytes"/> free: requests are measured one by one then (<see cref="Refusal"/>), and a status
        /// raised keeps no parameter (StatusScheduler.Lean, as while <see cref="Short"/>).
        /// </summary>
        public bool Low => _counts != null && _counts[LowAt] != 0;

        /// <summary>
        /// What was refused while low, by kind: SIP requests answered 503, new calls answered 486, TCP connections closed at once, statuses kept
        /// without their parameter or not raised (the status scheduler counts those in the same array, its Lean); made
        /// the first time the heap is found low or something is refused.
        /// </summary>
        public int[] Counts()
        {
            return _counts ?? (_counts = new int[SaidAt + Kinds]);
        }

        // _counts: the kinds counted since the last report (statuses at StatusScheduler.LeanCount), whether the heap is
        // low, and the kinds the last report said (ReportTransient). One field, no array until the heap is first low: a
        // phone with room pays 12 B for all of it (issue #17).
        private const int Requests = 1;
        private const int Connections = 2;
        private const int Calls = 3;
        private const int Kinds = 4;
        private const int LowAt = 4;
        private const int SaidAt = 5;
        private int[] _counts;

        private readonly IFreeMemory _memory;
        // The identities the reserve governs (Govern), asked again before the keys: a registration matters more than a key's lamp.
        private SipBinding _identities;
        private string _identitiesRefused;
        private string _keys;
        private long _measuredMs = -1;
        // What short requests may still take in unmeasured (Refusal) since the last measurement: its free bytes less a
        // NOTIFY's room, less what each one taken in since was charged.
        private int _slack;
        // Since when an admission waits for what was taken on before to rest (Holding), -1 while the phone rests.
        private long _holdSinceMs = -1;
        // The Call-ID hash of the last new call taken on (SniffedRequest.NewCall).
        private int _call;
        // Whether this turn's measurement took its part on (TookOne), a part was deferred (BusyBit), the first Retry opened
        // the reserve (OpenBit): one field, not three (docs/benchmarks.md, h-firmrest); and from ChangesShift the count of
        // Changes (a field of its own was 12 B, h-restfields).
        private int _flags;
        private const int TookOne = 1;
        private const int BusyBit = 2;
        private const int OpenBit = 4;
        private const int ChangesShift = 3;

        /// <param name="memory">The heap to ask.</param>
        public HeapReserve(IFreeMemory memory)
        {
            _memory = memory;
        }

        /// <summary>Counts the changes of what is refused (<see cref="Refused"/>), modulo 2^29: MemoryWatch says it when it moved.</summary>
        public int Changes => (int)((uint)_flags >> ChangesShift);

        /// <summary>
        /// The identities taken on only while the heap keeps its reserve (the first active identities first; a refused one
        /// is kept as its settings only), the refused ones tried again before the keys and said ("9 of 12 identities not registered");
        /// the agent's requests and the TCP transport's connections admitted by it too (<see cref="Refusal"/>,
        /// <see cref="AdmitConnection"/>).
        /// </summary>
        internal void Govern(SipBinding identities)
        {
            _identities = identities;
            identities.Registrations.Admit = AdmitIdentity;
            identities.Agent.Inbox.Room = this;
            SipTrace trace = identities.Agent.Inbox.Trace;
            if (trace != null)
            {
                trace.Room = this;
            }
            TcpTransport tcp = identities.Agent.Tcp as TcpTransport;
            if (tcp != null)
            {
                tcp.Room = this;
            }
        }

        private bool AdmitIdentity(long nowMs) => Admit(IdentityBytes, nowMs);

        /// <summary>
        /// Whether one more BLF key may be taken on, <paramref name="taken"/> keys monitoring already: its SUBSCRIBE
        /// (<see cref="KeyBytes"/>) and the ringing state of those before it (<see cref="RingingKeyBytes"/> each), so that
        /// every key taken on can ring at once and the heap still keeps its reserve.
        /// </summary>
        // AdmitKey, Admit and Measure are never inlined: the measurement's compacting collection under an inlined call
        // marks and moves the slot nanoCLR leaves unwritten in its frame (NotInlinedAttribute). Inlined, the refused keys'
        // measurement each period (RetryRefusedKeys < the Admit delegate < AdmitKey < Admit < Measure) failed office and
        // worst with a bare System.Exception after the compaction and nanoCLR crashed at 13-15 of the sweep's 57 heaps
        // (docs/benchmarks.md, h-keyadmit).
        [NotInlined]
        public bool AdmitKey(int taken, long nowMs) => Admit(KeyBytes + taken * RingingKeyBytes, nowMs);

        /// <summary>Asks the refused keys to try again, after the identities (from <see cref="MemoryWatch"/>: its first poll, then every period while one is refused).</summary>
        public event SignalHandler RoomAgain;

        /// <summary>
        /// Whether <paramref name="bytes"/> more may be taken on now, leaving <see cref="KeepBytes"/> and at least
        /// <see cref="RequestRoomBytes"/> free (none while the reserve is off): one part a loop turn, each on a measurement of its
        /// own, so that what the last one built (its REGISTER or SUBSCRIBE in flight) is in the next one's figure. A part
        /// asked after the turn's first is deferred (<see cref="Busy"/>: asked again next turn). While the phone is being
        /// built (before the first <see cref="Retry"/>) nothing is taken on: what the rest of the build needs is not in the
        /// heap yet.
        /// </summary>
        [NotInlined]
        public bool Admit(int bytes, long nowMs)
        {
            if ((_flags & OpenBit) == 0)
            {
                return false;
            }
            if (Holding(nowMs))
            {
                // What was taken on before still builds: this part waits its turn (said only once the take-on is over).
                _flags |= BusyBit;
                return false;
            }
            if (nowMs == _measuredMs)
            {
                // One measurement a turn: after a part was taken on the others wait their turn; after a refusal they are
                // refused too (no room for the smallest, no room for the next).
                if ((_flags & TookOne) != 0)
                {
                    _flags |= BusyBit;
                }
                return false;
            }
            _measuredMs = nowMs;
            int keep = KeepBytes;
            bool took = Measure() - bytes >= (keep > 0 && keep < RequestRoomBytes ? RequestRoomBytes : keep);
            _flags = took ? _flags | TookOne : _flags & ~TookOne;
            return took;
        }

        /// <summary>
        /// Whether what was taken on still builds, so that the next part must wait: a request of the phone's in flight (an
        /// identity's REGISTER, whose answer builds its message-summary, reg and feature subscriptions and releases its
        /// PUBLISH, which go out one at a time, each once the one before has its answer; a key's SUBSCRIBE, whose dialog
        /// its 200 builds) or a SUBSCRIBE waiting for its slot. A measurement taken then lacks what those build after
        /// their answers and would promise it twice: at 88,600 B the office phone took its four identities and all 16 keys
        /// on before its identities' own SUBSCRIBEs and PUBLISH were built, then ran out in the keys' NOTIFYs
        /// (docs/benchmarks.md, h-idadmit). A part waits at most <see cref="OneAtATime.MaxHoldMs"/> for the phone to rest,
        /// as the own requests wait for each other: a PBX that does not answer holds nothing back longer (what it leaves
        /// in flight is in the heap the next measurement finds).
        /// </summary>
        private bool Holding(long nowMs)
        {
            SipBinding binding = _identities;
            SipSubscriptions own = binding == null ? null : binding.Subscriptions;
            if (binding == null || (binding.Agent.FreeClientTransactions == SipUserAgent.MaxClientTransactions
                && (own == null || own.Events.WaitingCount == 0)))
            {
                _holdSinceMs = -1;
                return false;
            }
            if (_holdSinceMs < 0)
            {
                _holdSinceMs = nowMs;
            }
            return nowMs - _holdSinceMs < OneAtATime.MaxHoldMs;
        }

        /// <summary>The free heap after a collection, which sets <see cref="Low"/>.</summary>
        [NotInlined]
        public int Measure()
        {
            // A figure taken before a packet was made is older than this one: its packet is measured again (a datagram whose
            // read failed after its packet was rented leaves one no judgment used).
            _fresh = 0;
            int free = _memory.FreeAfterCollection();
            _slack = free - NotifyBytes;
            if (free < KeepBytes)
            {
                Counts()[LowAt] = 1;
            }
            else if (_counts != null)
            {
                _counts[LowAt] = 0;
            }
            return free;
        }

        /// <summary>
        /// Whether the request in data[0, length) may be taken in, parsed and handled (0), else the status it is answered
        /// unparsed (<see cref="IHeapRoom.Refusal"/>), by what it would do to the heap (<see cref="SniffedRequest"/>):
        /// <list type="bullet">
        /// <item>A response is always taken in: it frees the phone's own transaction.</item>
        /// <item>A new call (an INVITE without a To tag) is always measured and taken on only with <see cref="CallBytes"/>
        /// and twice its length free, else answered 486 Busy Here and counted: said as "calls refused (486)". The last
        /// call taken on is not measured again when its INVITE is retransmitted.</item>
        /// <item>A short request is taken in unmeasured (no collection at rest) while the heap is not <see cref="Low"/>, nothing
        /// is refused and the last measurement left room for it: each one taken in so is charged twice its length and
        /// <see cref="LargeRequestBytes"/> against what that measurement found above <see cref="NotifyBytes"/>, so that a
        /// stream of them is measured again every few requests (at 90,200 B the office phone, all its parts taken on and 13.4 KB
        /// free at rest, took its MESSAGE stream's NOTIFYs in unmeasured while the stream's heap shrank and ran out in one's XML,
        /// docs/benchmarks.md h-idadmit): one so taken in finds at least what a measured NOTIFY of its length needs, with
        /// <see cref="LargeRequestBytes"/> to spare, if the requests before it keep no more than they were charged. Against
        /// <see cref="RequestRoomBytes"/> (2 KB more) the office phone's stream at 80,896 B was measured at almost every
        /// request: 195 measurements (a collection and a compaction each) of its 945 collections in 10 s, now 100 of 861
        /// (docs/benchmarks.md, h-gccost). Else it is measured: <see cref="RequestBytes"/> and twice its length free (its packet, asked before it is made,
        /// and its parse and texts; a packet made already only adds margin), and <see cref="BurstBytes"/> more while
        /// something is refused. What ends a call (BYE, CANCEL), when measured, needs
        /// <see cref="EndingBytes"/> only: refusing it keeps the heap full. A NOTIFY, in a subscription's dialog too, needs
        /// <see cref="NotifyBytes"/> even while nothing is refused: with less, at 87,800 B a BLF key's NOTIFY was taken in
        /// and ran out in its XML (docs/benchmarks.md, h-heapsweep; in the office call's stream, h-sweephole). An ACK needs <see cref="AckBytes"/> only. A refusal is counted and answered
        /// 503 with Retry-After (an ACK is answered nothing).</item>
        /// </list>
        /// Data null (only the length known, before a datagram's packet is made): measured there if the request will need a
        /// measurement and judged as an ACK, the least any request needs; the packet's request is judged
        /// again by its bytes before it is parsed, with that figure rather than a collection under the loop's turn.
        /// </summary>
        public int Refusal(byte[] data, int length)
        {
            // The figure measured before this packet was made, used once: by the packet's own judgment.
            int fresh = _fresh;
            _fresh = 0;
            if (data == null)
            {
                // Before a datagram's packet is made (its length told by the socket): the heap measured now when its
                // request will need a measurement, without its packet and under the transport's few frames (the board's
                // transport thread, the loop asleep), rather than once the loop's turn has taken the packet, under the
                // agent's poll and the reserve's frames: the office phone's MESSAGE stream at 80,896 B found 12,252 B free
                // there, under 12 KB at every other request (docs/benchmarks.md, h-reserve2). Else its packet's judgment
                // takes it in unmeasured (and charges it).
                if (Unmeasured(length) && (KeepBytes <= 0 || _slack - 2 * length - LargeRequestBytes >= 0))
                {
                    return 0;
                }
                fresh = Measure();
            }
            int kind = data == null ? SniffedRequest.Ack : SniffedRequest.Of(data, length);
            if (kind == SniffedRequest.Response)
            {
                return 0;
            }
            int call = kind == SniffedRequest.Invite ? SniffedRequest.NewCall(data, length) : 0;
            if (call != 0)
            {
                // The INVITE of the call taken on last, again (retransmitted before its 180 came through): the agent's
                // transaction answers it as before; measured with the call in the heap, it would be refused the call it rings.
                if (call == _call || (fresh > 0 ? fresh : Measure()) - 2 * length >= CallBytes)
                {
                    _call = call;
                    return 0;
                }
                Counts()[Calls]++;
                return 486;
            }
            if (fresh <= 0 && Unmeasured(length) && (KeepBytes <= 0 || (_slack -= 2 * length + LargeRequestBytes) >= 0))
            {
                // Taken in unmeasured, charged against the last measurement's room.
                return 0;
            }
            int need = kind == SniffedRequest.Ack ? AckBytes : kind == SniffedRequest.Ending ? EndingBytes
                : Refusing || kind == SniffedRequest.Notify ? NotifyBytes : RequestBytes;
            if ((fresh > 0 ? fresh : Measure()) - 2 * length >= need)
            {
                if (data == null)
                {
                    // Judged again by its bytes once its packet is made, with this figure.
                    _fresh = fresh;
                }
                return 0;
            }
            Counts()[Requests]++;
            return 503;
        }

        /// <summary>Whether a short request may be taken in without a measurement of its own, by what the heap's state says.</summary>
        private bool Unmeasured(int length) => !Low && !Refusing && length < LargeRequestBytes;

        // The free heap measured before the packet of the request judged next was made (Refusal), 0 when none: its packet
        // is judged by that figure rather than measured again.
        private int _fresh;

        /// <summary>
        /// The free heap a new call is taken on with, beside twice its INVITE's length: what the call takes from its INVITE
        /// to its end, measured on the board's scenario with every call taken (docs/benchmarks.md, h-callcost). The office
        /// phone's call (one identity, its MESSAGE stream answered 503 beside the call) holds 6.8 KB from its INVITE to its
        /// 3 s of RTP (12,780 B free before it, 6,012 B in it), and its deepest turns go 8.2 KB (the INVITE's) and 9.8 KB (the
        /// ACK's) below the INVITE's measurement: a session held for the call's length plus its turns' transients, asked on
        /// its own rather than as a long-lived part against <see cref="KeepBytes"/>. Taken with 9,906 B or more it
        /// ran to its end at every heap from 80,960 to 85,000 B; with 9,810-9,834 B (80,872-80,896 B) it ran out (the ACK's
        /// parse, a status at the call's end) or nanoCLR failed an assertion at 732 B free in the stream. The idle phone's
        /// call, without traffic beside it, ran to its end from 9,342 B (79,200 B). 10,240 B: 406 B above the highest
        /// failure, the layout's drift between builds (those three failures lie within 24 B of heap).
        /// </summary>
        public const int CallBytes = 10240;

        /// <summary>
        /// What a BYE or CANCEL needs free beside twice its length, whatever is refused: less than another request,
        /// since refusing it keeps the call's heap. Measured in the office profile's call: with <see cref="RequestBytes"/>
        /// its BYE was refused 503 at 85,400 B; with 3,072 B taken in at 81,400 B its 200 ran out (docs/benchmarks.md, h-heapsweep).
        /// </summary>
        public const int EndingBytes = 4096;

        /// <summary>
        /// What an ACK needs free beside twice its length, whatever is refused: its parse and its dialog's look-up, no
        /// answer. Refusing it keeps more than it would take: the call's 2xx stays kept and is sent again until Timer H ends
        /// the call (RFC 3261 13.3.1.4), and the PBX's copies come in. With <see cref="EndingBytes"/> the office phone's
        /// ACK at 80,896 B was refused (3,924 B free): the 2xx (648 B) and a copy in the test's wire stayed, and the call
        /// ran out in its MESSAGE stream; taken in, the ACK's turn went down to 1,008 B free and the call ran to its end
        /// (docs/benchmarks.md, h-callcost).
        /// </summary>
        public const int AckBytes = 2048;

        /// <summary>
        /// Whether a TCP connection with <paramref name="bytes"/> of buffers may be taken on: measured (connections are
        /// seldom accepted), refused when it would leave less than <see cref="KeepBytes"/>; the transport closes a refused
        /// one at once (the peer falls back or retries) and it is counted.
        /// </summary>
        // Never inlined, as Admit: inlined into the transport's accept (the boot scenario's stand-in), its measurement's
        // compacting collection marked the caller's stale slot, which pointed into a string[4]: the mark bit made its
        // length 260 and the compaction ran off the heap (nanoCLR SIGSEGV at 80,896 B, docs/benchmarks.md h-crash2).
        [NotInlined]
        public bool AdmitConnection(long bytes)
        {
            if (Measure() - bytes >= KeepBytes)
            {
                return true;
            }
            Counts()[Connections]++;
            return false;
        }

        /// <summary>
        /// Below the reserve or refusing something: the SIP trace's ring waits (worst's message burst had 1.4 KB less for
        /// it), and a status raised keeps no parameter, or is not raised when the status slots would have to grow
        /// (MemoryWatch sets StatusScheduler.Lean, counted and said): a phone that refuses its identities and keys at the
        /// board's heap does not then spend 4.3 KB on 60 statuses and run out redrawing them (docs/benchmarks.md, h-worstend).
        /// </summary>
        public bool Short => Low || Refusing;

        /// <summary>A part was deferred to the next turn (another was taken on this one): <see cref="Retry"/> then.</summary>
        public bool Busy => (_flags & BusyBit) != 0;

        /// <summary>An owner's refusal said in words ("12 of 45 BLF keys not monitored"), null when it refuses nothing.</summary>
        public void Report(int slot, string text)
        {
            string was = slot == Identities ? _identitiesRefused : _keys;
            if ((object)text == null ? (object)was == null : (object)was != null && text == was)
            {
                return;
            }
            if (slot == Identities)
            {
                _identitiesRefused = text;
            }
            else
            {
                _keys = text;
            }
            _flags += 1 << ChangesShift;
        }

        /// <summary>Whether anything is refused (no string made).</summary>
        public bool Refusing => (object)_identitiesRefused != null || (object)_keys != null || Counted(0) + Counted(SaidAt) > 0;

        private int Counted(int at) => _counts == null ? 0 : _counts[at] + _counts[at + 1] + _counts[at + 2] + _counts[at + 3];

        /// <summary>What is refused, the owners' reports and what the last period refused joined; null when nothing is.</summary>
        public string Refused => Join(Join(_identitiesRefused, _keys), Transient());

        /// <summary>What the last period refused, in words ("SIP requests refused (503): 3, calls refused (486): 1, TCP connections closed: 2"); null: nothing.</summary>
        private string Transient()
        {
            int[] c = _counts;
            if (c == null)
            {
                return null;
            }
            string text = c[SaidAt + Requests] > 0 ? "SIP requests refused (503): " + c[SaidAt + Requests].ToString() : null;
            if (c[SaidAt + Calls] > 0)
            {
                text = Join(text, "calls refused (486): " + c[SaidAt + Calls].ToString());
            }
            if (c[SaidAt + Connections] > 0)
            {
                text = Join(text, "TCP connections closed: " + c[SaidAt + Connections].ToString());
            }
            if (c[SaidAt + StatusScheduler.LeanCount] > 0)
            {
                text = Join(text, "statuses not kept in full: " + c[SaidAt + StatusScheduler.LeanCount].ToString());
            }
            return text;
        }

        private static string Join(string a, string b) => (object)a == null ? b : (object)b == null ? a : a + ", " + b;

        /// <summary>
        /// What was refused while low since the last report becomes what <see cref="Refused"/> says, and is counted afresh:
        /// a period without refusals clears it (<see cref="MemoryWatch"/>, each period).
        /// </summary>
        public void ReportTransient()
        {
            int[] c = _counts;
            if (c == null)
            {
                return;
            }
            for (int kind = 0; kind < Kinds; kind++)
            {
                if (c[SaidAt + kind] != c[kind])
                {
                    c[SaidAt + kind] = c[kind];
                    _flags += 1 << ChangesShift;
                }
                c[kind] = 0;
            }
        }

        /// <summary>Lets admissions in (the first call) and asks the refused parts to try again, the identities first.</summary>
        public void Retry(long nowMs)
        {
            _flags |= OpenBit;
            if (((_flags & BusyBit) != 0 || (object)_keys != null || (_identities != null && _identities.Registrations.RefusedCount > 0)) && Holding(nowMs))
            {
                // Parts wait: asked again next turn, without making them again from their settings each turn.
                _flags |= BusyBit;
                return;
            }
            _flags &= ~BusyBit;
            if (_identities != null)
            {
                _identities.RetryRefused();
                Registrations registrations = _identities.Registrations;
                int refused = registrations.RefusedCount;
                Report(Identities, refused == 0 ? null
                    : refused.ToString() + " of " + (refused + registrations.Count).ToString() + " identities not registered");
            }
            SignalHandler handler = RoomAgain;
            if (handler != null)
            {
                handler();
            }
        }
    }
}
