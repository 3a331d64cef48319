using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// Builds the bytes of a request with a fresh branch (and the CSeq the caller keeps), optionally carrying the
    /// given Authorization or Proxy-Authorization header.
    /// </summary>
    public delegate byte[] RequestBuilder(string branch, string authorizationHeader, string authorizationValue);

    /// <summary>
    /// One non-INVITE request of an identity that answers a 401 or 407 once with the identity's digest credentials
    /// (RFC 3261 22.2), then reports the final answer: MESSAGE, SUBSCRIBE and PUBLISH all go through it.
    /// </summary>
    internal sealed class AuthenticatedRequest
    {
        private readonly SipUserAgent _agent;
        private readonly SipIdentity _identity;
        private readonly string _method;
        private readonly string _uri;
        private readonly string _address;
        private readonly int _port;
        private readonly RequestBuilder _build;
        private readonly ResponseHandler _done;
        private bool _authenticated;

        public AuthenticatedRequest(SipUserAgent agent, SipIdentity identity, string method, string uri, string address, int port,
                                    RequestBuilder build, ResponseHandler done)
        {
            _agent = agent;
            _identity = identity;
            _method = method;
            _uri = uri;
            _address = address;
            _port = port;
            _build = build;
            _done = done;
        }

        public bool Send(string authorizationHeader, string authorizationValue, long nowMs)
        {
            string branch = "z9hG4bK" + _agent.NewToken();
            byte[] bytes = _build(branch, authorizationHeader, authorizationValue);
            var t = new ClientTransaction(branch, _method, bytes, _agent.Udp, _address, _port, OnResponse, false);
            return _agent.Start(t, nowMs);
        }

        private void OnResponse(ClientTransaction t, SipMessage response, long nowMs)
        {
            int status = response == null ? 0 : response.StatusCode;
            if ((status == 401 || status == 407) && !_authenticated && _identity.Password != null)
            {
                DigestChallenge challenge = DigestChallenge.Parse(response.GetHeader(status == 401 ? HeaderNames.WwwAuthenticate : HeaderNames.ProxyAuthenticate));
                if (challenge != null)
                {
                    _authenticated = true;
                    string user = _identity.AuthUser != null && _identity.AuthUser.Length > 0 ? _identity.AuthUser : _identity.User;
                    string value = DigestResponse.Header(user, _identity.Password, _method, _uri, challenge, 1, _agent.NewToken());
                    if (Send(status == 401 ? HeaderNames.Authorization : HeaderNames.ProxyAuthorization, value, nowMs))
                    {
                        return;
                    }
                }
            }
            _done(t, response, nowMs);
        }
    }
}
