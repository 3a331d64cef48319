using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// Builds the bytes of a request with a fresh branch (and the CSeq the caller keeps), optionally carrying the
    /// given Authorization or Proxy-Authorization header.
    /// </summary>
    public delegate byte[] RequestBuilder(string branch, string authorizationHeader, string authorizationValue);

    /// <summary>
    /// One non-INVITE request of an identity that answers a 401 or 407 once with the identity's digest credentials
    /// (RFC 3261 22.2), then reports the final answer: MESSAGE, SUBSCRIBE and PUBLISH all go through it. It is the
    /// client transaction itself (one object and no handler delegate per request in flight; a new one goes out with
    /// the credentials).
    /// </summary>
    internal sealed class AuthenticatedRequest : ClientTransaction
    {
        private readonly SipUserAgent _agent;
        private readonly SipIdentity _identity;
        private readonly string _uri;
        private readonly RequestBuilder _build;
        private readonly ResponseHandler _done;
        private readonly bool _authenticated;

        private AuthenticatedRequest(string branch, string method, byte[] request, SipUserAgent agent, SipIdentity identity, ISipTransport transport,
                                     string uri, string address, int port, RequestBuilder build, ResponseHandler done, bool authenticated)
            : base(branch, method, request, transport, address, port, null)
        {
            _agent = agent;
            _identity = identity;
            _uri = uri;
            _build = build;
            _done = done;
            _authenticated = authenticated;
        }

        /// <summary>Builds the request with a fresh branch (and the given credentials) and starts it; false when no slot is free.</summary>
        public static bool Send(SipUserAgent agent, SipIdentity identity, ISipTransport transport, string method, string uri, string address, int port,
                                RequestBuilder build, ResponseHandler done, string authorizationHeader, string authorizationValue, long nowMs)
        {
            string branch = "z9hG4bK" + agent.NewToken();
            byte[] bytes = build(branch, authorizationHeader, authorizationValue);
            var t = new AuthenticatedRequest(branch, method, bytes, agent, identity, transport, uri, address, port, build, done, authorizationHeader != null);
            return agent.Start(t, nowMs);
        }

        protected override void Finished(SipMessage response, long nowMs)
        {
            int status = response == null ? 0 : response.StatusCode;
            if ((status == 401 || status == 407) && !_authenticated && _identity.Password != null && Retried(response, status, nowMs))
            {
                return;
            }
            _done(this, response, nowMs);
        }

        /// <summary>
        /// The request sent again with the answer to the challenge of <paramref name="response"/> (401 or 407); false when
        /// there is none or no slot. A method of its own: Send's twelve arguments are not on the stack of the frame under
        /// which the response's handler runs (a PUBLISH's 200, the office stream's lowest point in a census sweep around
        /// the 80,896-byte board: tools/HeapCensus/sweep.sh, h-sipsweep).
        /// </summary>
        private bool Retried(SipMessage response, int status, long nowMs)
        {
            DigestChallenge challenge = DigestChallenge.Parse(response.GetHeader(status == 401 ? HeaderNames.WwwAuthenticate : HeaderNames.ProxyAuthenticate));
            string value = challenge == null ? null : _identity.Answer(Method, _uri, challenge, 1, _agent.NewToken());
            return value != null && Send(_agent, _identity, Transport, Method, _uri, Host, Port, _build, _done,
                status == 401 ? HeaderNames.Authorization : HeaderNames.ProxyAuthorization, value, nowMs);
        }
    }
}
