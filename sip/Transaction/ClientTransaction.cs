using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Transaction
{
    /// <summary>The final answer to a request, or null when it timed out (Timer F) or could not be sent.</summary>
    public delegate void ResponseHandler(ClientTransaction transaction, SipMessage response, long nowMs);

    /// <summary>
    /// A non-INVITE client transaction (RFC 3261 17.1.2) in virtual time: on UDP the request is retransmitted on
    /// Timer E (T1 doubling up to T2; T2 once a provisional arrived), given up on Timer F (64*T1) and kept for
    /// Timer K (T4) to absorb retransmitted responses. On TCP (<see cref="IsReliable"/>) only Timer F
    /// runs and Timer K is zero (RFC 3261 17.1.2.2).
    /// </summary>
    public class ClientTransaction
    {
        public const long T1 = 500;
        public const long T2 = 4000;
        public const long T4 = 5000;

        public const int Trying = 0;
        public const int Proceeding = 1;
        public const int Completed = 2;
        public const int Terminated = 3;

        private readonly byte[] _request;
        private readonly ResponseHandler _handler;
        // Timer E until the final answer, Timer K after it: never both at once, so one field (each field of an object is
        // a 12-byte block on the device, and up to 16 transactions are in flight at bring-up).
        private long _timer;
        private long _timerF;

        // The port, the state, whether the transport is reliable, Timer E's interval (T1 doubled this many times) and
        // the transmissions, in one int.
        private int _bits;
        private const int PortMask = 0xFFFF;
        private const int StateShift = 16;
        private const int StateMask = 3 << StateShift;
        private const int ReliableBit = 1 << 18;
        private const int IntervalShift = 19;
        private const int IntervalMask = 3 << IntervalShift;
        private const int TransmissionsShift = 21;
        private const int MaxTransmissions = 0xFF;

        /// <summary>Timer E's interval reaches T2 after this many doublings of T1.</summary>
        private const int LastIntervalStep = 3;

        public ClientTransaction(string branch, string method, byte[] request, ISipTransport transport, string host, int port,
                                 ResponseHandler handler)
        {
            Branch = branch;
            Method = method;
            _request = request;
            Transport = transport;
            Host = host;
            _handler = handler;
            _bits = (port & PortMask) | (IsReliable(transport) ? ReliableBit : 0);
        }

        /// <summary>Whether a transport is reliable (TCP): requests go once, and the timers that absorb retransmissions are zero.</summary>
        internal static bool IsReliable(ISipTransport transport) => transport != null && transport.Name == "TCP";

        public readonly string Branch;
        public readonly string Method;

        /// <summary>Where the request goes.</summary>
        public readonly string Host;
        public int Port => _bits & PortMask;

        /// <summary>The final answer, or null (Timer F, or it could not be sent): the handler's by default.</summary>
        protected virtual void Finished(SipMessage response, long nowMs) => _handler(this, response, nowMs);

        public int State
        {
            get => (_bits & StateMask) >> StateShift;
            private set => _bits = (_bits & ~StateMask) | (value << StateShift);
        }

        /// <summary>Requests sent, the first one included (for tests and the bench; counted up to 255).</summary>
        public int Transmissions => (int)((uint)_bits >> TransmissionsShift);

        /// <summary>Over a reliable transport: sent once, no Timer E, Timer K zero.</summary>
        public bool Reliable => (_bits & ReliableBit) != 0;

        /// <summary>The transport it was sent on (a retry with credentials goes the same way).</summary>
        protected readonly ISipTransport Transport;

        private int IntervalStep => (_bits & IntervalMask) >> IntervalShift;

        public void Start(long nowMs)
        {
            _timerF = nowMs + 64 * T1;
            _timer = nowMs + T1;
            if (!Transmit())
            {
                Finish(null, nowMs);
            }
        }

        public void OnResponse(SipMessage response, long nowMs)
        {
            if (State >= Completed)
            {
                return;
            }
            if (response.StatusCode < 200)
            {
                State = Proceeding;
                return;
            }
            State = Completed;
            _timer = nowMs + (Reliable ? 0 : T4);
            Finished(response, nowMs);
        }

        public void Poll(long nowMs)
        {
            if (State == Completed)
            {
                if (nowMs >= _timer)
                {
                    State = Terminated;
                }
                return;
            }
            if (State == Terminated)
            {
                return;
            }
            if (nowMs >= _timerF)
            {
                Finish(null, nowMs);
                return;
            }
            if (!Reliable && nowMs >= _timer)
            {
                Transmit();
                // The interval doubles from T1 up to T2, and is T2 once a provisional arrived.
                int step = State == Proceeding ? LastIntervalStep : (IntervalStep < LastIntervalStep ? IntervalStep + 1 : LastIntervalStep);
                _bits = (_bits & ~IntervalMask) | (step << IntervalShift);
                _timer = nowMs + (T1 << step);
            }
        }

        /// <summary>The connection it went out on is lost: it ends now as if unanswered, not on Timer F.</summary>
        public void Fail(long nowMs)
        {
            if (State < Completed)
            {
                Finish(null, nowMs);
            }
        }

        private bool Transmit()
        {
            if (Transmissions < MaxTransmissions)
            {
                _bits += 1 << TransmissionsShift;
            }
            return Transport.Send(_request, _request.Length, Host, _bits & PortMask, null);
        }

        private void Finish(SipMessage response, long nowMs)
        {
            State = Terminated;
            Finished(response, nowMs);
        }
    }
}
