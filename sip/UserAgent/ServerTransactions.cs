using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// Final responses the phone sent, kept for Timer J (64*T1 = 32 s on unreliable transports, RFC 3261 17.2.2) so
    /// that a retransmitted request is answered from here, not processed twice. A fixed table: when it is full the
    /// oldest entry gives way.
    /// </summary>
    internal sealed class ServerTransactions
    {
        public const int Size = 32;
        public const long TimerJMs = 32000;

        private readonly string[] _keys = new string[Size];
        private readonly byte[][] _responses = new byte[Size][];
        private readonly long[] _until = new long[Size];
        private int _next;

        /// <summary>The cached answer for a retransmission, or null.</summary>
        public byte[] Find(string key, long nowMs)
        {
            for (int i = 0; i < Size; i++)
            {
                if (_keys[i] == key && _until[i] > nowMs)
                {
                    return _responses[i];
                }
            }
            return null;
        }

        public void Remember(string key, byte[] response, bool reliable, long nowMs)
        {
            if (key == null || reliable)
            {
                return;
            }
            _keys[_next] = key;
            _responses[_next] = response;
            _until[_next] = nowMs + TimerJMs;
            _next = (_next + 1) % Size;
        }

        public static string Key(string branch, string method, string sentBy, SipPacket packet)
        {
            // RFC 3261 branches start with the magic cookie; older ones cannot be trusted alone (17.2.3).
            if (branch == null || !branch.StartsWith("z9hG4bK") || branch.Length == 7)
            {
                return null;
            }
            return branch + "|" + method + "|" + sentBy + "|" + packet.RemoteHost;
        }
    }
}
