using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Transaction
{
    /// <summary>
    /// The server side of an INVITE answered with a final non-2xx response (RFC 3261 17.2.1) on an unreliable
    /// transport: the response is retransmitted on Timer G (T1 doubling up to T2) until the ACK arrives or
    /// Timer H (64*T1) gives up; after the ACK, Timer I (T4) absorbs retransmitted ACKs.
    /// Its plain state (Retransmissions) is public fields, not properties: no accessor method in the runtime tables,
    /// image and calls on the device (issue #17).
    /// </summary>
    public sealed class InviteServerTransaction
    {
        public const int Completed = 0;
        public const int Confirmed = 1;
        public const int Terminated = 2;
        private readonly ISipTransport _transport;
        private readonly string _host;
        private readonly int _port;
        private long _timerG;
        private long _intervalG = ClientTransaction.T1;
        private long _timerH;
        private long _timerI;

        public InviteServerTransaction(string branch, byte[] response, ISipTransport transport, string host, int port, long nowMs)
        {
            Branch = branch;
            Response = response;
            _transport = transport;
            _host = host;
            _port = port;
            _timerG = nowMs + ClientTransaction.T1;
            _timerH = nowMs + 64 * ClientTransaction.T1;
        }

        public readonly string Branch;

        /// <summary>The final response it retransmits (a retransmitted INVITE is answered with the same bytes).</summary>
        public readonly byte[] Response;
        public int State { get; private set; }
        public int Retransmissions;

        /// <summary>True when the ACK ended the retransmissions (the caller absorbs the ACK).</summary>
        public bool OnAck(long nowMs)
        {
            if (State != Completed)
            {
                return State == Confirmed;
            }
            State = Confirmed;
            _timerI = nowMs + ClientTransaction.T4;
            return true;
        }

        public void Poll(long nowMs)
        {
            if (State == Confirmed && nowMs >= _timerI)
            {
                State = Terminated;
            }
            if (State != Completed)
            {
                return;
            }
            if (nowMs >= _timerH)
            {
                // No ACK: the response was lost for good (RFC 3261 17.2.1); the transaction ends.
                State = Terminated;
                return;
            }
            if (nowMs >= _timerG)
            {
                Retransmissions++;
                _transport.Send(Response, Response.Length, _host, _port, null);
                _intervalG = _intervalG * 2 > ClientTransaction.T2 ? ClientTransaction.T2 : _intervalG * 2;
                _timerG = nowMs + _intervalG;
            }
        }
    }
}
