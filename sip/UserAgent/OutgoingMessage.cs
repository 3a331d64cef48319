using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// One MESSAGE sent by the phone for an identity: through its outbound proxy or registrar when it has one, else
    /// straight to the target; a 401 or 407 is answered once with the identity's digest credentials (AuthenticatedRequest).
    /// </summary>
    internal sealed class OutgoingMessage
    {
        private readonly SipUserAgent _agent;
        private readonly SipIdentity _identity;
        private readonly string _target;
        private readonly string _contentType;
        private readonly byte[] _body;
        private readonly NumberTextHandler _done;
        private readonly string _callId;
        private readonly string _fromTag;
        private int _cseq;
        private string _address;
        private int _port;

        public OutgoingMessage(SipUserAgent agent, SipIdentity identity, string target, string contentType, byte[] body, NumberTextHandler done)
        {
            _agent = agent;
            _identity = identity;
            _target = target;
            _contentType = contentType;
            _body = body;
            _done = done;
            _callId = agent.NewToken() + "@" + agent.LocalHost;
            _fromTag = agent.NewToken();
        }

        /// <summary>Sends it; false (and the handler told why) when it cannot go out at all.</summary>
        public bool Send(long nowMs)
        {
            SipUri uri = SipUri.Parse(_target);
            if (uri == null || !uri.IsSip)
            {
                _done(400, "target is not a sip: URI");
                return false;
            }
            string next = _identity.NextHop(uri);
            string host;
            if (!HostResolver.Split(next, out host, out _port) || (_address = HostResolver.Resolve(host)) == null)
            {
                _done(0, "cannot resolve " + next);
                return false;
            }
            if (!_agent.SendRequest(_identity, "MESSAGE", _target, _address, _port, Build, OnResponse, nowMs))
            {
                _done(503, "too many requests in flight");
                return false;
            }
            return true;
        }

        private byte[] Build(string branch, string authorizationHeader, string authorizationValue)
        {
            return SipWriter.Request("MESSAGE", _target, _agent.ViaOf(_agent.TransportOf(_identity), branch))
                .Ids(_identity.Address(_agent.LocalHost, _fromTag), "<" + _target + ">", _callId, ++_cseq, "MESSAGE")
                .UserAgent()
                .Header(authorizationHeader, authorizationValue)
                .Body(_contentType, _body)
                .ToBytes();
        }

        private void OnResponse(ClientTransaction t, SipMessage response, long nowMs)
        {
            if (response == null)
            {
                _done(408, "no answer");
                return;
            }
            _done(response.StatusCode, response.ReasonPhrase);
        }
    }
}
