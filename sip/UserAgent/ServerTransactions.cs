using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// The non-INVITE (and refused INVITE) server transactions the phone answered on an unreliable transport, kept for
    /// Timer J (64*T1 = 32 s, RFC 3261 17.2.2) so that a retransmitted request is answered again, not processed twice.
    /// <para>
    /// Only what identifies a transaction and its answer is kept, in compact arrays: two independent hashes (32 and 16
    /// bits) of the top Via's branch and sent-by, the method (RFC 3261 17.2.3) and the source address; when the entry
    /// expires (in 256 ms units, rounded up, so Timer J lasts 32 to 32.256 s); the final status, how its extra header is
    /// made again, and the number of its To tag. The answer's bytes are not kept: the user agent writes them again from
    /// the retransmitted request, which carries the same Via, From, To, Call-ID and CSeq (<see cref="SipUserAgent"/>).
    /// Per entry 16 bytes, no object.
    /// </para>
    /// <para>
    /// Sized for <see cref="Size"/> requests within any 32 s (4 a second sustained; the bring-up of 70 BLF keys sends
    /// 70 NOTIFYs at once). When all entries are live, one source that holds at least a quarter of them (a flood) gives
    /// up its oldest entry to a request from another source, so a flood cannot shut the PBX out for 32 s; a
    /// retransmission of that forgotten request would be handled again, which only the flooder sees. Otherwise (the
    /// requester is that source, or nobody holds a quarter) <see cref="HasRoom"/> is false and the user agent answers
    /// the new request 503 with Retry-After (the seconds until the oldest entry expires) without handling it.
    /// </para>
    /// </summary>
    internal sealed class ServerTransactions
    {
        public const int Size = 128;
        public const long TimerJMs = 32000;

        /// <summary>How the answer's extra header is made again (kept with the status).</summary>
        public const int Plain = 0;
        public const int WithAllow = 1;
        public const int WithAcceptText = 2;
        /// <summary>Reason or header from the request checks (run again on the retransmission, they are pure) or the routing.</summary>
        public const int FromCheck = 3;

        /// <summary>Expiry times are kept in units of 2^8 ms (an int lasts 17 years).</summary>
        private const int UnitShift = 8;

        private readonly int[] _hashA = new int[Size];
        private readonly short[] _hashB = new short[Size];
        private readonly int[] _until = new int[Size];
        private readonly int[] _tags = new int[Size];
        private readonly short[] _answers = new short[Size];
        private readonly short[] _sources = new short[Size];
        private int _hashedA;
        private short _hashedSource;
        private short _hashedB;

        /// <summary>
        /// Whether a request with this top Via can be matched at all: RFC 3261 branches start with the magic cookie;
        /// older ones cannot be trusted alone (17.2.3).
        /// </summary>
        public static bool Matchable(Via top)
        {
            string branch = top == null ? null : top.Branch;
            return branch != null && branch.Length > 7 && branch.StartsWith("z9hG4bK");
        }

        /// <summary>The entry of the transaction this request retransmits, or -1.</summary>
        public int Find(Via top, string method, string source, long nowMs)
        {
            if (!Matchable(top))
            {
                return -1;
            }
            Hash(top, method, source);
            int now = Unit(nowMs);
            for (int i = 0; i < Size; i++)
            {
                if (_hashA[i] == _hashedA && _hashB[i] == _hashedB && _until[i] > now)
                {
                    return i;
                }
            }
            return -1;
        }

        public int Status(int entry) => _answers[entry] & 0x3FF;

        public int Kind(int entry) => _answers[entry] >> 10;

        public int Tag(int entry) => _tags[entry];

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
            return Free(nowMs) >= 0 || TakeFromFlooder(SourceHash(source));
        }

        /// <summary>Entries given up by a source holding a quarter of the table to a request from another source.</summary>
        public int TakenFromFlooders { get; private set; }

        /// <summary>
        /// The table is full: the source with most entries (found by a majority vote, then counted) gives up its oldest
        /// entry if it holds at least a quarter of the table and is not the requester. Three passes, no allocation.
        /// </summary>
        private bool TakeFromFlooder(short requester)
        {
            short candidate = 0;
            int votes = 0;
            for (int i = 0; i < Size; i++)
            {
                if (votes == 0)
                {
                    candidate = _sources[i];
                    votes = 1;
                }
                else
                {
                    votes += _sources[i] == candidate ? 1 : -1;
                }
            }
            int held = 0;
            for (int i = 0; i < Size; i++)
            {
                if (_sources[i] == candidate)
                {
                    held++;
                }
            }
            if (candidate == requester || held < Size / 4)
            {
                return false;
            }
            int oldest = -1;
            for (int i = 0; i < Size; i++)
            {
                if (_sources[i] == candidate && (oldest < 0 || _until[i] < _until[oldest]))
                {
                    oldest = i;
                }
            }
            _until[oldest] = 0;
            TakenFromFlooders++;
            return true;
        }

        /// <summary>Whole seconds until the oldest live entry expires (at least 1), for Retry-After.</summary>
        public int RetryAfterSeconds(long nowMs)
        {
            int now = Unit(nowMs);
            int first = int.MaxValue;
            for (int i = 0; i < Size; i++)
            {
                if (_until[i] > now && _until[i] < first)
                {
                    first = _until[i];
                }
            }
            long ms = first == int.MaxValue ? 0 : ((long)first << UnitShift) - nowMs;
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
            _hashA[i] = _hashedA;
            _hashB[i] = _hashedB;
            _until[i] = Unit(nowMs + TimerJMs + (1 << UnitShift) - 1);
            _tags[i] = tag;
            _answers[i] = (short)((status & 0x3FF) | (kind << 10));
            _sources[i] = _hashedSource;
        }

        /// <summary>Live entries (for tests and the bench).</summary>
        public int Live(long nowMs)
        {
            int n = 0;
            int now = Unit(nowMs);
            for (int i = 0; i < Size; i++)
            {
                if (_until[i] > now)
                {
                    n++;
                }
            }
            return n;
        }

        private static int Unit(long ms) => (int)(ms >> UnitShift);

        private int Free(long nowMs)
        {
            int now = Unit(nowMs);
            for (int i = 0; i < Size; i++)
            {
                if (_until[i] <= now)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>FNV-1a and a multiply-xor hash over the same fields, with separators, so a lookup builds no string.</summary>
        private void Hash(Via top, string method, string source)
        {
            uint a = 2166136261;
            uint b = 5381;
            Mix(top.Branch, ref a, ref b);
            Mix(method, ref a, ref b);
            Mix(top.Host, ref a, ref b);
            _hashedSource = SourceHash(source);
            uint src = (uint)_hashedSource;
            a = (a ^ src) * 16777619;
            b = (b * 33) ^ src;
            uint port = (uint)top.Port;
            a = (a ^ port) * 16777619;
            b = (b * 33) ^ port;
            _hashedA = (int)a;
            _hashedB = (short)(b ^ (b >> 16));
        }

        /// <summary>16 bits of the source address (FNV-1a): enough to tell a flooding host from the PBX.</summary>
        private static short SourceHash(string source)
        {
            uint h = 2166136261;
            if (source != null)
            {
                int n = source.Length;
                for (int i = 0; i < n; i++)
                {
                    h = (h ^ source[i]) * 16777619;
                }
            }
            return (short)(h ^ (h >> 16));
        }

        private static void Mix(string s, ref uint a, ref uint b)
        {
            if (s != null)
            {
                for (int i = 0; i < s.Length; i++)
                {
                    uint c = s[i];
                    a = (a ^ c) * 16777619;
                    b = (b * 33) ^ c;
                }
            }
            // A separator that no character of the fields is, so "ab"+"c" and "a"+"bc" differ.
            a = (a ^ 0x1FF) * 16777619;
            b = (b * 33) ^ 0x1FF;
        }
    }
}
