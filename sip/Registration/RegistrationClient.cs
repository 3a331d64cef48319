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
    /// digest credentials on 401/407 (once per nonce, again when stale=true or to a refresh's reused nonce), 423
    /// answered with Min-Expires, a refresh before the granted time runs out, exponential back-off after a failure
    /// (capped), and a fresh attempt when the network comes back.
    /// </summary>
    public sealed class RegistrationClient
    {
        public const long FirstRetryMs = 5000;
        public const long MaxRetryMs = 300000;
        // Told of every change (the layer's Changed): a reference, not a delegate of 36 B per identity; the core is its.
        private readonly Registrations _owner;
        // The From tag's number (low 32 bits: its 8 hex digits are the tag, made for each REGISTER; the Call-ID is made
        // from the tag, the same for the client's life, RFC 3261 10.2) and the CSeq (high 32 bits) in one long: no string
        // and one field less, 36 B an identity (docs/benchmarks.md h-officerest).
        private long _tagAndCSeq;
        private DigestChallenge _challenge;
        // The Expires asked for (low 32 bits) and the one granted by the last 2xx (high 32 bits).
        private long _expiresAndGranted;
        // The last reason, null for a 2xx's "OK" while registered (LastReason gives it): a registered identity keeps no copy
        // of "OK" out of its 200 (24 B each at rest, docs/benchmarks.md h-officerest5).
        private string _lastReason;

        // Flags, the back-off step, the last status and the nonce count of the challenge answered in one int: each field
        // of an object is a 12-byte block on the device.
        private int _bits;
        private const int BusyBit = 1;
        private const int StoppingBit = 2;
        private const int ProxyChallengeBit = 4;
        private const int RegisteredBit = 8;
        private const int RetryShift = 4;
        private const int RetryMask = 0xF << RetryShift;
        // _challenge's nonce was sent at least once (nonce counts go on from there).
        private const int AnsweredBit = 1 << 8;
        private const int StatusShift = 9;
        private const int StatusMask = 0x3FF << StatusShift;
        private const int NonceCountShift = 19;
        private const int MaxNonceCount = 0x7FF;
        // A change not yet told (Poll tells it).
        private const int ChangedBit = 1 << 30;

        /// <summary>Back-off steps: <see cref="FirstRetryMs"/> doubled this many times passes <see cref="MaxRetryMs"/>.</summary>
        private const int LastRetryStep = 6;

        internal RegistrationClient(ISipClientCore agent, SipIdentity identity, Registrations owner)
        {
            Identity = identity;
            _owner = owner;
            // 32 bits of a new token (its hash: the core's random seed and counter), as the events layer draws its tags.
            _tagAndCSeq = (uint)agent.NewToken().GetHashCode();
            Expires = identity.Expires > 0 ? identity.Expires : 3600;
        }

        private ISipClientCore Agent => _owner.Core;

        private int Expires
        {
            get => (int)_expiresAndGranted;
            set => _expiresAndGranted = (_expiresAndGranted & ~0xFFFFFFFFL) | (uint)value;
        }

        /// <summary>The reason given when the phone itself stops the registration (identity removed or re-applied).</summary>
        public const string StoppedReason = "stopped";

        public readonly SipIdentity Identity;
        public bool Registered => Flag(RegisteredBit);
        public int LastStatus => (_bits & StatusMask) >> StatusShift;
        public string LastReason => _lastReason ?? (Registered ? "OK" : null);

        /// <summary>Seconds the registrar granted in the last 2xx.</summary>
        public int GrantedExpires => (int)(_expiresAndGranted >> 32);

        private int NonceCount => (_bits >> NonceCountShift) & MaxNonceCount;

        private void SetNonceCount(int count) =>
            _bits = (_bits & ~(MaxNonceCount << NonceCountShift)) | ((count > MaxNonceCount ? MaxNonceCount : count) << NonceCountShift);

        /// <summary>When a registration granted <paramref name="granted"/> seconds is refreshed, after its 2xx.</summary>
        private static long RefreshInMs(int granted) => granted > 60 ? (granted - 30) * 1000L : granted * 500L;

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

        /// <summary>
        /// When the next REGISTER is due (a refresh or a retry). A public field, not a property: no accessor in
        /// DeskPhone.Sip's byte code (issue #17); the client alone sets it.
        /// </summary>
        public long DueMs;

        public void Start(long nowMs)
        {
            SetFlag(StoppingBit, false);
            DueMs = nowMs;
        }

        /// <summary>The network came back (or changed): register again at once.</summary>
        public void NetworkRestored(long nowMs)
        {
            // The link report that follows boot comes right after the first registration: nothing to redo then.
            // Registered and idle, the refresh is due RefreshInMs after the 2xx: when that came is not kept apart.
            if (Registered && nowMs - (DueMs - RefreshInMs(GrantedExpires)) < 2000)
            {
                return;
            }
            Renew(nowMs);
        }

        /// <summary>
        /// Registers again at once, unless a REGISTER is in flight: also when its TCP connection is lost, however recent
        /// the registration (the registrar can no longer reach the phone on it).
        /// </summary>
        public void Renew(long nowMs)
        {
            if (Flag(BusyBit))
            {
                return;
            }
            SetRetryStep(0);
            DueMs = nowMs;
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
            // Told at once: a stopped client is not polled again.
            Report();
        }

        public void Poll(long nowMs)
        {
            if (!Flag(StoppingBit) && !Flag(BusyBit) && nowMs >= DueMs)
            {
                Send(nowMs, Expires);
            }
            Report();
        }

        /// <summary>
        /// Tells the layer of a change, from <see cref="Poll"/> (or <see cref="Stop"/>) rather than from inside the
        /// response's handling: what the change sets off (statuses, the log, the screen, the own SUBSCRIBEs) then runs
        /// without the response's transaction frames and parsed message under it, about 2 KB less at the boot's peak on
        /// the board's heap (docs/benchmarks.md, h-boot80). The user agent's poll comes first in the same loop turn.
        /// </summary>
        private void Report()
        {
            if (Flag(ChangedBit))
            {
                SetFlag(ChangedBit, false);
                _owner.OnChanged(Identity.Index, Registered, LastStatus, LastReason);
            }
        }

        private void Send(long nowMs, int expires)
        {
            // The identity read once into a local: a byte less each time in DeskPhone.Sip's byte code. Locals are reused
            // (host for the registrar's host, registrar for the request URI) and the Authorization made in a method of
            // its own (only after a 401/407): each local is a 12-byte block of the frame on the device's heap.
            SipIdentity identity = Identity;
            string host;
            int port;
            if (!HostResolver.Split(identity.NextHop(null), out host, out port))
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
            identity.HopAddress = address;
            string registrar = identity.Registrar;
            int ignored;
            HostResolver.Split(registrar, out host, out ignored);
            registrar = "sip:" + (registrar.StartsWith("sip:") ? registrar.Substring(4) : registrar);
            string aor = "sip:" + identity.User + "@" + host;
            ISipClientCore agent = Agent;
            string branch = "z9hG4bK" + agent.NewToken();
            ISipTransport transport = agent.TransportOf(identity);
            string tag = ((uint)_tagAndCSeq).ToString("x8");
            _tagAndCSeq += 1L << 32;
            SipWriter w = SipWriter.Request("REGISTER", registrar, agent.ViaOf(transport, branch))
                .Ids("<" + aor + ">;tag=" + tag, "<" + aor + ">", tag + "-reg" + identity.Index.ToString(), (int)(_tagAndCSeq >> 32), "REGISTER")
                .Header(HeaderNames.Contact, agent.ContactOf(identity))
                .Header(HeaderNames.Expires, expires.ToString())
                .UserAgent();
            if (_challenge != null)
            {
                Authorize(w, registrar);
            }
            var transaction = new ClientTransaction(branch, "REGISTER", w.ToBytes(), transport, address, port, OnResponse);
            SetFlag(BusyBit, true);
            if (!agent.Start(transaction, nowMs))
            {
                SetFlag(BusyBit, false);
                Failed(0, "too many requests in flight", nowMs);
            }
        }

        /// <summary>The digest answer to the challenge kept (after a 401 or 407), its nonce counted on.</summary>
        private void Authorize(SipWriter w, string uri)
        {
            SetNonceCount(Flag(AnsweredBit) ? NonceCount + 1 : 1);
            SetFlag(AnsweredBit, true);
            w.Header(Flag(ProxyChallengeBit) ? HeaderNames.ProxyAuthorization : HeaderNames.Authorization,
                Identity.Answer("REGISTER", uri, _challenge, NonceCount, Agent.NewToken()));
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
                _expiresAndGranted = (_expiresAndGranted & 0xFFFFFFFFL) | ((long)granted << 32);
                SetRetryStep(0);
                DueMs = nowMs + RefreshInMs(granted);
                Set(true, status, response.ReasonPhrase);
                return;
            }
            if (status == 401 || status == 407)
            {
                DigestChallenge challenge = DigestChallenge.Parse(response.GetHeader(status == 401 ? HeaderNames.WwwAuthenticate : HeaderNames.ProxyAuthenticate));
                string answeredNonce = _challenge != null && Flag(AnsweredBit) ? _challenge.Nonce : null;
                // Credentials sent for a nonce's first time and challenged again without stale=true were refused, whatever
                // the new nonce (RFC 3261 22.2): a registrar drawing one per challenge (Asterisk) was answered at once, a
                // REGISTER every round trip for a wrong password. A new nonce to a refresh's reused one is answered; the
                // nonce just answered is not again, stale=true or not (answered each time, a loop as fast).
                bool retry = challenge != null && Identity.Password != null && challenge.Nonce != answeredNonce &&
                             ((object)answeredNonce == null || NonceCount > 1 || challenge.Stale);
                // Either way no credentials sent for the challenge kept yet: a new nonce counts from 1.
                SetFlag(AnsweredBit, false);
                if (retry)
                {
                    _challenge = challenge;
                    SetFlag(ProxyChallengeBit, status == 407);
                    Send(nowMs, Flag(StoppingBit) ? 0 : Expires);
                    return;
                }
                _challenge = null;
                Failed(status, challenge == null ? "no usable Digest challenge" : "credentials refused", nowMs);
                return;
            }
            if (status == 423)
            {
                int min = SmallNumber(response.GetHeader(HeaderNames.MinExpires));
                if (min > Expires)
                {
                    Expires = min;
                    Send(nowMs, min);
                    return;
                }
            }
            Failed(status, response.ReasonPhrase, nowMs);
        }

        private int Granted(SipMessage response)
        {
            // Counted and parsed without SipMessage.ContactCount and GetContact: a frame less under the 200's Contacts,
            // the deepest point of the registration on the 80,896-byte board (issue #17).
            int contacts = response.CountValues(HeaderNames.ContactKind, null);
            for (int i = 0; i < contacts; i++)
            {
                NameAddr contact = NameAddr.Parse(response.ValueOf(HeaderNames.ContactKind, null, i));
                if (contact != null && contact.Uri != null && contact.Uri.GetParam("line") == Identity.LineToken)
                {
                    int value = SmallNumber(contact.GetParam("expires"));
                    if (value > 0)
                    {
                        return value;
                    }
                }
            }
            int header = response.Expires;
            return header > 0 ? header : Expires;
        }

        private void Failed(int status, string reason, long nowMs)
        {
            DueMs = nowMs + RetryMs;
            SetRetryStep(((_bits & RetryMask) >> RetryShift) + 1);
            Set(false, status, reason);
        }

        private void Set(bool registered, int status, string reason)
        {
            bool changed = registered != Registered || status != LastStatus;
            SetFlag(RegisteredBit, registered);
            _bits = (_bits & ~StatusMask) | (((status < 0 ? 0 : status > 0x3FF ? 0x3FF : status) << StatusShift) & StatusMask);
            _lastReason = registered && reason == "OK" ? null : reason;
            // An equal reason another identity's client keeps is kept instead: the identities of one registrar keep one
            // copy of its words (each response's reason is a string of its own: 24 B an identity at rest against a
            // registrar that says "200 Registered", docs/benchmarks.md h-restfields). Here, not in a method of its own:
            // a MethodDef less in the runtime tables.
            for (int i = 1; (object)_lastReason != null && i <= SipUserAgent.MaxIdentities; i++)
            {
                RegistrationClient other = _owner.Get(i);
                string kept = other == null || other == this ? null : other._lastReason;
                if ((object)kept != null && kept == _lastReason)
                {
                    _lastReason = kept;
                    break;
                }
            }
            if (changed)
            {
                SetFlag(ChangedBit, true);
            }
        }

        /// <summary>A header's number of seconds, -1 when absent, negative or malformed (the events layer's too).</summary>
        internal static int SmallNumber(string text)
        {
            int n;
            return text != null && int.TryParse(text.Trim(), out n) && n >= 0 ? n : -1;
        }
    }
}
