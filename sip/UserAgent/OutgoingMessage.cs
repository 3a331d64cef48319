using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    public delegate void MessageResultHandler(int status, string reason);

    /// <summary>
    /// One MESSAGE sent by the phone for an identity: through its outbound proxy or registrar when it has one, else
    /// straight to the target; a 401 or 407 is answered once with the identity's digest credentials.
    /// </summary>
    internal sealed class OutgoingMessage
    {
        private readonly SipUserAgent _agent;
        private readonly SipIdentity _identity;
        private readonly string _target;
        private readonly string _contentType;
        private readonly byte[] _body;
        private readonly MessageResultHandler _done;
        private readonly string _callId;
        private readonly string _fromTag;
        private int _cseq;
        private bool _authenticated;
        private string _address;
        private int _port;

        public OutgoingMessage(SipUserAgent agent, SipIdentity identity, string target, string contentType, byte[] body, MessageResultHandler done)
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
            string next = _identity.Outbound != null && _identity.Outbound.Length > 0 ? _identity.Outbound
                : _identity.Registrar != null && _identity.Registrar.Length > 0 ? _identity.Registrar
                : uri.Host + (uri.Port > 0 ? ":" + uri.Port.ToString() : "");
            string host;
            if (!HostResolver.Split(next, out host, out _port) || (_address = HostResolver.Resolve(host)) == null)
            {
                _done(0, "cannot resolve " + next);
                return false;
            }
            return Transmit(null, false, nowMs);
        }

        private bool Transmit(DigestChallenge challenge, bool proxy, long nowMs)
        {
            string domain = _identity.Registrar != null && _identity.Registrar.Length > 0 ? SipIdentity.HostOf(_identity.Registrar) : _agent.LocalHost;
            string branch = "z9hG4bK" + _agent.NewToken();
            SipWriter w = SipWriter.Request("MESSAGE", _target)
                .Header(HeaderNames.Via, "SIP/2.0/UDP " + _agent.LocalHost + ":" + _agent.LocalPort.ToString() + ";branch=" + branch + ";rport")
                .Header(HeaderNames.MaxForwards, "70")
                .Header(HeaderNames.From, "<sip:" + _identity.User + "@" + domain + ">;tag=" + _fromTag)
                .Header(HeaderNames.To, "<" + _target + ">")
                .Header(HeaderNames.CallId, _callId)
                .Header(HeaderNames.CSeq, (++_cseq).ToString() + " MESSAGE")
                .Header(HeaderNames.UserAgent, "DeskPhone");
            if (challenge != null)
            {
                string user = _identity.AuthUser != null && _identity.AuthUser.Length > 0 ? _identity.AuthUser : _identity.User;
                w.Header(proxy ? HeaderNames.ProxyAuthorization : HeaderNames.Authorization,
                    DigestResponse.Header(user, _identity.Password ?? "", "MESSAGE", _target, challenge, 1, _agent.NewToken()));
            }
            w.Body(_contentType, _body);
            byte[] bytes = w.ToBytes();
            var t = new ClientTransaction(branch, "MESSAGE", bytes, _agent.Udp, _address, _port, OnResponse, false);
            if (!_agent.Start(t, nowMs))
            {
                _done(503, "too many requests in flight");
                return false;
            }
            return true;
        }

        private void OnResponse(ClientTransaction t, SipMessage response, long nowMs)
        {
            if (response == null)
            {
                _done(408, "no answer");
                return;
            }
            int status = response.StatusCode;
            if ((status == 401 || status == 407) && !_authenticated && _identity.Password != null)
            {
                DigestChallenge challenge = DigestChallenge.Parse(response.GetHeader(status == 401 ? HeaderNames.WwwAuthenticate : HeaderNames.ProxyAuthenticate));
                if (challenge != null)
                {
                    _authenticated = true;
                    Transmit(challenge, status == 407, nowMs);
                    return;
                }
            }
            _done(status, response.ReasonPhrase);
        }
    }
}
