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
        // first letter, each as its kind plus 32 (a literal cannot hold NUL; one character, the table's kind byte once 32
        // is taken off, where two digits had to be counted and converted), the name and '\n'. One literal, so the names
        // stay in flash until the static constructor copies them into the table: an array of strings held 38 string
        // objects and their slots for good (1.2 KB with the look-up tables, issue #17).
        private const string Packed =
            "-Accept\n.Allow\n6Authorization\n?Allow-Events\nCAccept-Contact\n" +
            "$Call-ID\n%CSeq\n&Contact\n(Content-Length\n)Content-Type\n<Content-Encoding\n" +
            "3Date\n" +
            "*Expires\n1Event\n" +
            "\"From\n" +
            "BIdentity\nFIdentity-Info\n" +
            "'Max-Forwards\n8Min-Expires\n" +
            ",Proxy-Require\n5Proxy-Authenticate\n7Proxy-Authorization\n" +
            "+Require\n:Record-Route\n;Route\n>Refer-To\n@Referred-By\nDReject-Contact\nERequest-Disposition\n" +
            "/Supported\n2Subscription-State\n=Subject\nASession-Expires\n" +
            "#To\n" +
            "0Unsupported\n9User-Agent\n" +
            "!Via\n" +
            "4WWW-Authenticate\n";

        // The compact forms (RFC 3261 7.3.3 and later RFCs): the kind of each letter 'a'..'z' plus 32 (a literal cannot
        // hold NUL; ' ': none), kept in the letter's group offset (CompactShift) where an entry of its own took 3 bytes.
        private const string Compact = "C@)E<\"  $D/(&F1  >=#?! AB ";

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
        internal const int EventKind = 17;
        internal const int SubscriptionStateKind = 18;
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

        /// <summary>
        /// Where the table starts in <see cref="Token.Classes"/>: after the ASCII characters' classes, in one array with
        /// them (an array and a static field of its own were 44 B more at every step, docs/benchmarks.md h-restcuts3).
        /// The table: the 26 letters' groups (two bytes each, high first: the first entry's index in the array in the low
        /// 10 bits, 0 for none, and the letter's compact kind above them), then Packed's entries with each kind as one
        /// byte. A name is compared only with the names of its first letter, on bytes (on the device every character
        /// read from a string is a native call that counts the whole string).
        /// </summary>
        internal const int TableAt = 128;
        private const int Letters = 26 * 2;
        private const int OffsetMask = 0x3FF;
        private const int CompactShift = 10;

        /// <summary>
        /// An array of <see cref="TableAt"/> bytes (left for the caller) and the table after them. The array must reach
        /// no further than <see cref="OffsetMask"/> (HeaderNameTests read every name).
        /// </summary>
        internal static byte[] MakeTable()
        {
            // A box per entry here, not ByteSearch's: once, at start, and less byte code.
            var table = new byte[TableAt + Letters + Packed.Length];
            System.Text.Encoding.UTF8.GetBytes(Packed, 0, Packed.Length, table, TableAt + Letters);
            for (int letter = 0; letter < 26; letter++)
            {
                table[TableAt + 2 * letter] = (byte)((Compact[letter] - 32) << (CompactShift - 8));
            }
            for (int at = TableAt + Letters; at < table.Length; at = System.Array.IndexOf(table, (byte)'\n', at + 1) + 1)
            {
                table[at] -= 32;
                int group = 2 * (table[at + 1] | 0x20) - (2 * 'a' - TableAt);
                if (table[group + 1] == 0 && (table[group] & (OffsetMask >> 8)) == 0)
                {
                    table[group] |= (byte)(at >> 8);
                    table[group + 1] = (byte)at;
                }
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
            byte[] table = Token.Classes;
            int g = 2 * first - (2 * 'a' - TableAt);
            int group = table[g] << 8 | table[g + 1];
            if (length == 1)
            {
                return group >> CompactShift;
            }
            int at = group & OffsetMask;
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
                // The search with its count: the overload without one is a managed frame more and a length read, per
                // entry passed (nine a MESSAGE, docs/benchmarks.md cost2).
                at = System.Array.IndexOf(table, (ByteSearch.Boxes ?? ByteSearch.Make())[ByteSearch.Lf], at += 1 + i, table.Length - at) + 1;
            }
            return 0;
        }

        /// <summary>The kind of a name given as text (long or compact, any case), 0 when unknown.</summary>
        internal static int Kind(string name)
        {
            // The name's bytes through FindKind, not a walk of the table of its own over the string's characters: 275 B
            // of DeskPhone.Sip's byte code for the same look-up (h-margin4); the bytes are the name's length and 16 B.
            byte[] b = Utf8.Codec.GetBytes(name);
            return b.Length == 0 ? 0 : FindKind(b, 0, b.Length);
        }

        /// <summary>The canonical (long) name of a known kind as a new string, or null for kind 0.</summary>
        internal static string NameOf(int kind)
        {
            byte[] table = Token.Classes;
            for (int at = TableAt + Letters; kind > 0 && at < table.Length;)
            {
                int end = ByteSearch.IndexOf(table, ByteSearch.Lf, at + 1, table.Length);
                if (table[at] == kind)
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
    }
}
