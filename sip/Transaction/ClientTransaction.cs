using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Transaction
{
    /// <summary>The final answer to a request, or null when it timed out (Timer F) or could not be sent.</summary>
    public delegate void ResponseHandler(ClientTransaction transaction, SipMessage response, long nowMs);

    /// <summary>
    /// A non-INVITE client transaction (RFC 3261 17.1.2) in virtual time: on UDP the request is retransmitted on
    /// Timer E (T1 doubling up to T2; T2 once a provisional arrived), given up on Timer F (64*T1) and kept for
    /// Timer K (T4) to absorb retransmitted responses. On TCP only Timer F runs.
    /// </summary>
    public sealed class ClientTransaction
    {
        public const long T1 = 500;
        public const long T2 = 4000;
        public const long T4 = 5000;

        public const int Trying = 0;
        public const int Proceeding = 1;
        public const int Completed = 2;
        public const int Terminated = 3;

        private readonly byte[] _request;
        private readonly ISipTransport _transport;
        private readonly string _host;
        private readonly int _port;
        private readonly ResponseHandler _handler;
        private readonly bool _reliable;
        private long _timerE;
        private long _intervalE = T1;
        private long _timerF;
        private long _timerK;

        public ClientTransaction(string branch, string method, byte[] request, ISipTransport transport, string host, int port,
                                 ResponseHandler handler, bool reliable)
        {
            Branch = branch;
            Method = method;
            _request = request;
            _transport = transport;
            _host = host;
            _port = port;
            _handler = handler;
            _reliable = reliable;
        }

        public string Branch { get; }
        public string Method { get; }
        public int State { get; private set; }

        /// <summary>Requests sent, the first one included (for tests and the bench).</summary>
        public int Transmissions { get; private set; }

        public void Start(long nowMs)
        {
            _timerF = nowMs + 64 * T1;
            _timerE = nowMs + T1;
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
            _timerK = nowMs + (_reliable ? 0 : T4);
            _handler(this, response, nowMs);
        }

        public void Poll(long nowMs)
        {
            if (State == Completed)
            {
                if (nowMs >= _timerK)
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
            if (!_reliable && nowMs >= _timerE)
            {
                Transmit();
                _intervalE = State == Proceeding ? T2 : (_intervalE * 2 > T2 ? T2 : _intervalE * 2);
                _timerE = nowMs + _intervalE;
            }
        }

        private bool Transmit()
        {
            Transmissions++;
            return _transport.Send(_request, _request.Length, _host, _port, null);
        }

        private void Finish(SipMessage response, long nowMs)
        {
            State = Terminated;
            _handler(this, response, nowMs);
        }
    }
}
