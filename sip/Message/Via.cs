namespace DeskPhone.Sip.Message
{
    /// <summary>One Via value: SIP / 2.0 / transport sent-by;params (white space around the slashes allowed).</summary>
    public sealed class Via
    {
        public string Transport { get; private set; }
        public string Host { get; private set; }

        /// <summary>0 when sent-by names no port.</summary>
        public int Port { get; private set; }

        public string ParamText { get; private set; }

        private string _branch;
        private bool _branchRead;
        private int _rport = NotRead;
        private const int NotRead = -3;

        /// <summary>The branch (kept once read: the transaction cache, the checks and the answer all ask).</summary>
        public string Branch
        {
            get
            {
                if (!_branchRead)
                {
                    _branch = GetParam("branch");
                    _branchRead = true;
                }
                return _branch;
            }
        }

        public string Received => GetParam("received");

        /// <summary>-1 without rport, 0 for a bare rport (the client asks for it), else the port the server filled in.</summary>
        public int Rport
        {
            get
            {
                if (_rport == NotRead)
                {
                    string value = GetParam("rport");
                    int n;
                    _rport = value == null ? -1 : value.Length == 0 || !int.TryParse(value, out n) ? 0 : n;
                }
                return _rport;
            }
        }

        public string GetParam(string name) => Params.Get(ParamText, name);

        /// <summary>
        /// Parses a Via value, or null when it is malformed. It works on index ranges of the value, so only the host,
        /// the parameter text and an unusual transport name become strings.
        /// </summary>
        public static Via Parse(string value)
        {
            if (value == null)
            {
                return null;
            }
            int i = 0;
            int transportStart = 0;
            int transportEnd = 0;
            for (int p = 0; p < 3; p++)
            {
                while (i < value.Length && Token.IsWhite(value[i]))
                {
                    i++;
                }
                int start = i;
                while (i < value.Length && Token.IsTokenChar(value[i]))
                {
                    i++;
                }
                if ((p == 0 && !RangeIs(value, start, i, "SIP", true)) || (p == 1 && !RangeIs(value, start, i, "2.0", false)))
                {
                    return null;
                }
                transportStart = start;
                transportEnd = i;
                while (i < value.Length && Token.IsWhite(value[i]))
                {
                    i++;
                }
                if (p < 2)
                {
                    if (i >= value.Length || value[i] != '/')
                    {
                        return null;
                    }
                    i++;
                }
            }
            if (transportEnd == transportStart)
            {
                return null;
            }
            int restStart = Token.TrimStart(value, i, value.Length);
            int restEnd = Token.TrimEnd(value, restStart, value.Length);
            int semi = value.IndexOf(';', restStart, restEnd - restStart);
            int sentByStart = restStart;
            int sentByEnd = Token.TrimEnd(value, restStart, semi < 0 ? restEnd : semi);
            var via = new Via { Transport = TransportName(value, transportStart, transportEnd) };
            if (semi >= 0)
            {
                via.ParamText = value.Substring(semi + 1, restEnd - semi - 1);
                if (!Params.Valid(via.ParamText, false))
                {
                    return null;
                }
            }
            return via.SetSentBy(value, sentByStart, sentByEnd) && ValidReceived(via.Received) ? via : null;
        }

        /// <summary>
        /// received holds the address the request came from (RFC 3261 18.2.1): IPv4address / IPv6address. RFC 5118 4.5
        /// asks to accept an IPv6 reference too ("[2001:db8::9:255]", as some implementations write it); anything else
        /// (a name, three colons, a missing bracket) is malformed. Absent or empty: nothing to check here.
        /// </summary>
        private static bool ValidReceived(string received)
        {
            if (received == null || received.Length == 0)
            {
                return true;
            }
            int n = received.Length;
            if (received[0] == '[')
            {
                return n > 2 && received[n - 1] == ']' && SipUri.IsIPv6(received, 1, n - 1);
            }
            return received.IndexOf(':') >= 0 ? SipUri.IsIPv6(received, 0, n) : SipUri.IsIPv4(received, 0, n);
        }

        /// <summary>
        /// host[:port] as the host part of a sip: URI would accept it (without making the URI): no white space,
        /// brackets, quotes, user or headers, then <see cref="SipUri.HostPort"/>.
        /// </summary>
        private bool SetSentBy(string value, int start, int end)
        {
            if (start == end)
            {
                return false;
            }
            for (int k = start; k < end; k++)
            {
                char c = value[k];
                if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7F || c == '@' || c == '?')
                {
                    return false;
                }
            }
            string host;
            int port;
            if (!SipUri.HostPort(value, start, end, out host, out port))
            {
                return false;
            }
            Host = host;
            Port = port;
            return true;
        }

        private static bool RangeIs(string s, int start, int end, string expected, bool ignoreCase)
        {
            if (end - start != expected.Length)
            {
                return false;
            }
            for (int k = 0; k < expected.Length; k++)
            {
                char c = s[start + k];
                if (ignoreCase ? (c | 0x20) != (expected[k] | 0x20) : c != expected[k])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The transport in upper case; the usual ones as shared strings.</summary>
        private static string TransportName(string value, int start, int end)
        {
            if (RangeIs(value, start, end, "UDP", false))
            {
                return "UDP";
            }
            if (RangeIs(value, start, end, "TCP", false))
            {
                return "TCP";
            }
            return value.Substring(start, end - start).ToUpper();
        }
    }
}
