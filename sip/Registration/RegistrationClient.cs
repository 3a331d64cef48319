using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Registration
{
    public delegate void RegistrationChangedHandler(int identity, bool registered, int status, string reason);

    /// <summary>
    /// Keeps one identity registered (RFC 3261 10.2): REGISTER with a Contact carrying the identity's line token,
    /// digest credentials on 401/407 (once per nonce, again when stale=true), 423 answered with Min-Expires, a
    /// refresh before the granted time runs out, exponential back-off after a failure (capped), and a fresh
    /// attempt when the network comes back.
    /// </summary>
    public sealed class RegistrationClient
    {
        public const long FirstRetryMs = 5000;
        public const long MaxRetryMs = 300000;

        private readonly ISipClientCore _agent;
        private readonly SipIdentity _identity;
        // Told of every change (the layer's Changed): a reference, not a delegate of 36 B per identity.
        private readonly Registrations _owner;
        private readonly string _callId;
        private readonly string _fromTag;
        private int _cseq;
        private long _dueMs;
        private DigestChallenge _challenge;
        private string _answeredNonce;
        private int _nonceCount;
        private int _expires;
        private long _registeredAtMs;

        // Flags and the back-off step in one int: each field of an object is a 12-byte block on the device.
        private int _bits;
        private const int BusyBit = 1;
        private const int StoppingBit = 2;
        private const int ProxyChallengeBit = 4;
        private const int RegisteredBit = 8;
        private const int RetryShift = 4;
        private const int RetryMask = 0xF << RetryShift;

        /// <summary>Back-off steps: <see cref="FirstRetryMs"/> doubled this many times passes <see cref="MaxRetryMs"/>.</summary>
        private const int LastRetryStep = 6;

        internal RegistrationClient(ISipClientCore agent, SipIdentity identity, Registrations owner)
        {
            _agent = agent;
            _identity = identity;
            _owner = owner;
            _callId = agent.NewToken() + "-reg" + identity.Index.ToString() + "@" + agent.LocalHost;
            _fromTag = agent.NewToken();
            _expires = identity.Expires > 0 ? identity.Expires : 3600;
        }

        /// <summary>The reason given when the phone itself stops the registration (identity removed or re-applied).</summary>
        public const string StoppedReason = "stopped";

        public SipIdentity Identity => _identity;
        public bool Registered => Flag(RegisteredBit);
        public int LastStatus { get; private set; }
        public string LastReason { get; private set; }

        /// <summary>Seconds the registrar granted in the last 2xx.</summary>
        public int GrantedExpires { get; private set; }

        private bool Flag(int bit) => (_bits & bit) != 0;

        private void SetFlag(int bit, bool on) => _bits = on ? _bits | bit : _bits & ~bit;

        private long RetryMs
        {
            get
            {
                int step = (_bits & RetryMask) >> RetryShift;
                return step >= LastRetryStep ? MaxRetryMs : FirstRetryMs << step;
            }
        }

        private void SetRetryStep(int step) => _bits = (_bits & ~RetryMask) | ((step > LastRetryStep ? LastRetryStep : step) << RetryShift);

        public long DueMs => _dueMs;

        public void Start(long nowMs)
        {
            SetFlag(StoppingBit, false);
            _dueMs = nowMs;
        }

        /// <summary>The network came back (or changed): register again at once.</summary>
        public void NetworkRestored(long nowMs)
        {
            // The link report that follows boot comes right after the first registration: nothing to redo then.
            if (Flag(BusyBit) || (Registered && nowMs - _registeredAtMs < 2000))
            {
                return;
            }
            SetRetryStep(0);
            _dueMs = nowMs;
        }

        /// <summary>Removes the binding (Expires: 0) and stops refreshing.</summary>
        public void Stop(long nowMs)
        {
            SetFlag(StoppingBit, true);
            if (Registered)
            {
                Send(nowMs, 0);
            }
            Set(false, LastStatus, StoppedReason);
        }

        public void Poll(long nowMs)
        {
            if (Flag(StoppingBit) || Flag(BusyBit) || nowMs < _dueMs)
            {
                return;
            }
            Send(nowMs, _expires);
        }

        private void Send(long nowMs, int expires)
        {
            string host;
            int port;
            string target = _identity.Outbound != null && _identity.Outbound.Length > 0 ? _identity.Outbound : _identity.Registrar;
            if (!HostResolver.Split(target, out host, out port))
            {
                Failed(0, "no registrar configured", nowMs);
                return;
            }
            string address = HostResolver.Resolve(host);
            if (address == null)
            {
                Failed(0, "cannot resolve " + host, nowMs);
                return;
            }
            string registrarHost;
            int ignored;
            HostResolver.Split(_identity.Registrar, out registrarHost, out ignored);
            string domain = _identity.Registrar.StartsWith("sip:") ? _identity.Registrar.Substring(4) : _identity.Registrar;
            string uri = "sip:" + domain;
            string aor = "sip:" + _identity.User + "@" + registrarHost;
            string branch = "z9hG4bK" + _agent.NewToken();
            SipWriter w = SipWriter.Request("REGISTER", uri)
                .Header(HeaderNames.Via, "SIP/2.0/UDP " + _agent.LocalHost + ":" + _agent.LocalPort.ToString() + ";branch=" + branch + ";rport")
                .Header(HeaderNames.MaxForwards, "70")
                .Header(HeaderNames.From, "<" + aor + ">;tag=" + _fromTag)
                .Header(HeaderNames.To, "<" + aor + ">")
                .Header(HeaderNames.CallId, _callId)
                .Header(HeaderNames.CSeq, (++_cseq).ToString() + " REGISTER")
                .Header(HeaderNames.Contact, _agent.ContactOf(_identity))
                .Header(HeaderNames.Expires, expires.ToString())
                .Header(HeaderNames.UserAgent, "DeskPhone");
            if (_challenge != null)
            {
                string user = _identity.AuthUser != null && _identity.AuthUser.Length > 0 ? _identity.AuthUser : _identity.User;
                _nonceCount = _challenge.Nonce == _answeredNonce ? _nonceCount + 1 : 1;
                _answeredNonce = _challenge.Nonce;
                w.Header(Flag(ProxyChallengeBit) ? HeaderNames.ProxyAuthorization : HeaderNames.Authorization,
                    DigestResponse.Header(user, _identity.Password ?? "", "REGISTER", uri, _challenge, _nonceCount, _agent.NewToken()));
            }
            byte[] bytes = w.ToBytes();
            var transaction = new ClientTransaction(branch, "REGISTER", bytes, _agent.Udp, address, port, OnResponse, false);
            SetFlag(BusyBit, true);
            if (!_agent.Start(transaction, nowMs))
            {
                SetFlag(BusyBit, false);
                Failed(0, "too many requests in flight", nowMs);
            }
        }

        private void OnResponse(ClientTransaction t, SipMessage response, long nowMs)
        {
            SetFlag(BusyBit, false);
            if (response == null)
            {
                Failed(408, "no answer from the registrar", nowMs);
                return;
            }
            int status = response.StatusCode;
            if (status >= 200 && status < 300)
            {
                if (Flag(StoppingBit))
                {
                    return;
                }
                int granted = Granted(response);
                GrantedExpires = granted;
                _registeredAtMs = nowMs;
                SetRetryStep(0);
                long refreshIn = granted > 60 ? (granted - 30) * 1000L : granted * 500L;
                _dueMs = nowMs + refreshIn;
                Set(true, status, response.ReasonPhrase);
                return;
            }
            if (status == 401 || status == 407)
            {
                DigestChallenge challenge = DigestChallenge.Parse(response.GetHeader(status == 401 ? HeaderNames.WwwAuthenticate : HeaderNames.ProxyAuthenticate));
                bool retry = challenge != null && _identity.Password != null &&
                             (challenge.Nonce != _answeredNonce || challenge.Stale);
                if (retry)
                {
                    _challenge = challenge;
                    SetFlag(ProxyChallengeBit, status == 407);
                    Send(nowMs, Flag(StoppingBit) ? 0 : _expires);
                    return;
                }
                _challenge = null;
                _answeredNonce = null;
                Failed(status, challenge == null ? "no usable Digest challenge" : "credentials refused", nowMs);
                return;
            }
            if (status == 423)
            {
                int min = SmallNumber(response.GetHeader(HeaderNames.MinExpires));
                if (min > _expires)
                {
                    _expires = min;
                    Send(nowMs, _expires);
                    return;
                }
            }
            Failed(status, response.ReasonPhrase, nowMs);
        }

        private int Granted(SipMessage response)
        {
            int contacts = response.ContactCount;
            for (int i = 0; i < contacts; i++)
            {
                NameAddr contact = response.GetContact(i);
                if (contact != null && contact.Uri != null && contact.Uri.GetParam("line") == _identity.LineToken)
                {
                    int value = SmallNumber(contact.GetParam("expires"));
                    if (value > 0)
                    {
                        return value;
                    }
                }
            }
            int header = response.Expires;
            return header > 0 ? header : _expires;
        }

        private void Failed(int status, string reason, long nowMs)
        {
            _dueMs = nowMs + RetryMs;
            SetRetryStep(((_bits & RetryMask) >> RetryShift) + 1);
            Set(false, status, reason);
        }

        private void Set(bool registered, int status, string reason)
        {
            bool changed = registered != Registered || status != LastStatus;
            SetFlag(RegisteredBit, registered);
            LastStatus = status;
            LastReason = reason;
            if (changed && _owner != null)
            {
                _owner.OnChanged(_identity.Index, registered, status, reason);
            }
        }

        private static int SmallNumber(string text)
        {
            int n;
            return text != null && int.TryParse(text.Trim(), out n) && n >= 0 ? n : -1;
        }
    }
}
