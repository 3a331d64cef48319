using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// A URI as SIP uses it (RFC 3261 19.1): for sip and sips the user (unescaped: "%00" stays a NUL character, ';' may
    /// be part of the user), password, host, port, parameters and headers; for any other scheme only the scheme and
    /// the opaque rest, so that the phone can answer 416 for it.
    /// </summary>
    public sealed class SipUri
    {
        /// <summary>The port of a sip: URI that names none (RFC 3261, 19.1.2: 5060 for UDP and TCP).</summary>
        public const int DefaultPort = 5060;

        private readonly string _text;

        private SipUri(string text)
        {
            _text = text;
        }

        public string Scheme { get; private set; }
        public bool IsSip => Scheme == "sip" || Scheme == "sips";
        public string User { get; private set; }
        public string Password { get; private set; }
        public string Host { get; private set; }

        /// <summary>0 when the URI names no port.</summary>
        public int Port { get; private set; }

        /// <summary>The raw parameter list after the first ';' of the host part, or null.</summary>
        public string ParamText { get; private set; }

        /// <summary>The raw header part after '?', or null.</summary>
        public string Headers { get; private set; }

        /// <summary>Everything after "scheme:" for schemes other than sip and sips.</summary>
        public string Opaque { get; private set; }

        public string GetParam(string name) => Params.Get(ParamText, name);

        public bool HasParam(string name) => GetParam(name) != null;

        public override string ToString() => _text;

        /// <summary>Parses a URI; null when it is not one (spaces, angle brackets, a bad host or port, bad escapes).</summary>
        public static SipUri Parse(string text)
        {
            if (text == null || text.Length == 0)
            {
                return null;
            }
            int colon = text.IndexOf(':');
            if (colon <= 0 || !SchemeName(text, colon))
            {
                return null;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7F)
                {
                    return null;
                }
            }
            // The parts are found as index ranges of the text; only the fields themselves become strings.
            var uri = new SipUri(text) { Scheme = SchemeOf(text, colon) };
            int start = colon + 1;
            int end = text.Length;
            if (!uri.IsSip)
            {
                if (start == end)
                {
                    return null;
                }
                uri.Opaque = text.Substring(start);
                return uri;
            }
            int at = text.IndexOf('@', start);
            int hostStart = start;
            if (at >= 0)
            {
                int pw = text.IndexOf(':', start, at - start);
                int userEnd = pw < 0 ? at : pw;
                if (userEnd == start || !UserChars(text, start, userEnd, false))
                {
                    return null;
                }
                uri.User = Unescape(text.Substring(start, userEnd - start));
                if (pw >= 0)
                {
                    if (!UserChars(text, pw + 1, at, true))
                    {
                        return null;
                    }
                    uri.Password = Unescape(text.Substring(pw + 1, at - pw - 1));
                }
                if (uri.User == null || (pw >= 0 && uri.Password == null))
                {
                    return null;
                }
                hostStart = at + 1;
            }
            int hostEnd = end;
            int question = text.IndexOf('?', hostStart);
            if (question >= 0)
            {
                if (question + 1 == end)
                {
                    return null;
                }
                uri.Headers = text.Substring(question + 1);
                hostEnd = question;
            }
            int semi = text.IndexOf(';', hostStart, hostEnd - hostStart);
            if (semi >= 0)
            {
                uri.ParamText = text.Substring(semi + 1, hostEnd - semi - 1);
                hostEnd = semi;
                if (!Params.Valid(uri.ParamText, true))
                {
                    return null;
                }
            }
            string host;
            int port;
            if (!HostPort(text, hostStart, hostEnd, out host, out port))
            {
                return null;
            }
            uri.Host = host;
            uri.Port = port;
            return uri;
        }

        /// <summary>RFC 3261 19.1.4 in short: scheme, user (case-sensitive, after unescaping), host, port and password match.</summary>
        public bool EqualsUri(SipUri other)
        {
            if (other == null || Scheme != other.Scheme)
            {
                return false;
            }
            if (!IsSip)
            {
                return Opaque == other.Opaque;
            }
            return User == other.User && Password == other.Password && Port == other.Port &&
                   HeaderNames.EqualIgnoreCase(Host, other.Host) && GetParam("transport") == other.GetParam("transport") &&
                   GetParam("user") == other.GetParam("user");
        }

        /// <summary>
        /// host[:port] in [start, end): a bracketed IPv6 reference (kept with its brackets; the address inside must be one
        /// of RFC 4291 2.2, see <see cref="IsIPv6"/>) or a hostname of letters, digits,
        /// '-' and '.', and a port of one to five digits up to 65535 (0 when there is none). Via's sent-by uses it too.
        /// </summary>
        internal static bool HostPort(string s, int start, int end, out string host, out int port)
        {
            host = null;
            port = 0;
            int hostEnd = end;
            int portStart = -1;
            if (start < end && s[start] == '[')
            {
                int close = s.IndexOf(']', start, end - start);
                if (close < 0 || !IsIPv6(s, start + 1, close))
                {
                    return false;
                }
                hostEnd = close + 1;
                if (hostEnd < end)
                {
                    if (s[hostEnd] != ':')
                    {
                        return false;
                    }
                    portStart = hostEnd + 1;
                }
            }
            else
            {
                int colon = s.IndexOf(':', start, end - start);
                if (colon >= 0)
                {
                    hostEnd = colon;
                    portStart = colon + 1;
                }
                if (!HostChars(s, start, hostEnd))
                {
                    return false;
                }
            }
            if (hostEnd == start)
            {
                return false;
            }
            if (portStart >= 0)
            {
                long n = DecimalDigits.Parse(s, portStart, end, 5);
                if (n < 0 || n > 65535)
                {
                    return false;
                }
                port = (int)n;
            }
            host = s.Substring(start, hostEnd - start);
            return true;
        }

        /// <summary>
        /// An IPv6 address in [start, end) as RFC 4291 2.2 writes it (no brackets): eight groups of one to four hex digits,
        /// or fewer with one "::" standing for the missing ones, the last two groups optionally a dotted IPv4 address.
        /// RFC 3261's ABNF also lets through the three colons of RFC 5118 4.10 (2001:db8:::192.0.2.1); RFC 4291 and
        /// RFC 3986 3.2.2 do not, and neither does this.
        /// </summary>
        internal static bool IsIPv6(string s, int start, int end)
        {
            if (end - start < 2)
            {
                return false;
            }
            int i = start;
            int groups = 0;
            bool compressed = false;
            if (s[i] == ':')
            {
                if (s[i + 1] != ':')
                {
                    return false;
                }
                compressed = true;
                i += 2;
                if (i == end)
                {
                    return true;
                }
            }
            while (true)
            {
                int groupStart = i;
                while (i < end && i - groupStart < 5 && HexDigit.Value(s[i]) >= 0)
                {
                    i++;
                }
                if (i < end && s[i] == '.')
                {
                    // The IPv4 tail: only as the last thing in the address, and it stands for two groups.
                    if (!IsIPv4(s, groupStart, end))
                    {
                        return false;
                    }
                    groups += 2;
                    break;
                }
                int digits = i - groupStart;
                if (digits == 0 || digits > 4)
                {
                    return false;
                }
                groups++;
                if (i == end)
                {
                    break;
                }
                if (s[i] != ':')
                {
                    return false;
                }
                i++;
                if (i < end && s[i] == ':')
                {
                    if (compressed)
                    {
                        return false;
                    }
                    compressed = true;
                    i++;
                    if (i == end)
                    {
                        break;
                    }
                }
                else if (i == end)
                {
                    return false;
                }
            }
            return compressed ? groups <= 7 : groups == 8;
        }

        /// <summary>A dotted IPv4 address in [start, end): four decimal numbers 0..255 of one to three digits.</summary>
        internal static bool IsIPv4(string s, int start, int end)
        {
            int parts = 0;
            int digits = 0;
            int value = 0;
            for (int i = start; i <= end; i++)
            {
                char c = i < end ? s[i] : '.';
                if (c == '.')
                {
                    if (digits == 0 || value > 255)
                    {
                        return false;
                    }
                    parts++;
                    digits = 0;
                    value = 0;
                }
                else if (c >= '0' && c <= '9' && digits < 3)
                {
                    value = value * 10 + (c - '0');
                    digits++;
                }
                else
                {
                    return false;
                }
            }
            return parts == 4;
        }

        /// <summary>
        /// Whether two hosts name the same address as far as text shows: equal ignoring case and the brackets of an IPv6
        /// reference ("[2001:DB8::1]" and "2001:db8::1"). A transport gives source addresses without brackets.
        /// </summary>
        public static bool SameHost(string a, string b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }
            int aStart = 0;
            int aEnd = a.Length;
            if (aEnd >= 2 && a[0] == '[' && a[aEnd - 1] == ']')
            {
                aStart = 1;
                aEnd--;
            }
            int bStart = 0;
            int bEnd = b.Length;
            if (bEnd >= 2 && b[0] == '[' && b[bEnd - 1] == ']')
            {
                bStart = 1;
                bEnd--;
            }
            if (aEnd - aStart != bEnd - bStart)
            {
                return false;
            }
            for (int k = 0; k < aEnd - aStart; k++)
            {
                char x = a[aStart + k];
                char y = b[bStart + k];
                if (x >= 'A' && x <= 'Z')
                {
                    x = (char)(x + 32);
                }
                if (y >= 'A' && y <= 'Z')
                {
                    y = (char)(y + 32);
                }
                if (x != y)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The scheme in lower case; the usual ones, written so, as shared strings.</summary>
        private static string SchemeOf(string text, int colon)
        {
            if (colon == 3 && text[0] == 's' && text[1] == 'i' && text[2] == 'p')
            {
                return "sip";
            }
            if (colon == 4 && text[0] == 's' && text[1] == 'i' && text[2] == 'p' && text[3] == 's')
            {
                return "sips";
            }
            if (colon == 3 && text[0] == 't' && text[1] == 'e' && text[2] == 'l')
            {
                return "tel";
            }
            return text.Substring(0, colon).ToLower();
        }

        private static bool SchemeName(string text, int colon)
        {
            char first = text[0];
            if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')))
            {
                return false;
            }
            for (int i = 1; i < colon; i++)
            {
                char c = text[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool HostChars(string s, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool UserChars(string s, int start, int end, bool password)
        {
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                  c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
                bool extra = password
                    ? (c == '&' || c == '=' || c == '+' || c == '$' || c == ',')
                    : (c == '&' || c == '=' || c == '+' || c == '$' || c == ',' || c == ';' || c == '?' || c == '/');
                if (!(unreserved || extra || c == '%' || (!password && c == ':')))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Decodes %XX escapes (UTF-8); null for a malformed escape.</summary>
        internal static string Unescape(string s)
        {
            if (s.IndexOf('%') < 0)
            {
                return s;
            }
            var bytes = new byte[s.Length];
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '%')
                {
                    if (i + 2 >= s.Length)
                    {
                        return null;
                    }
                    int hi = HexDigit.Value(s[i + 1]);
                    int lo = HexDigit.Value(s[i + 2]);
                    if (hi < 0 || lo < 0)
                    {
                        return null;
                    }
                    bytes[n++] = (byte)(hi * 16 + lo);
                    i += 2;
                }
                else
                {
                    bytes[n++] = (byte)c;
                }
            }
            return Encoding.UTF8.GetString(bytes, 0, n);
        }
    }
}
