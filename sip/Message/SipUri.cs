using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// A URI as SIP uses it (RFC 3261 19.1): for sip and sips the user (unescaped: "%00" stays a NUL character, ';' may
    /// be part of the user), password, host, port, parameters and headers; for any other scheme only the scheme (its
    /// opaque rest is the URI's text, no field: nothing read it, h-reqcheck), so that the phone can answer 416 for it.
    /// Its plain state (Scheme, User, Password, Headers) is public fields, not properties: no accessor method
    /// in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class SipUri : ParamHolder
    {
        /// <summary>The port of a sip: URI that names none (RFC 3261, 19.1.2: 5060 for UDP and TCP).</summary>
        public const int DefaultPort = 5060;

        // The URI's text, made on first ToString from its range of the parsed characters when the caller had no string of it.
        private string _text;
        private readonly char[] _chars;
        private readonly int _start;
        private readonly int _end;

        internal SipUri(string text, char[] chars, int start, int end)
        {
            _text = text;
            _chars = chars;
            _start = start;
            _end = end;
        }

        public string Scheme;

        // Judged once by Parse: the checks, the routing and the sessions all ask, and each string compare is a native call.
        public bool IsSip;
        public string User;
        public string Password;

        // Fields so that Parse hands them to HostPort as its out arguments: two locals fewer in the frame under which a
        // header's URI is parsed at a response's deepest point (issue #17).
        public string Host;

        /// <summary>0 when the URI names no port.</summary>
        public int Port;

        /// <summary>The raw header part after '?', or null.</summary>
        public string Headers;

        public override string ToString() => _text ?? (_text = new string(_chars, _start, _end - _start));

        /// <summary>Parses a URI; null when it is not one (spaces, angle brackets, a bad host or port, bad escapes).</summary>
        public static SipUri Parse(string text)
        {
            if (text == null)
            {
                return null;
            }
            // An empty one is judged by Read (no range).
            char[] t = text.ToCharArray();
            var uri = new SipUri(text, t, 0, t.Length);
            return Read(t, 0, t.Length, uri) ? uri : null;
        }

        /// <summary>
        /// Reads the URI in [start, end) of <paramref name="t"/> (a header value's characters, copied once by its parser)
        /// into <paramref name="uri"/>, made by the caller over that range; false when it is not a URI. A null
        /// <paramref name="uri"/> only judges it: nothing is made then (but an escaped user's or an unusual scheme's text),
        /// the request's check of the From, To and Contact it does not keep (h-reqcheck).
        /// </summary>
        internal static bool Read(char[] t, int start, int end, SipUri uri)
        {
            if (end <= start)
            {
                return false;
            }
            int colon = Token.IndexOf(t, ':', start, end);
            if (colon <= start || !SchemeName(t, start, colon))
            {
                return false;
            }
            // Where the first '@' after the scheme is and the first '?' after it; the scan is a method of its own so that
            // this frame, under which a message's URIs are parsed at the deepest, keeps fewer locals (issue #17).
            int at;
            int question = Marks(t, start, end, colon, out at);
            if (question == -2)
            {
                return false;
            }
            // The parts are found as index ranges of the characters; only the fields themselves become strings.
            string scheme = SchemeOf(t, start, colon);
            bool sip = scheme == "sip" || scheme == "sips";
            if (uri != null)
            {
                uri.Scheme = scheme;
                uri.IsSip = sip;
            }
            // What follows "scheme:": the opaque rest, or user@host (then the host starts after the '@').
            int hostStart = colon + 1;
            if (!sip)
            {
                return hostStart < end;
            }
            if (at >= 0)
            {
                // The user part here, not in a method: a frame less under its search and its unescaping (no deeper
                // than the host's search below).
                int pw = ByteSearch.IndexOf(t, CharSearch.Colon, hostStart, at);
                int userEnd = pw < 0 ? at : pw;
                if (userEnd == hostStart || !Token.All(t, hostStart, userEnd, Token.UserBit) ||
                    (pw >= 0 && pw + 1 < at && !Token.All(t, pw + 1, at, Token.PasswordBit)))
                {
                    return false;
                }
                // Only judged: the escapes are checked by unescaping only when there is one.
                if (uri != null || Token.IndexOf(t, '%', hostStart, at) >= 0)
                {
                    string user = Unescape(t, hostStart, userEnd);
                    string password = pw < 0 ? null : Unescape(t, pw + 1, at);
                    if (user == null || (pw >= 0 && password == null))
                    {
                        return false;
                    }
                    if (uri != null)
                    {
                        uri.User = user;
                        uri.Password = password;
                    }
                }
                hostStart = at + 1;
            }
            // From here end is the host's end (the headers' '?', then the parameters' ';' cut it): no local of its own in this
            // frame, the deepest of a message's URI parse (h-checkbytes).
            if (question >= 0)
            {
                if (question + 1 == end)
                {
                    return false;
                }
                if (uri != null)
                {
                    uri.Headers = new string(t, question + 1, end - question - 1);
                }
                end = question;
            }
            int semi = ByteSearch.IndexOf(t, CharSearch.Semicolon, hostStart, end);
            if (semi >= 0)
            {
                if (!Params.Valid(t, semi + 1, end, true))
                {
                    return false;
                }
                if (uri != null)
                {
                    uri.SetParams(t, semi + 1, end);
                }
                end = semi;
            }
            // A URI only judged takes the host and port into locals done with (the scheme's, the colon's), not into two
            // discards: each would be a slot of this frame.
            return uri == null ? HostPort(t, hostStart, end, false, out scheme, out colon) : HostPort(t, hostStart, end, true, out uri.Host, out uri.Port);
        }

        /// <summary>
        /// One pass over [start, end): the index of the first '?' after the first '@' that follows the scheme's
        /// <paramref name="colon"/> (after the scheme when there is no '@'), -1 when none, -2 when a character that ends a
        /// URI is there; <paramref name="at"/> is that '@' or -1.
        /// </summary>
        private static int Marks(char[] t, int start, int end, int colon, out int at)
        {
            byte[] classes = Token.Classes;
            at = -1;
            int question = -1;
            int questionAfterAt = -1;
            for (int i = start; i < end; i++)
            {
                char c = t[i];
                if (c < 128 && (classes[c] & (Token.UriStopBit | Token.UriMarkBit)) != 0)
                {
                    if (c == '@')
                    {
                        if (at < 0 && i > colon)
                        {
                            at = i;
                        }
                    }
                    else if (c == '?')
                    {
                        if (question < 0 && i > colon)
                        {
                            question = i;
                        }
                        if (questionAfterAt < 0 && at >= 0)
                        {
                            questionAfterAt = i;
                        }
                    }
                    else
                    {
                        return -2;
                    }
                }
            }
            return at >= 0 ? questionAfterAt : question;
        }

        /// <summary>
        /// host[:port] in [start, end): a bracketed IPv6 reference (kept with its brackets; the address inside must be one
        /// of RFC 4291 2.2, see <see cref="IsIPv6"/>) or a hostname of letters, digits,
        /// '-' and '.', and a port of one to five digits up to 65535 (0 when there is none). Via's sent-by uses it too.
        /// The host's string is made only with <paramref name="make"/> (a URI only judged makes none, h-reqcheck).
        /// </summary>
        internal static bool HostPort(char[] s, int start, int end, bool make, out string host, out int port)
        {
            host = null;
            port = 0;
            int hostEnd = end;
            int portStart = -1;
            if (start < end && s[start] == '[')
            {
                int close = Token.IndexOf(s, ']', start, end);
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
                // The runtime's search straight from here (not through CharSearch): the parse of a message's URIs and
                // Vias is deepest at this point, and a frame less there is heap the 80,896-byte board needs (issue #17).
                int colon = end <= start ? -1 : System.Array.IndexOf(s, (ByteSearch.Boxes ?? ByteSearch.Make())[CharSearch.Colon], start, end - start);
                if (colon >= 0)
                {
                    hostEnd = colon;
                    portStart = colon + 1;
                }
                if (hostEnd > start && !Token.All(s, start, hostEnd, Token.HostBit))
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
            if (make)
            {
                host = new string(s, start, hostEnd - start);
            }
            return true;
        }

        /// <summary>
        /// An IPv6 address in [start, end) as RFC 4291 2.2 writes it (no brackets): eight groups of one to four hex digits,
        /// or fewer with one "::" standing for the missing ones, the last two groups optionally a dotted IPv4 address.
        /// RFC 3261's ABNF also lets through the three colons of RFC 5118 4.10 (2001:db8:::192.0.2.1); RFC 4291 and
        /// RFC 3986 3.2.2 do not, and neither does this.
        /// </summary>
        public static bool IsIPv6(char[] s, int start, int end)
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
        internal static bool IsIPv4(char[] s, int start, int end)
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
            if (a == null || b == null || a == b)
            {
                // Equal text (the usual case: the request's sent-by is where it came from) is the same host.
                return a == b;
            }
            char[] x = a.ToCharArray();
            char[] y = b.ToCharArray();
            // 1 past an IPv6 reference's '[' (and as much before its ']'), else 0.
            int i = x.Length >= 2 && x[0] == '[' && x[x.Length - 1] == ']' ? 1 : 0;
            int j = y.Length >= 2 && y[0] == '[' && y[y.Length - 1] == ']' ? 1 : 0;
            int n = x.Length - 2 * i;
            if (n != y.Length - 2 * j)
            {
                return false;
            }
            for (int k = 0; k < n; k++)
            {
                // Equal, or the same letter in the other case (one written out: h-reqcheck paid Sip's byte code with it).
                int c = x[i + k] | 32;
                if (x[i + k] != y[j + k] && (c != (y[j + k] | 32) || c < 'a' || c > 'z'))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// The scheme in [start, colon) in lower case; sip and sips, written so, as shared strings (a tel URI's, rare, is
        /// made: Sip's byte code paid the request check's numbers read from bytes, h-checkbytes).
        /// </summary>
        private static string SchemeOf(char[] t, int start, int colon)
        {
            int n = colon - start;
            if (n >= 3 && t[start] == 's' && t[start + 1] == 'i' && t[start + 2] == 'p')
            {
                if (n == 3)
                {
                    return "sip";
                }
                if (n == 4 && t[start + 3] == 's')
                {
                    return "sips";
                }
            }
            return new string(t, start, n).ToLower();
        }

        /// <summary>A letter, then letters, digits, '+', '-' and '.' up to the colon.</summary>
        private static bool SchemeName(char[] t, int start, int colon)
        {
            char first = t[start];
            if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')))
            {
                return false;
            }
            byte[] classes = Token.Classes;
            for (int i = start + 1; i < colon; i++)
            {
                char c = t[i];
                if (c != '+' && (c >= 128 || (classes[c] & Token.HostBit) == 0))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The characters in [start, end) with %XX escapes decoded (UTF-8); null for a malformed escape.</summary>
        internal static string Unescape(char[] s, int start, int end)
        {
            if (Token.IndexOf(s, '%', start, end) < 0)
            {
                return new string(s, start, end - start);
            }
            var bytes = new byte[end - start];
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c == '%')
                {
                    if (i + 2 >= end)
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
            return Utf8.Codec.GetString(bytes, 0, n);
        }
    }
}
