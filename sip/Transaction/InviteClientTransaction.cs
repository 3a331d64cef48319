using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Transaction
{
    /// <summary>
    /// The client side of an INVITE (RFC 3261 17.1.1) in virtual time: retransmitted on Timer A (T1 doubling, on
    /// unreliable transports) until a provisional response, given up on Timer B (64*T1); a final 300-699 is
    /// acknowledged here (same branch) and its retransmissions re-acknowledged during Timer D (32 s); a 2xx ends
    /// the transaction (its ACK belongs to the dialog). Over TCP (ClientTransaction.IsReliable) there is no Timer A and
    /// Timer D is zero (RFC 3261 17.1.1.2). The call layer that will place calls builds on this.
    /// Its plain state (Transmissions, Acks) is public fields, not properties: no accessor method in the runtime
    /// tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class InviteClientTransaction
    {
        public const int Calling = 0;
        public const int Proceeding = 1;
        public const int Completed = 2;
        public const int Terminated = 3;
        public const long TimerDMs = 32000;

        private readonly byte[] _request;
        private readonly string _requestUri;
        private readonly string _via;
        private readonly string _from;
        private readonly string _callId;
        private readonly string[] _routes;
        private readonly ISipTransport _transport;
        private readonly string _host;
        private readonly int _port;
        private readonly ResponseHandler _handler;
        private long _timerA;
        // Zero over TCP: no Timer A, and Timer D is zero.
        private long _intervalA;
        private long _timerB;
        private long _timerD;
        private byte[] _ack;

        /// <param name="request">The INVITE as sent; its Request-URI, top Via, From, Call-ID and CSeq go into the ACK.</param>
        /// <param name="routes">The INVITE's Route values (a re-INVITE's route set), repeated in the ACK; null for none.</param>
        public InviteClientTransaction(string branch, byte[] request, string requestUri, string topVia, string from, string callId, long cseq,
                                       string[] routes, ISipTransport transport, string host, int port, ResponseHandler handler)
        {
            _routes = routes;
            Branch = branch;
            _request = request;
            _requestUri = requestUri;
            _via = topVia;
            _from = from;
            _callId = callId;
            CSeq = cseq;
            _transport = transport;
            _host = host;
            _port = port;
            _handler = handler;
            _intervalA = ClientTransaction.IsReliable(transport) ? 0 : ClientTransaction.T1;
        }

        public readonly string Branch;

        /// <summary>The INVITE's CSeq number, which its CANCEL repeats (RFC 3261 9.1) whatever the dialog sent since (PRACK).</summary>
        public readonly long CSeq;
        public int State { get; private set; }
        public int Transmissions;
        public int Acks;

        public void Start(long nowMs)
        {
            _timerA = nowMs + ClientTransaction.T1;
            _timerB = nowMs + 64 * ClientTransaction.T1;
            Transmit();
        }

        /// <summary>The INVITE out once more (the first time and each Timer A): one send for both (Sip's byte code, h-sipmargin).</summary>
        private void Transmit()
        {
            Transmissions++;
            _transport.Send(_request, _request.Length, _host, _port, null);
        }

        public void OnResponse(SipMessage response, long nowMs)
        {
            int status = response.StatusCode;
            if (State == Completed)
            {
                if (status >= 300)
                {
                    SendAck();
                }
                return;
            }
            if (State == Terminated)
            {
                return;
            }
            if (status < 200)
            {
                State = Proceeding;
                return;
            }
            if (status < 300)
            {
                State = Terminated;
                _handler(null, response, nowMs);
                return;
            }
            _ack = Ack(response);
            SendAck();
            State = Completed;
            _timerD = _intervalA > 0 ? nowMs + TimerDMs : nowMs;
            _handler(null, response, nowMs);
        }

        public void Poll(long nowMs)
        {
            if (State == Completed && nowMs >= _timerD)
            {
                State = Terminated;
            }
            if (State != Calling)
            {
                return;
            }
            if (nowMs >= _timerB)
            {
                Fail(nowMs);
                return;
            }
            if (_intervalA > 0 && nowMs >= _timerA)
            {
                Transmit();
                _intervalA *= 2;
                _timerA = nowMs + _intervalA;
            }
        }

        /// <summary>Timer B, or the connection it went out on is lost: no final answer will come.</summary>
        public void Fail(long nowMs)
        {
            if (State < Completed)
            {
                State = Terminated;
                _handler(null, null, nowMs);
            }
        }

        private void SendAck()
        {
            Acks++;
            _transport.Send(_ack, _ack.Length, _host, _port, null);
        }

        /// <summary>
        /// The ACK for a non-2xx final response (RFC 3261 17.1.1.3): same Request-URI, top Via, Route, From, Call-ID, CSeq
        /// number; To from the response.
        /// </summary>
        private byte[] Ack(SipMessage response)
        {
            SipWriter w = SipWriter.Request("ACK", _requestUri, _via);
            for (int i = 0; _routes != null && i < _routes.Length; i++)
            {
                w.Header(HeaderNames.Route, _routes[i]);
            }
            return w.Ids(_from, response.GetHeader(HeaderNames.To), _callId, CSeq, "ACK").ToBytes();
        }
    }
}
