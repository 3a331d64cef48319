using System.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// A URI as SIP uses it (RFC 3261 19.1): for sip and sips the user (unescaped: "%00" stays a NUL character, ';' may
    /// be part of the user), password, host, port, parameters and headers; for any other scheme only the scheme and
    /// the opaque rest, so that the phone can answer 416 for it.
    /// </summary>
    public sealed class SipUri
    {
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
        /// host[:port] in [start, end): a bracketed IPv6 reference (taken as written) or a hostname of letters, digits,
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
                if (close < 0)
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
                int digits = end - portStart;
                if (digits == 0 || digits > 5)
                {
                    return false;
                }
                int n = 0;
                for (int i = portStart; i < end; i++)
                {
                    char c = s[i];
                    if (c < '0' || c > '9')
                    {
                        return false;
                    }
                    n = n * 10 + (c - '0');
                }
                if (n > 65535)
                {
                    return false;
                }
                port = n;
            }
            host = s.Substring(start, hostEnd - start);
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
                    int hi = Hex(s[i + 1]);
                    int lo = Hex(s[i + 2]);
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

        private static int Hex(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
