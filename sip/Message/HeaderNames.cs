using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// Canonical header names, their compact forms (RFC 3261 7.3.3 and later RFCs) and which headers carry one value
    /// only. Matching is ASCII case-insensitive and done on bytes, so parsing a message creates no name strings.
    /// </summary>
    public static class HeaderNames
    {
        public const string Via = "Via";
        public const string From = "From";
        public const string To = "To";
        public const string CallId = "Call-ID";
        public const string CSeq = "CSeq";
        public const string Contact = "Contact";
        public const string MaxForwards = "Max-Forwards";
        public const string ContentLength = "Content-Length";
        public const string ContentType = "Content-Type";
        public const string Expires = "Expires";
        public const string Require = "Require";
        public const string ProxyRequire = "Proxy-Require";
        public const string Accept = "Accept";
        public const string Allow = "Allow";
        public const string Supported = "Supported";
        public const string Unsupported = "Unsupported";
        public const string Event = "Event";
        public const string SubscriptionState = "Subscription-State";
        public const string Date = "Date";
        public const string WwwAuthenticate = "WWW-Authenticate";
        public const string ProxyAuthenticate = "Proxy-Authenticate";
        public const string Authorization = "Authorization";
        public const string ProxyAuthorization = "Proxy-Authorization";
        public const string MinExpires = "Min-Expires";
        public const string UserAgent = "User-Agent";
        public const string RecordRoute = "Record-Route";
        public const string Route = "Route";
        public const string RetryAfter = "Retry-After";
        public const string Privacy = "Privacy";
        public const string CallInfo = "Call-Info";
        public const string AlertInfo = "Alert-Info";
        public const string PPreferredIdentity = "P-Preferred-Identity";

        /// <summary>A reliable provisional's sequence number and the PRACK's reference to it (RFC 3262 7.1, 7.2).</summary>
        public const string RSeq = "RSeq";
        public const string RAck = "RAck";

        /// <summary>The entity tag of a publication (RFC 3903 11.3.1), and the request's reference to it (11.3.2).</summary>
        public const string SipETag = "SIP-ETag";
        public const string SipIfMatch = "SIP-If-Match";

        // The known names (kind: 1 + the index in the order of RFC 3261's table the stack has always used), grouped by
        // first letter, each as two digits of its kind, the name and '\n'; a compact form (RFC 3261 7.3.3) is an entry of
        // its own. One literal, so the names stay in flash until the static constructor packs them into Table: an array
        // of strings held 38 string objects and their slots for good (1.2 KB with the look-up tables, issue #17).
        private const string Packed =
            "13Accept\n14Allow\n22Authorization\n31Allow-Events\n35Accept-Contact\n35a\n" +
            "32b\n" +
            "04Call-ID\n05CSeq\n06Contact\n08Content-Length\n09Content-Type\n28Content-Encoding\n09c\n" +
            "19Date\n37d\n" +
            "10Expires\n17Event\n28e\n" +
            "02From\n02f\n" +
            "34Identity\n38Identity-Info\n04i\n" +
            "36j\n" +
            "15k\n" +
            "08l\n" +
            "07Max-Forwards\n24Min-Expires\n06m\n" +
            "38n\n" +
            "17o\n" +
            "12Proxy-Require\n21Proxy-Authenticate\n23Proxy-Authorization\n" +
            "11Require\n26Record-Route\n27Route\n30Refer-To\n32Referred-By\n36Reject-Contact\n37Request-Disposition\n30r\n" +
            "15Supported\n18Subscription-State\n29Subject\n33Session-Expires\n29s\n" +
            "03To\n03t\n" +
            "16Unsupported\n25User-Agent\n31u\n" +
            "01Via\n01v\n" +
            "20WWW-Authenticate\n" +
            "33x\n" +
            "34y\n";

        /// <summary>The number of known kinds (1 to 38).</summary>
        internal const int KnownKinds = 38;

        // Kinds (SipMessage.HeaderKind: 0 unknown) of the headers the stack reads itself: its own reads go by kind, so
        // they skip the search of the names that a read by name makes.
        internal const int ViaKind = 1;
        internal const int FromKind = 2;
        internal const int ToKind = 3;
        internal const int CallIdKind = 4;
        internal const int CSeqKind = 5;
        internal const int ContactKind = 6;
        internal const int MaxForwardsKind = 7;
        internal const int ContentLengthKind = 8;
        internal const int ContentTypeKind = 9;
        internal const int ExpiresKind = 10;
        internal const int RequireKind = 11;
        internal const int AcceptKind = 13;
        internal const int DateKind = 19;
        private const int WwwAuthenticateKind = 20;
        private const int ProxyAuthenticateKind = 21;
        private const int AuthorizationKind = 22;
        private const int ProxyAuthorizationKind = 23;
        private const int UserAgentKind = 25;
        private const int SubjectKind = 29;
        private const int IdentityKind = 34;

        /// <summary>Bit k set when kind k may appear once and holds one value (a second one makes a request malformed).</summary>
        internal const long SingleMask =
            1L << FromKind | 1L << ToKind | 1L << CallIdKind | 1L << CSeqKind | 1L << MaxForwardsKind |
            1L << ContentLengthKind | 1L << ContentTypeKind | 1L << ExpiresKind | 1L << DateKind;

        /// <summary>
        /// Bit k set when kind k is a comma-separated list (everything but the single ones, the auth headers, User-Agent,
        /// Subject and Identity; kind 0, unknown, is one): a shift instead of a chain of compares, and constant, where
        /// the names were compared at start-up.
        /// </summary>
        internal const long ListMask = ((1L << (KnownKinds + 1)) - 1) & ~(SingleMask |
            1L << WwwAuthenticateKind | 1L << ProxyAuthenticateKind | 1L << AuthorizationKind |
            1L << ProxyAuthorizationKind | 1L << UserAgentKind | 1L << SubjectKind | 1L << IdentityKind);

        // Offset of the letter groups: two bytes per first letter 'a'..'z' (0: none), the first group's entry after them.
        private const int Letters = 26 * 2;

        /// <summary>
        /// The 26 letters' group offsets (two bytes each), then Packed's entries with each kind as one byte: a name is
        /// compared only with the names of its first letter, on bytes (on the device every character read from a string
        /// is a native call that counts the whole string).
        /// </summary>
        private static readonly byte[] Table = MakeTable();

        private static byte[] MakeTable()
        {
            // Neither Utf8.Codec nor ByteSearch's boxed bytes: nanoCLR runs the static constructors in its own order, and theirs may not have run yet.
            byte[] packed = System.Text.Encoding.UTF8.GetBytes(Packed);
            int entries = 0;
            for (int at = 0; at < packed.Length; at = System.Array.IndexOf(packed, (byte)'\n', at) + 1)
            {
                entries++;
            }
            var table = new byte[Letters + packed.Length - entries];
            int to = Letters;
            for (int at = 0; at < packed.Length; at++)
            {
                table[to] = (byte)((packed[at] - '0') * 10 + packed[at + 1] - '0');
                int letter = 2 * ((packed[at + 2] | 0x20) - 'a');
                if (table[letter] == 0 && table[letter + 1] == 0)
                {
                    table[letter] = (byte)(to >> 8);
                    table[letter + 1] = (byte)to;
                }
                to++;
                at += 2;
                while (packed[at] != (byte)'\n')
                {
                    table[to++] = packed[at++];
                }
                table[to++] = (byte)'\n';
            }
            return table;
        }

        /// <summary>
        /// The kind of the header name in the bytes (long or compact form, any case), or 0 for a header this table does
        /// not know. A match is made of letters and '-' only (in a name a byte below '-' never matches, though 0x0D | 0x20
        /// is '-'), so the parser need not check a known name's characters for the token rule again.
        /// </summary>
        internal static int FindKind(byte[] b, int start, int length)
        {
            int first = b[start] | 0x20;
            if (first < 'a' || first > 'z')
            {
                return 0;
            }
            byte[] table = Table;
            int at = table[2 * (first - 'a')] << 8 | table[2 * (first - 'a') + 1];
            while (at > 0 && at < table.Length && (table[at + 1] | 0x20) == first)
            {
                int i = 0;
                int c = 0;
                while (i < length && (table[at + 1 + i] | 0x20) == ((c = b[start + i]) | 0x20) && c >= '-')
                {
                    i++;
                }
                if (i == length && table[at + 1 + i] == (byte)'\n')
                {
                    return table[at];
                }
                at = System.Array.IndexOf(table, ByteSearch.Lf, at + 1 + i) + 1;
            }
            return 0;
        }

        /// <summary>The kind of a name given as text (long or compact, any case), 0 when unknown.</summary>
        internal static int Kind(string name)
        {
            int length = name.Length;
            int first = length == 0 ? 0 : name[0] | 0x20;
            if (first < 'a' || first > 'z')
            {
                return 0;
            }
            byte[] table = Table;
            int at = table[2 * (first - 'a')] << 8 | table[2 * (first - 'a') + 1];
            while (at > 0 && at < table.Length && (table[at + 1] | 0x20) == first)
            {
                int i = 1;
                while (i < length && table[at + 1 + i] != (byte)'\n' && (table[at + 1 + i] | 0x20) == (name[i] | 0x20))
                {
                    i++;
                }
                if (i == length && table[at + 1 + i] == (byte)'\n')
                {
                    return table[at];
                }
                at = System.Array.IndexOf(table, ByteSearch.Lf, at + 1 + i) + 1;
            }
            return 0;
        }

        /// <summary>The canonical (long) name of a known kind as a new string, or null for kind 0.</summary>
        internal static string NameOf(int kind)
        {
            byte[] table = Table;
            for (int at = Letters; kind > 0 && at < table.Length;)
            {
                int end = System.Array.IndexOf(table, ByteSearch.Lf, at + 1);
                if (table[at] == kind && end > at + 2)
                {
                    return Utf8.Codec.GetString(table, at + 1, end - at - 1);
                }
                at = end + 1;
            }
            return null;
        }

        internal static bool Equal(string name, byte[] b, int start, int length)
        {
            if (name.Length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if ((name[i] | 0x20) != (b[start + i] | 0x20))
                {
                    return false;
                }
            }
            return true;
        }

        internal static bool EqualIgnoreCase(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if ((a[i] | 0x20) != (b[i] | 0x20))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
