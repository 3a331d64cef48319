using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// A provisioning URL taken apart for one request: <c>http[s]://host[:port][/path][?query]</c>, with <c>{mac}</c>
    /// replaced by the phone's MAC address (lower-case hex, no separators, as the phones do). https goes over the
    /// channel's TLS (never in clear: a channel without TLS fails it with the reason).
    /// </summary>
    public sealed class ProvisioningUrl
    {
        public const string MacPlaceholder = "{mac}";
        private const string Http = "http://";
        private const string Https = "https://";

        private ProvisioningUrl(bool secure, string host, int port, string target)
        {
            Secure = secure;
            Host = host;
            Port = port;
            Target = target;
        }

        /// <summary>https: the request goes over TLS.</summary>
        public readonly bool Secure;

        /// <summary>The scheme and authority, "https://host:8443" (for a URL next to this one).</summary>
        public string Origin => (Secure ? Https : Http) + HostHeader;

        /// <summary>The server's name or address (an IPv6 literal keeps its brackets).</summary>
        public readonly string Host;

        public readonly int Port;

        /// <summary>The request target: the path and query, "/" at least.</summary>
        public readonly string Target;

        /// <summary>The Host header's value: the host, and the port unless it is the scheme's (80, 443).</summary>
        public string HostHeader => Port == (Secure ? 443 : 80) ? Host : Host + ":" + Port.ToString();

        /// <summary>
        /// The URL to request, or null with <paramref name="error"/> saying why not. <paramref name="mac"/> is the
        /// phone's MAC in any usual spelling ("00:08:DC:1F:2E:3D"); null when unknown (then a URL naming {mac} is refused).
        /// </summary>
        public static ProvisioningUrl Parse(string url, string mac, out string error)
        {
            error = null;
            if (url == null || url.Length == 0)
            {
                error = "no provisioning URL (setting_server is empty)";
                return null;
            }
            char[] chars = url.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] <= ' ' || chars[i] >= (char)0x7F)
                {
                    error = "the URL may hold only printable ASCII (percent-encode the rest)";
                    return null;
                }
            }
            bool secure = StartsWithIgnoringCase(chars, Https);
            if (!secure && !StartsWithIgnoringCase(chars, Http))
            {
                error = "only http:// and https:// URLs are supported";
                return null;
            }
            // IndexOf(text, 0), not IndexOf(text): the overload Replace needs too, one method reference (h-domslim).
            if (url.IndexOf(MacPlaceholder, 0) >= 0)
            {
                string hex = MacHex(mac);
                if (hex == null)
                {
                    error = "the URL names {mac} but the phone's MAC address is not known";
                    return null;
                }
                url = Replace(url, MacPlaceholder, hex);
            }
            string rest = url.Substring(secure ? Https.Length : Http.Length);
            int slash = rest.IndexOf('/');
            int question = rest.IndexOf('?');
            int end = slash < 0 ? question : question < 0 ? slash : slash < question ? slash : question;
            string authority = end < 0 ? rest : rest.Substring(0, end);
            string target = end < 0 ? "/" : rest.Substring(end);
            if (target[0] == '?')
            {
                target = "/" + target;
            }
            if (authority.IndexOf('@') >= 0)
            {
                error = "user and password in the URL are not supported";
                return null;
            }
            if (!HostResolver.Split(authority, out string host, out int port, secure ? 443 : 80))
            {
                error = "no host or a bad port in " + url;
                return null;
            }
            // An IPv6 host only whole in its brackets (RFC 3986 3.2.2): "[::1:8499" was taken for a name and retried
            // for minutes as one that DNS does not know.
            if (host.IndexOf('[') >= 0 || host.IndexOf(']') >= 0)
            {
                char[] h = host.ToCharArray();
                if (h[0] != '[' || h[h.Length - 1] != ']' || !SipUri.IsIPv6(h, 1, h.Length - 1))
                {
                    error = "a bad IPv6 address in " + url + " (write it as [2001:db8::1]:port)";
                    return null;
                }
            }
            return new ProvisioningUrl(secure, host, port, target);
        }

        /// <summary>
        /// Where a redirect's Location or a listed file's URL points from this URL: an absolute http(s) URL, or a path on
        /// the same server, with {mac} filled in from <paramref name="mac"/>; null with <paramref name="error"/> otherwise.
        /// </summary>
        public ProvisioningUrl Resolve(string location, string mac, out string error)
        {
            bool path = location != null && location.Length > 0 && location[0] == '/' && (location.Length == 1 || location[1] != '/');
            return Parse(path ? Origin + location : location, mac, out error);
        }

        /// <summary>"0008dc1f2e3d" from "00:08:DC:1F:2E:3D" (or any separators); null unless there are 12 hex digits.</summary>
        public static string MacHex(string mac)
        {
            if (mac == null)
            {
                return null;
            }
            char[] chars = mac.ToCharArray();
            char[] hex = new char[12];
            int n = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c >= 'A' && c <= 'F')
                {
                    c = (char)(c + ('a' - 'A'));
                }
                if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                {
                    if (n == 12)
                    {
                        return null;
                    }
                    hex[n++] = c;
                }
            }
            return n == 12 ? new string(hex) : null;
        }

        private static bool StartsWithIgnoringCase(char[] chars, string prefix)
        {
            if (chars.Length < prefix.Length)
            {
                return false;
            }
            for (int i = 0; i < prefix.Length; i++)
            {
                char c = chars[i];
                if (c >= 'A' && c <= 'Z')
                {
                    c = (char)(c + ('a' - 'A'));
                }
                if (c != prefix[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static string Replace(string text, string what, string with)
        {
            var sb = new System.Text.StringBuilder();
            int from = 0;
            for (int at = text.IndexOf(what, 0); at >= 0; at = text.IndexOf(what, from))
            {
                sb.Append(text, from, at - from).Append(with);
                from = at + what.Length;
            }
            return sb.Append(text, from, text.Length - from).ToString();
        }
    }
}
