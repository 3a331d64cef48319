using DeskPhone.Sip.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// The non-INVITE (and refused INVITE) server transactions the phone answered on an unreliable transport, kept for
    /// Timer J (64*T1 = 32 s, RFC 3261 17.2.2) so that a retransmitted request is answered again, not processed twice.
    /// <para>
    /// Only what identifies a transaction and its answer is kept, in compact arrays: a 32-bit hash (FNV-1a) of the top
    /// Via's branch and sent-by, the method (RFC 3261 17.2.3) and the source address (a new request takes a live
    /// entry's answer for its own about once in 2^32 / Size, 33 million, requests: a second 16-bit hash beside it cost
    /// 2 B an entry, 224 B in an office's MESSAGE stream, docs/benchmarks.md h-txtable); when the entry
    /// expires (in 256 ms units, rounded up, so Timer J lasts 32 to 32.256 s; 8 bits counted from a base the table
    /// moves on about every 33 s) beside 8 bits of the source address (for a flood); the final status, how its extra
    /// header is made again, and the low 16 bits of the number of its To tag (the user agent's counter, which cannot
    /// draw 65,536 numbers while an entry lives, gives the rest back). The answer's bytes are not kept: the user agent
    /// writes them again from the retransmitted request, which carries the same Via, From, To, Call-ID and CSeq
    /// (<see cref="SipUserAgent"/>). Per entry 10 bytes in two arrays, no object (12 with the expiry and the source in
    /// shorts of their own: 192 B more in an office's MESSAGE stream, docs/benchmarks.md h-sipstream).
    /// </para>
    /// <para>
    /// At most <see cref="Size"/> entries. The arrays start at <see cref="FirstSize"/> and double when a request finds
    /// no free entry (an idle phone keeps 8 entries): up to <see cref="KeepAllUpTo"/> every answer
    /// is kept for the whole of Timer J (2 requests a second); from there an answered entry is reused, as below, before
    /// the table grows further, by <see cref="GrowBy"/> entries, only for more than that many requests in
    /// <see cref="ReuseAfterMs"/> (an office phone's MESSAGE and NOTIFY every 100 ms need about 105 entries: 112, where
    /// it grew to 128; a MESSAGE alone every 100 ms 64: docs/benchmarks.md, h-office4). When all are
    /// inside Timer J, the oldest entry whose last answer went out at least
    /// <see cref="ReuseAfterMs"/> ago is reused, unless it is an INVITE's (a retransmitted request is answered again and
    /// its entry counts from then, Timer J included): a non-INVITE client
    /// retransmits at most T2 = 4 s apart until it has a final response (RFC 3261 17.1.2.2) and stops once it has one,
    /// so after T2 and a margin without a retransmission the answer arrived; Timer J's 64*T1 only covers clients whose
    /// answers keep getting lost. So the table sustains Size / 5 s = 25 requests a second (4 a second before, when
    /// every entry was kept the full 32 s). When none is that old, one source that holds at least a quarter of the
    /// entries (a flood) gives up its oldest entry to a request from another source, so a flood cannot shut the PBX
    /// out; a retransmission of that forgotten request would be handled again, which only the flooder sees. Otherwise
    /// (the requester is that source, or nobody holds a quarter) <see cref="HasRoom"/> is false and the user agent
    /// answers the new request 503 with Retry-After (the seconds until an entry can be reused) without handling it.
    /// </para>
    /// Its plain state (Reused) is public fields, not properties: no accessor method in the runtime tables, image and
    /// calls on the device (issue #17).
    /// </summary>
    internal sealed class ServerTransactions
    {
        public const int Size = 128;

        /// <summary>Entries made at start; the arrays double from here up to <see cref="Size"/>.</summary>
        public const int FirstSize = 8;

        /// <summary>
        /// Entries kept for the whole of Timer J before an answered one is reused instead of the table growing: 2
        /// requests a second over Timer J's 32 s, and the 5 s reuse age at 12 a second.
        /// </summary>
        public const int KeepAllUpTo = 64;

        /// <summary>
        /// Entries added at a time past <see cref="KeepAllUpTo"/>: the table then holds what the reuse age needs at the
        /// request rate (20 a second take about 105 entries: 112, not 128).
        /// </summary>
        private const int GrowBy = 16;
        public const long TimerJMs = 32000;

        /// <summary>
        /// How long after its (last) answer a non-INVITE entry may be reused when the table is full: T2 (4 s, the
        /// longest gap between a client's retransmissions) and a second for the network and the loop.
        /// </summary>
        public const long ReuseAfterMs = 5000;

        /// <summary>How the answer's extra header is made again (kept with the status).</summary>
        public const int Plain = 0;
        public const int WithAllow = 1;
        public const int WithAcceptText = 2;
        /// <summary>Reason or header from the request checks (run again on the retransmission, they are pure) or the routing.</summary>
        public const int FromCheck = 3;

        /// <summary>Expiry times are kept in units of 2^8 ms.</summary>
        private const int UnitShift = 8;

        /// <summary>
        /// Units from <c>_base</c> after which the base moves up to now (every 32.8 s, a pass over the entries): an expiry
        /// then stays below RebaseUnits + Timer J + 1 = 254, inside the byte it is kept in.
        /// </summary>
        private const int RebaseUnits = 1 << 7;

        /// <summary>Timer J and the reuse age in those units (Timer J is a whole number of them; the age is rounded up).</summary>
        private const int TimerJUnits = (int)(TimerJMs >> UnitShift);
        private const int ReuseUnits = (int)((ReuseAfterMs + (1 << UnitShift) - 1) >> UnitShift);

        /// <summary>
        /// Bit of an entry's <c>Answer</c> above the status (10 bits) and kind (2 bits): an INVITE's entry, kept for the whole of
        /// Timer J (its client's Timer A doubles without the T2 cap, RFC 3261 17.1.1.2).
        /// </summary>
        private const int InviteBit = 1 << 12;

        private int[] _hashA = new int[FirstSize];

        // The rest of entry i in _entries[i * Stride + field]: one array of shorts instead of four (three array headers
        // and fields less, 96 B at every size).
        private short[] _entries = new short[FirstSize * Stride];
        private const int Stride = 3;
        private const int TagOf = 0;
        private const int Answer = 1;
        // The low byte: the expiry in units after _base (0 or not above now: free); the high byte: the source's hash.
        private const int Until = 2;
        private const int UntilBits = 0xFF;
        private const int SourceBits = 0xFF00;
        private int _base;
        // The 32-bit hash boxed, as the runtime's array search takes it (the one copy kept: an int beside it was 12 B).
        private object _hashedABox;

        // Entries [0, _liveBelow) were live at Free's last search, none expiring before _liveUntil (an entry's expiry only
        // moves later, but for the two that free one early, which reset _liveUntil).
        private int _liveBelow;
        private int _liveUntil;
        private int _hashedSource;

        // The request the hashes above are of (the same objects: a parsed Via is never changed).
        private Via _hashedVia;
        private string _hashedMethod;
        private string _hashedSourceText;

        /// <summary>
        /// Whether a request with this top Via can be matched at all: RFC 3261 branches start with the magic cookie;
        /// older ones cannot be trusted alone (17.2.3).
        /// </summary>
        private bool Matchable(Via top)
        {
            // Find, HasRoom and Remember ask for the same Via: judged once. The cookie found by the runtime's search (one
            // native call): StartsWith is managed on the device, seven calls and a copy of the branch's start per request.
            if (top == null)
            {
                return false;
            }
            if ((object)top != _judgedVia)
            {
                string branch = top.Branch;
                _judgedVia = top;
                _judgedMatchable = branch != null && branch.Length > 7 && branch.IndexOf("z9hG4bK") == 0;
            }
            return _judgedMatchable;
        }

        // The Via last judged by Matchable and the answer.
        private Via _judgedVia;
        private bool _judgedMatchable;

        /// <summary>The entry of the transaction this request retransmits, or -1.</summary>
        public int Find(Via top, string method, string source, long nowMs)
        {
            if (!Matchable(top))
            {
                return -1;
            }
            Hash(top, method, source);
            int now = Now(nowMs);
            int size = _hashA.Length;
            // The runtime's array search finds the candidates (on the device a managed loop over the 128 entries cost
            // several interpreted instructions per entry for every request).
            for (int i = System.Array.IndexOf(_hashA, _hashedABox, 0, size); i >= 0; i = i + 1 < size ? System.Array.IndexOf(_hashA, _hashedABox, i + 1, size - i - 1) : -1)
            {
                int at = i * Stride;
                if ((_entries[at + Until] & UntilBits) > now)
                {
                    // Asked again: the answer was lost, so the entry counts from the answer sent again now (Timer J
                    // restarts with it, which only keeps the entry longer than RFC 3261 17.2.2 asks).
                    _entries[at + Until] = (short)((_entries[at + Until] & SourceBits) | Expiry(now, nowMs));
                    return i;
                }
            }
            return -1;
        }

        public int Status(int entry) => _entries[entry * Stride + Answer] & 0x3FF;

        public int Kind(int entry) => (_entries[entry * Stride + Answer] >> 10) & 3;

        /// <summary>
        /// The number of the entry's To tag (0: none, a provisional answer), given <paramref name="counter"/>, the user
        /// agent's tag counter now: the latest number at or below it with the kept low 16 bits.
        /// </summary>
        public int Tag(int entry, int counter) => Status(entry) < 200 ? 0 : counter - ((counter - _entries[entry * Stride + TagOf]) & 0xFFFF);

        /// <summary>
        /// False when a new request on an unreliable transport could not be remembered: every entry is still inside
        /// Timer J and no other source holds a quarter of them to give one up (the caller answers 503 and does not
        /// handle the request).
        /// </summary>
        public bool HasRoom(Via top, string source, bool reliable, long nowMs)
        {
            if (reliable || !Matchable(top))
            {
                return true;
            }
            // Free reuses an answered entry before it would grow the table past KeepAllUpTo, and when it is full.
            return Free(nowMs) >= 0 || TakeFromFlooder(SourceHash(source));
        }

        /// <summary>Entries reused inside Timer J because their answer went out <see cref="ReuseAfterMs"/> ago or more.</summary>
        public int Reused;

        /// <summary>Frees the oldest entry last answered at least <see cref="ReuseAfterMs"/> ago, not an INVITE's, and returns it; -1 if none is.</summary>
        private int ReuseAnswered(int now)
        {
            int oldest = -1;
            int oldestUntil = int.MaxValue;
            short[] entries = _entries;
            for (int at = 0; at < entries.Length; at += Stride)
            {
                int u = entries[at + Until] & UntilBits;
                if (u < oldestUntil && (entries[at + Answer] & InviteBit) == 0)
                {
                    oldest = at / Stride;
                    oldestUntil = u;
                }
            }
            if (oldest < 0 || ReusableAt(oldest) > now)
            {
                return -1;
            }
            entries[oldest * Stride + Until] = (short)(entries[oldest * Stride + Until] & SourceBits);
            _liveUntil = 0;
            Reused++;
            return oldest;
        }

        /// <summary>The time unit from which the entry may be reused: its last answer's plus the reuse age, or its expiry (INVITE).</summary>
        private int ReusableAt(int i)
        {
            int at = i * Stride;
            int until = _entries[at + Until] & UntilBits;
            return (_entries[at + Answer] & InviteBit) != 0 ? until : until - TimerJUnits + ReuseUnits;
        }

        /// <summary>
        /// The table is full: the source with most entries (found by a majority vote, then counted) gives up its oldest
        /// entry if it holds at least a quarter of the table and is not the requester. Three passes, no allocation.
        /// </summary>
        private bool TakeFromFlooder(int requester)
        {
            short[] entries = _entries;
            int candidate = 0;
            int votes = 0;
            for (int at = Until; at < entries.Length; at += Stride)
            {
                if (votes == 0)
                {
                    candidate = entries[at] & SourceBits;
                    votes = 1;
                }
                else
                {
                    votes += (entries[at] & SourceBits) == candidate ? 1 : -1;
                }
            }
            int held = 0;
            for (int at = Until; at < entries.Length; at += Stride)
            {
                if ((entries[at] & SourceBits) == candidate)
                {
                    held++;
                }
            }
            if (candidate == requester || held < Size / 4)
            {
                return false;
            }
            int oldest = -1;
            for (int at = 0; at < entries.Length; at += Stride)
            {
                if ((entries[at + Until] & SourceBits) == candidate && (oldest < 0 || (entries[at + Until] & UntilBits) < (entries[oldest + Until] & UntilBits)))
                {
                    oldest = at;
                }
            }
            entries[oldest + Until] = (short)(entries[oldest + Until] & SourceBits);
            _liveUntil = 0;
            return true;
        }

        /// <summary>Whole seconds until the first live entry can be reused or expires (at least 1), for Retry-After.</summary>
        public int RetryAfterSeconds(long nowMs)
        {
            int now = Now(nowMs);
            int first = int.MaxValue;
            for (int i = 0; i < _hashA.Length; i++)
            {
                int reusable = ReusableAt(i);
                if ((_entries[i * Stride + Until] & UntilBits) > now && reusable < first)
                {
                    first = reusable;
                }
            }
            long ms = first == int.MaxValue ? 0 : ((long)(first + _base) << UnitShift) - nowMs;
            return (int)(ms / 1000) + 1;
        }

        public void Remember(Via top, string method, string source, int status, int kind, int tag, bool reliable, long nowMs)
        {
            if (reliable || !Matchable(top))
            {
                return;
            }
            int i = Free(nowMs);
            if (i < 0)
            {
                // Cannot happen: the user agent checked HasRoom before handling the request.
                return;
            }
            Hash(top, method, source);
            _hashA[i] = (int)_hashedABox;
            int at = i * Stride;
            short[] entries = _entries;
            entries[at + Until] = (short)(_hashedSource | Expiry(Now(nowMs), nowMs));
            entries[at + TagOf] = (short)tag;
            entries[at + Answer] = (short)((status & 0x3FF) | (kind << 10) | (method == "INVITE" ? InviteBit : 0));
        }

        /// <summary>
        /// Forgets the request last hashed and judged, once it is handled: its parsed Via (and the strings it holds)
        /// would otherwise stay reachable until the next request.
        /// </summary>
        public void Forget()
        {
            _hashedVia = null;
            _hashedMethod = null;
            _hashedSourceText = null;
            _judgedVia = null;
        }

        /// <summary>Entries the arrays hold now (<see cref="FirstSize"/> up to <see cref="Size"/>).</summary>
        public int Capacity => _hashA.Length;

        /// <summary>
        /// Shrinks the arrays (to the smallest size they grow through that holds the last entry kept, down to
        /// <see cref="FirstSize"/>): a burst of traffic grew them to up to 128 entries (1.8 KB), and a request takes the
        /// first free entry, so after the burst the live ones gather at the front. A table of up to
        /// <see cref="KeepAllUpTo"/> entries lets only entries past Timer J go, so at up to 2 requests a second every
        /// answer is kept the whole of Timer J as before; a table grown past it (a faster stream) lets go, as
        /// <see cref="Free"/> would reuse them, of every entry answered <see cref="ReuseAfterMs"/> ago (not an INVITE's),
        /// so an office phone at rest after 20 requests a second keeps 8 entries, not 64 (docs/benchmarks.md,
        /// h-officerest3). A client still retransmitting hits its entry at most T2 after the last answer, which
        /// restarts its age.
        /// </summary>
        public void Trim(long nowMs)
        {
            // At rest nothing needs the last request's boxed hash (its request forgotten with it, so the next one is
            // hashed afresh; the hashing buffer went with the hash): 108 B with the buffer at every profile
            // (docs/benchmarks.md h-officerest3).
            _hashedABox = null;
            Forget();
            int now = Now(nowMs);
            int size = _hashA.Length;
            int target = size;
            while (target > FirstSize && ((_entries[(target - 1) * Stride + Until] & UntilBits) <= now || (size > KeepAllUpTo && ReusableAt(target - 1) <= now)))
            {
                target--;
            }
            int keep = FirstSize;
            while (keep < target)
            {
                keep = Grown(keep);
            }
            if (keep >= size)
            {
                return;
            }
            _hashA = (int[])ArrayGrowth.Cut(_hashA, new int[keep]);
            _entries = (short[])ArrayGrowth.Cut(_entries, new short[keep * Stride]);
        }

        /// <summary>
        /// Now in units after <c>_base</c>; past <see cref="RebaseUnits"/> the base moves up to now first and every
        /// entry's expiry with it (an expired one to 0).
        /// </summary>
        private int Now(long nowMs)
        {
            int now = (int)(nowMs >> UnitShift) - _base;
            if (now >= RebaseUnits)
            {
                short[] entries = _entries;
                for (int at = Until; at < entries.Length; at += Stride)
                {
                    int u = (entries[at] & UntilBits) - now;
                    entries[at] = (short)((entries[at] & SourceBits) | (u > 0 ? u : 0));
                }
                _base += now;
                _liveUntil = 0;
                now = 0;
            }
            return now;
        }

        /// <summary>The end of Timer J for an answer sent at <paramref name="nowMs"/> (<paramref name="now"/> units), rounded up to a unit.</summary>
        private static int Expiry(int now, long nowMs) => now + TimerJUnits + ((nowMs & ((1 << UnitShift) - 1)) != 0 ? 1 : 0);

        /// <summary>
        /// The first free entry; when none is, from <see cref="KeepAllUpTo"/> entries on the oldest answered one
        /// (<see cref="ReuseAfterMs"/>), else the arrays grown while under Size; -1 when full and none can be reused. The entries
        /// before the one found last were all live then, and none of them expires before the earliest expiry among them
        /// (<c>_liveUntil</c>): until that time the search starts after them, where it went through every live entry
        /// first (twice per request: HasRoom and Remember). It is still the first free entry, so the live ones stay at the
        /// front of the table.
        /// </summary>
        private int Free(long nowMs)
        {
            int now = Now(nowMs);
            short[] entries = _entries;
            int size = _hashA.Length;
            int from = now < _liveUntil && _liveBelow <= size ? _liveBelow : 0;
            int earliest = from == 0 ? int.MaxValue : _liveUntil;
            for (int i = from; i < size; i++)
            {
                int u = entries[i * Stride + Until] & UntilBits;
                if (u <= now)
                {
                    _liveBelow = i;
                    _liveUntil = earliest;
                    return i;
                }
                if (u < earliest)
                {
                    earliest = u;
                }
            }
            _liveBelow = size;
            _liveUntil = earliest;
            if (size >= KeepAllUpTo)
            {
                int reused = ReuseAnswered(now);
                if (reused >= 0 || size == Size)
                {
                    return reused;
                }
            }
            int grown = Grown(size);
            _hashA = (int[])ArrayGrowth.Grow(_hashA, new int[grown]);
            _entries = (short[])ArrayGrowth.Grow(_entries, new short[grown * Stride]);
            return size;
        }

        /// <summary>The size after <paramref name="size"/>: doubled up to <see cref="KeepAllUpTo"/>, then <see cref="GrowBy"/> more.</summary>
        private static int Grown(int size) => size < KeepAllUpTo ? size * 2 : size + GrowBy;

        /// <summary>FNV-1a over the fields, with separators, so a lookup builds no string.</summary>
        private void Hash(Via top, string method, string source)
        {
            // Find and Remember hash the same request: the second time the fields are the same objects, nothing to do.
            if ((object)top == _hashedVia && (object)method == _hashedMethod && (object)source == _hashedSourceText)
            {
                return;
            }
            _hashedVia = top;
            _hashedMethod = method;
            _hashedSourceText = source;
            uint a = Mix(top.Branch, 2166136261);
            a = Mix(method, a);
            a = Mix(top.Host, a);
            _hashedSource = SourceHash(source);
            a = (a ^ (uint)_hashedSource) * 16777619;
            _hashedABox = (int)((a ^ (uint)top.Port) * 16777619);
        }

        /// <summary>
        /// 8 bits of the source address (FNV-1a), in the high byte of a short: a flooding host and the PBX share them once
        /// in 256 address pairs (then the flood takes no entry from the PBX's, and the PBX is answered 503 as without
        /// the flood rule).
        /// </summary>
        private int SourceHash(string source)
        {
            // FNV-1a over the address's bytes through Mix, whose separator step is undone here (times the FNV prime's
            // inverse modulo 2^32, then the xor): the same bits as a loop of its own, without a second loop and an encoding
            // method of their own (Mix encodes in its frame: a frame less under the buffer's allocation, the office
            // stream's low collections under Find's hash on the 80,896-byte board; docs/benchmarks.md cost2).
            uint h = Mix(source, 2166136261) * 899433627 ^ 0x1FF;
            // The last field hashed (in Hash too): the buffer goes, not kept under the request's handling.
            _utf8 = null;
            return (int)((h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24)) & 0xFF) << 8;
        }

        private uint Mix(string s, uint a)
        {
            if (s != null)
            {
                // The field as UTF-8, encoded in one native call: reading a string's characters one by one walks it from
                // its start on the device, and a copy of them per field would be garbage per request.
                int n = s.Length;
                if (_utf8 == null || n * 3 > _utf8.Length)
                {
                    _utf8 = new byte[n * 3];
                }
                n = Utf8.Codec.GetBytes(s, 0, n, _utf8, 0);
                for (int i = 0; i < n; i++)
                {
                    a = (a ^ _utf8[i]) * 16777619;
                }
            }
            // A separator that no byte of the fields is, so "ab"+"c" and "a"+"bc" differ.
            return (a ^ 0x1FF) * 16777619;
        }

        // The field being hashed as UTF-8 (Mix). Made by a request's hashing, the size of its first field (the branch, the
        // longest), grown for a longer one (at most a packet) and let go by its last field (SourceHash): one buffer a
        // request (Remember finds the hash made), not 60-72 B kept through every request's handling, where a turn's
        // collections are (docs/benchmarks.md h-boxes), nor at rest (84 B, h-officerest3).
        private byte[] _utf8;
    }
}
