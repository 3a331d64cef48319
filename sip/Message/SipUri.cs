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
            var uri = new SipUri(text) { Scheme = text.Substring(0, colon).ToLower() };
            string rest = text.Substring(colon + 1);
            if (!uri.IsSip)
            {
                if (rest.Length == 0)
                {
                    return null;
                }
                uri.Opaque = rest;
                return uri;
            }
            int at = rest.IndexOf('@');
            string hostPart = rest;
            if (at >= 0)
            {
                string userInfo = rest.Substring(0, at);
                hostPart = rest.Substring(at + 1);
                int pw = userInfo.IndexOf(':');
                string user = pw < 0 ? userInfo : userInfo.Substring(0, pw);
                if (user.Length == 0 || !UserChars(user, false))
                {
                    return null;
                }
                uri.User = Unescape(user);
                if (pw >= 0)
                {
                    string password = userInfo.Substring(pw + 1);
                    if (!UserChars(password, true))
                    {
                        return null;
                    }
                    uri.Password = Unescape(password);
                }
                if (uri.User == null || (pw >= 0 && uri.Password == null))
                {
                    return null;
                }
            }
            int question = hostPart.IndexOf('?');
            if (question >= 0)
            {
                uri.Headers = hostPart.Substring(question + 1);
                hostPart = hostPart.Substring(0, question);
                if (uri.Headers.Length == 0)
                {
                    return null;
                }
            }
            int semi = hostPart.IndexOf(';');
            if (semi >= 0)
            {
                uri.ParamText = hostPart.Substring(semi + 1);
                hostPart = hostPart.Substring(0, semi);
                if (!Params.Valid(uri.ParamText, true))
                {
                    return null;
                }
            }
            return uri.SetHostPort(hostPart) ? uri : null;
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

        private bool SetHostPort(string hostPort)
        {
            string host = hostPort;
            string port = null;
            if (hostPort.Length > 0 && hostPort[0] == '[')
            {
                int close = hostPort.IndexOf(']');
                if (close < 0)
                {
                    return false;
                }
                host = hostPort.Substring(0, close + 1);
                if (close + 1 < hostPort.Length)
                {
                    if (hostPort[close + 1] != ':')
                    {
                        return false;
                    }
                    port = hostPort.Substring(close + 2);
                }
            }
            else
            {
                int colon = hostPort.IndexOf(':');
                if (colon >= 0)
                {
                    host = hostPort.Substring(0, colon);
                    port = hostPort.Substring(colon + 1);
                }
                if (!HostChars(host))
                {
                    return false;
                }
            }
            if (host.Length == 0)
            {
                return false;
            }
            Host = host;
            if (port != null)
            {
                if (port.Length == 0 || port.Length > 5)
                {
                    return false;
                }
                int n = 0;
                for (int i = 0; i < port.Length; i++)
                {
                    if (port[i] < '0' || port[i] > '9')
                    {
                        return false;
                    }
                    n = n * 10 + (port[i] - '0');
                }
                if (n > 65535)
                {
                    return false;
                }
                Port = n;
            }
            return true;
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

        private static bool HostChars(string host)
        {
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool UserChars(string s, bool password)
        {
            for (int i = 0; i < s.Length; i++)
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
