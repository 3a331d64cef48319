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

        // Index-aligned: Known[i] has the compact form Compact[i] (0 when none).
        internal static readonly string[] Known =
        {
            Via, From, To, CallId, CSeq, Contact, MaxForwards, ContentLength, ContentType, Expires, Require, ProxyRequire,
            Accept, Allow, Supported, Unsupported, Event, SubscriptionState, Date, WwwAuthenticate, ProxyAuthenticate,
            Authorization, ProxyAuthorization, MinExpires, UserAgent, RecordRoute, Route,
            "Content-Encoding", "Subject", "Refer-To", "Allow-Events", "Referred-By", "Session-Expires", "Identity",
            "Accept-Contact", "Reject-Contact", "Request-Disposition", "Identity-Info",
        };

        // Kinds (SipMessage.HeaderKind: 1 + the index in Known) of the headers the stack reads itself: its own reads go by
        // kind, so they skip the search of Known for the name (Kind) that a read by name makes.
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

        /// <summary>
        /// Bit k set when kind k is a list (<see cref="IsList"/>; kind 0, unknown, is one): a shift instead of a chain of
        /// compares, in one field rather than an array (a long holds the 39 kinds).
        /// </summary>
        internal static readonly long ListMask;

        private static readonly char[] Compact =
        {
            'v', 'f', 't', 'i', '\0', 'm', '\0', 'l', 'c', '\0', '\0', '\0',
            '\0', '\0', 'k', '\0', 'o', '\0', '\0', '\0', '\0',
            '\0', '\0', '\0', '\0', '\0', '\0',
            'e', 's', 'r', 'u', 'b', 'x', 'y',
            'a', 'j', 'd', 'n',
        };

        /// <summary>Headers that may appear once and hold one value (a second one makes the request malformed).</summary>
        internal static bool IsSingle(string canonical) =>
            (object)canonical == From || (object)canonical == To || (object)canonical == CallId || (object)canonical == CSeq ||
            (object)canonical == MaxForwards || (object)canonical == ContentLength || (object)canonical == ContentType ||
            (object)canonical == Expires || (object)canonical == Date;

        /// <summary>Headers whose value is a comma-separated list (everything but the single ones and the auth headers).</summary>
        internal static bool IsList(string canonical) =>
            !IsSingle(canonical) && (object)canonical != WwwAuthenticate && (object)canonical != ProxyAuthenticate &&
            (object)canonical != Authorization && (object)canonical != ProxyAuthorization && (object)canonical != UserAgent &&
            (object)canonical != "Subject" && (object)canonical != "Identity";

        // Per entry of Known: its length, and the next entry with the same first letter (+1; 0: none); per first letter
        // 'a'..'z', its first entry (+1). A name is compared only with the known names of its first letter and length:
        // on the device every character read from a string is a native call, and a loop over all 38 names for every
        // header line cost more than the rest of the parse.
        private static readonly byte[] KnownLength = new byte[Known.Length];
        private static readonly byte[] NextSameFirst = new byte[Known.Length];
        private static readonly byte[] FirstOfLetter = new byte[26];

        static HeaderNames()
        {
            for (int i = Known.Length - 1; i >= 0; i--)
            {
                string name = Known[i];
                KnownLength[i] = (byte)name.Length;
                int letter = (name[0] | 0x20) - 'a';
                NextSameFirst[i] = FirstOfLetter[letter];
                FirstOfLetter[letter] = (byte)(i + 1);
                if (IsList(name))
                {
                    ListMask |= 1L << (i + 1);
                }
            }
            ListMask |= 1;
        }

        /// <summary>
        /// The index in <see cref="Known"/> of the canonical name for the bytes, or -1 for a header this table does not
        /// know. A match is made of letters and '-' only (a compact form is one letter; in a long one a byte below '-' never
        /// matches, though 0x0D | 0x20 is '-'), so the parser need not check a known name's characters for the token rule again.
        /// </summary>
        internal static int FindIndex(byte[] b, int start, int length)
        {
            int first = b[start] | 0x20;
            if (length == 1)
            {
                for (int i = 0; i < Compact.Length; i++)
                {
                    if (Compact[i] == first)
                    {
                        return i;
                    }
                }
                return -1;
            }
            if (first < 'a' || first > 'z')
            {
                return -1;
            }
            for (int i = FirstOfLetter[first - 'a'] - 1; i >= 0; i = NextSameFirst[i] - 1)
            {
                if (KnownLength[i] == length && EqualName(Known[i], b, start, length))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The canonical name for a name given as text (long or compact), or the text itself when unknown.</summary>
        public static string Canonical(string name)
        {
            int kind = Kind(name);
            return kind == 0 ? name : Known[kind - 1];
        }

        /// <summary>1 + the index in <see cref="Known"/> of a name given as text (long or compact, any case), 0 when unknown.</summary>
        internal static int Kind(string name)
        {
            // Callers pass the constants above almost always: a reference match first spares the character compares.
            for (int i = 0; i < Known.Length; i++)
            {
                if ((object)Known[i] == (object)name)
                {
                    return i + 1;
                }
            }
            int length = name.Length;
            if (length == 1)
            {
                char c = (char)(name[0] | 0x20);
                for (int i = 0; i < Compact.Length; i++)
                {
                    if (Compact[i] == c)
                    {
                        return i + 1;
                    }
                }
                return 0;
            }
            for (int i = 0; i < Known.Length; i++)
            {
                if (KnownLength[i] == length && EqualIgnoreCase(Known[i], name))
                {
                    return i + 1;
                }
            }
            return 0;
        }

        /// <summary>
        /// <see cref="Equal"/> for a known name (letters and '-'), where a byte below '-' never matches: 0x0D | 0x20 is
        /// '-', and the parser takes a match as the token check of the name.
        /// </summary>
        private static bool EqualName(string name, byte[] b, int start, int length)
        {
            for (int i = 0; i < length; i++)
            {
                int c = b[start + i];
                if ((name[i] | 0x20) != (c | 0x20) || c < '-')
                {
                    return false;
                }
            }
            return true;
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
