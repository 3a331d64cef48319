using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>One of the phone's identities (user_* settings, index 1..12) as the SIP layer needs it.</summary>
    // Its plain state (User, Password, RegistrarHost) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class SipIdentity
    {
        // Index, Active, UserNameAsLine, OverTcp and Expires in one int: each field of an object is a 12-byte block on
        // the device.
        private int _bits = 3600 << ExpiresShift;
        private const int IndexMask = 0xFF;
        private const int ActiveBit = 1 << 8;
        private const int UserNameAsLineBit = 1 << 9;
        private const int OverTcpBit = 1 << 10;
        private const int ExpiresShift = 11;

        /// <summary>1..12 (kept in 8 bits).</summary>
        public int Index
        {
            get => _bits & IndexMask;
            set => _bits = (_bits & ~IndexMask) | (value & IndexMask);
        }

        // One setter for the flags: DeskPhone.Sip's byte code.
        private void SetBit(int bit, bool on) => _bits = on ? _bits | bit : _bits & ~bit;

        public bool Active
        {
            get => (_bits & ActiveBit) != 0;
            set => SetBit(ActiveBit, value);
        }

        public string User;

        private string _registrar;

        // The outbound proxy, its host and the auth user, which most identities leave empty: one field for the three,
        // made by the first that is not empty, null while none is (24 B an identity at rest, docs/benchmarks.md h-restfields).
        private Rare _rare;

        private sealed class Rare
        {
            public string Outbound;
            public string OutboundHost;
            public string AuthUser;
            public string HopAddress;
        }

        /// <summary>Registrar host[:port] (user_host).</summary>
        public string Registrar
        {
            get => _registrar;
            set
            {
                _registrar = value;
                RegistrarHost = SourceHostOf(value);
            }
        }

        /// <summary>
        /// Outbound proxy host[:port] (user_outbound), or null; or the target DNS SRV located for the identity's first hop
        /// given as a name ("10.0.0.5:5060", firmware/Phone/FirstHops): where its requests outside a dialog go.
        /// </summary>
        public string Outbound
        {
            get => _rare == null ? null : _rare.Outbound;
            set
            {
                Rare rare = RareFor(value);
                if (rare != null)
                {
                    rare.Outbound = value;
                    rare.OutboundHost = SourceHostOf(value);
                }
            }
        }

        /// <summary>
        /// The identity's own requests go over the agent's TCP (<see cref="SipUserAgent.Tcp"/>), not UDP: its outbound
        /// proxy (or registrar) says <c>;transport=tcp</c>, the composition's choice. A bit, not a transport per identity.
        /// </summary>
        public bool OverTcp
        {
            get => (_bits & OverTcpBit) != 0;
            set => SetBit(OverTcpBit, value);
        }

        /// <summary>The user name digest answers give (user_auth_name); null or empty: <see cref="User"/>.</summary>
        public string AuthUser
        {
            get => _rare == null ? null : _rare.AuthUser;
            set
            {
                Rare rare = RareFor(value);
                if (rare != null)
                {
                    rare.AuthUser = value;
                }
            }
        }

        /// <summary>The rare fields to set <paramref name="value"/> in: made for a value not empty, null while none is needed.</summary>
        private Rare RareFor(string value) =>
            _rare != null || (value != null && value.Length > 0) ? _rare ?? (_rare = new Rare()) : null;

        public string Password;

        /// <summary>
        /// The Authorization (or Proxy-Authorization) value answering <paramref name="challenge"/> (RFC 2617): the auth
        /// user, else the user, and the password; for every request the phone authenticates (REGISTER, INVITE, the rest).
        /// </summary>
        public string Answer(string method, string uri, DigestChallenge challenge, int nonceCount, string cnonce) =>
            DigestResponse.Header(_rare != null && _rare.AuthUser != null && _rare.AuthUser.Length > 0 ? _rare.AuthUser : User, Password ?? "", method, uri, challenge, nonceCount, cnonce);

        /// <summary>The registration's Expires in seconds (user_expiry, default 3600), kept in 20 bits (up to 12 days).</summary>
        public int Expires
        {
            get => _bits >> ExpiresShift;
            set => _bits = (_bits & ((1 << ExpiresShift) - 1)) | ((value < 0 ? 0 : value > MaxExpires ? MaxExpires : value) << ExpiresShift);
        }

        /// <summary>The largest <see cref="Expires"/> kept; a larger one is kept as this.</summary>
        public const int MaxExpires = (1 << (31 - ExpiresShift)) - 1;

        /// <summary>user_sipusername_as_line ("Support broken Registrar"): also match requests by the user name.</summary>
        public bool UserNameAsLine
        {
            get => (_bits & UserNameAsLineBit) != 0;
            set => SetBit(UserNameAsLineBit, value);
        }

        /// <summary>
        /// The token in the Contact's ;line= parameter that identifies this identity in incoming requests: "dp" and the
        /// index, made when asked (a string and a field kept were 36 B an identity, docs/benchmarks.md h-officerest).
        /// </summary>
        public string LineToken => "dp" + Index.ToString();

        /// <summary>
        /// The registrar's host without a port, for filter_registrar (made when set: every request asks), written as the
        /// transports write a source address: an IPv6 reference without its brackets ("[2001:db8::1]:5070" gives
        /// "2001:db8::1"), in lower case.
        /// </summary>
        public string RegistrarHost;

        /// <summary>
        /// The address the identity's last REGISTER went to (its first hop resolved), for filter_registrar: a registrar
        /// given by name sends from its address, not its name. Kept only when it is not <see cref="RegistrarHost"/>
        /// itself: an identity whose registrar is an IP literal makes no rare fields for it.
        /// </summary>
        public string HopAddress
        {
            get => _rare == null ? null : _rare.HopAddress;
            set
            {
                Rare rare = value == RegistrarHost ? _rare : RareFor(value);
                if (rare != null)
                {
                    rare.HopAddress = value;
                }
            }
        }

        /// <summary><see cref="RegistrarHost"/> for the outbound proxy; null without one.</summary>
        public string OutboundHost => _rare == null ? null : _rare.OutboundHost;

        /// <summary>
        /// Where the identity's requests outside a dialog go first: the outbound proxy, else the registrar, else the
        /// target's host[:port] (no target: the registrar as it is, null or empty). One method for the four senders
        /// that ask it (DeskPhone.Sip's Debug byte code stays under nanoFramework's 64 KB table).
        /// </summary>
        public string NextHop(SipUri target)
        {
            string outbound = Outbound;
            string next = outbound != null && outbound.Length > 0 ? outbound : _registrar;
            return (next == null || next.Length == 0) && target != null
                ? target.Host + (target.Port > 0 ? ":" + target.Port.ToString() : "")
                : next;
        }

        /// <summary>
        /// The address of <see cref="NextHop"/>'s host, its port in <paramref name="port"/>; null when it cannot be
        /// resolved. The step of the senders that need no more than that (a call's INVITE, a SUBSCRIBE, a PUBLISH): one
        /// method where each wrote the split and the look-up (DeskPhone.Sip's byte code, h-margin4).
        /// </summary>
        public string NextHopAddress(SipUri target, out int port)
        {
            string host;
            return HostResolver.Split(NextHop(target), out host, out port) ? HostResolver.Resolve(host) : null;
        }

        /// <summary><see cref="HostOf"/> without the brackets of an IPv6 reference, as a source address is written.</summary>
        private static string SourceHostOf(string hostPort)
        {
            string h = HostOf(hostPort);
            int n = h == null ? 0 : h.Length;
            h = n > 2 && h[0] == '[' && h[n - 1] == ']' ? h.Substring(1, n - 2) : h;
            // A registrar set as a bare lower-case host ("10.0.0.1", the usual case) is its own host: one string, not two.
            return h != null && h == hostPort ? hostPort : h;
        }

        /// <summary>
        /// "&lt;sip:user@domain&gt;", with ";tag=" and <paramref name="tag"/> when not null: the identity in the phone's From
        /// headers, Referred-By and P-Preferred-Identity. The domain is the registrar's host, else (none set)
        /// <paramref name="localHost"/>, the phone's own. One concatenation, as each caller's was.
        /// </summary>
        public string Address(string localHost, string tag) =>
            "<sip:" + User + "@" + (HostOf(Registrar) ?? localHost) + (tag == null ? ">" : ">;tag=") + tag;

        /// <summary>The host of host[:port] (or sip:host:port;params), lower case; null when empty.</summary>
        public static string HostOf(string hostPort)
        {
            if (hostPort == null || hostPort.Length == 0)
            {
                return null;
            }
            string h = hostPort;
            if (h.StartsWith("sip:"))
            {
                h = h.Substring(4);
            }
            int colon = h.LastIndexOf(':');
            if (colon > 0 && h.IndexOf(']') < colon)
            {
                h = h.Substring(0, colon);
            }
            int semi = h.IndexOf(';');
            return (semi > 0 ? h.Substring(0, semi) : h).ToLower();
        }
    }
}
