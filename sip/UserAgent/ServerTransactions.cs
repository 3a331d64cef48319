using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// Final responses the phone sent, kept for Timer J (64*T1 = 32 s on unreliable transports, RFC 3261 17.2.2) so
    /// that a retransmitted request is answered from here, not processed twice. A fixed table: when it is full the
    /// oldest entry gives way; sixteen cover a deskphone's traffic (a few requests a minute; a burst larger than
    /// that, such as the first NOTIFYs of many BLF keys, is idempotent if a retransmission gets through again).
    /// An entry matches on the top Via's branch and sent-by, the method (RFC 3261 17.2.3) and
    /// the source address, compared field by field, so a lookup builds no key string.
    /// </summary>
    internal sealed class ServerTransactions
    {
        public const int Size = 16;
        public const long TimerJMs = 32000;

        private readonly string[] _branches = new string[Size];
        private readonly string[] _methods = new string[Size];
        private readonly string[] _sentByHosts = new string[Size];
        private readonly int[] _sentByPorts = new int[Size];
        private readonly string[] _sources = new string[Size];
        private readonly byte[][] _responses = new byte[Size][];
        private readonly long[] _until = new long[Size];
        private int _next;

        /// <summary>
        /// Whether a request with this top Via can be matched at all: RFC 3261 branches start with the magic cookie;
        /// older ones cannot be trusted alone (17.2.3).
        /// </summary>
        public static bool Matchable(Via top)
        {
            string branch = top == null ? null : top.Branch;
            return branch != null && branch.Length > 7 && branch.StartsWith("z9hG4bK");
        }

        /// <summary>The cached answer for a retransmission, or null.</summary>
        public byte[] Find(Via top, string method, string source, long nowMs)
        {
            if (!Matchable(top))
            {
                return null;
            }
            string branch = top.Branch;
            for (int i = 0; i < Size; i++)
            {
                if (_until[i] > nowMs && _branches[i] == branch && _methods[i] == method && _sentByPorts[i] == top.Port &&
                    _sentByHosts[i] == top.Host && _sources[i] == source)
                {
                    return _responses[i];
                }
            }
            return null;
        }

        public void Remember(Via top, string method, string source, byte[] response, bool reliable, long nowMs)
        {
            if (reliable || !Matchable(top))
            {
                return;
            }
            _branches[_next] = top.Branch;
            _methods[_next] = method;
            _sentByHosts[_next] = top.Host;
            _sentByPorts[_next] = top.Port;
            _sources[_next] = source;
            _responses[_next] = response;
            _until[_next] = nowMs + TimerJMs;
            _next = (_next + 1) % Size;
        }
    }
}
