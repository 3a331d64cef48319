using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>One Via value: SIP / 2.0 / transport sent-by;params (white space around the slashes allowed).</summary>
    // Public fields, all read by the parse (issue #17): the transaction key, the checks and the answer ask for the branch,
    // received and rport of every request's top Via anyway, so the parse keeps those three and lets the value's characters
    // go (no char[] copy kept for the turn, 96 B of object instead of 156 B), and the answer's Via reads fields: no
    // getter's nor parameter search's frame under the response's writing, the deepest point of a request's turn.
    public sealed class Via
    {
        public string Transport;
        public string Host;

        /// <summary>0 when sent-by names no port.</summary>
        public int Port;

        /// <summary>The value parsed (the answer's Via copies it: no look-up of the header's value under the answer's writing).</summary>
        public string Value;

        /// <summary>The branch parameter, or null.</summary>
        public string Branch;

        /// <summary>The received parameter ("" when it has no value), or null.</summary>
        public string Received;

        /// <summary>-1 without rport, 0 for a bare rport (the client asks for it), else the port the server filled in.</summary>
        public int Rport;

        /// <summary>
        /// Parses a Via value, or null when it is malformed. It works on index ranges of the value's characters (copied
        /// once, garbage once parsed), so only the host, the branch, received, rport's value and an unusual transport
        /// name become strings.
        /// </summary>
        public static Via Parse(string value)
        {
            if (value == null)
            {
                return null;
            }
            char[] v = value.ToCharArray();
            int n = v.Length;
            byte[] classes = Token.Classes;
            int i = 0;
            int transportStart = 0;
            int transportEnd = 0;
            int p;
            for (p = 0; p < 3; p++)
            {
                while (i < n && (v[i] == ' ' || v[i] == '\t'))
                {
                    i++;
                }
                // Each part's bounds in the transport's locals (the last part is the transport): no local more in the
                // frame every Via's parse takes (docs/benchmarks.md, h-frames).
                transportStart = i;
                while (i < n && v[i] < 128 && (classes[v[i]] & Token.TokenBit) != 0)
                {
                    i++;
                }
                if ((p == 0 && !RangeIs(v, transportStart, i, 0x1534950)) || (p == 1 && !RangeIs(v, transportStart, i, 0x322E30)))
                {
                    return null;
                }
                transportEnd = i;
                while (i < n && (v[i] == ' ' || v[i] == '\t'))
                {
                    i++;
                }
                if (p < 2)
                {
                    if (i >= n || v[i] != '/')
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
            var via = new Via { Transport = TransportName(v, transportStart, transportEnd), Rport = -1, Value = value };
            // The rest (sent-by, then parameters) starts at i, which is also where the sent-by starts. Its bounds in the
            // transport's locals and p, free once the Via is made: three locals less in this frame, under the sent-by's
            // host string (the office stream's lowest collection in a census sweep around the 80,896-byte board, the
            // request's top Via: tools/HeapCensus/sweep.sh, h-sipsweep). p: the rest's end, transportStart: the ';'.
            i = Token.TrimStart(v, i, n);
            p = Token.TrimEnd(v, i, n);
            transportStart = ByteSearch.IndexOf(v, CharSearch.Semicolon, i, p);
            transportEnd = Token.TrimEnd(v, i, transportStart < 0 ? p : transportStart);
            if (transportStart >= 0 && !via.ReadParams(v, transportStart + 1, p))
            {
                return null;
            }
            return via.SetSentBy(v, i, transportEnd) && ValidReceived(via.Received) ? via : null;
        }

        /// <summary>Checks the parameter list [start, end) of <paramref name="v"/> and keeps its branch, received and rport.</summary>
        private bool ReadParams(char[] v, int start, int end)
        {
            if (!Params.Valid(v, start, end, false))
            {
                return false;
            }
            Branch = Params.Get(v, start, end, "branch");
            Received = Params.Get(v, start, end, "received");
            string rport = Params.Get(v, start, end, "rport");
            int n;
            Rport = rport == null ? -1 : rport.Length == 0 || !int.TryParse(rport, out n) ? 0 : n;
            return true;
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
            char[] r = received.ToCharArray();
            int n = r.Length;
            if (r[0] == '[')
            {
                return n > 2 && r[n - 1] == ']' && SipUri.IsIPv6(r, 1, n - 1);
            }
            return Token.IndexOf(r, ':', 0, n) >= 0 ? SipUri.IsIPv6(r, 0, n) : SipUri.IsIPv4(r, 0, n);
        }

        /// <summary>
        /// host[:port] as the host part of a sip: URI would accept it (without making the URI): no white space,
        /// brackets, quotes, user or headers, then <see cref="SipUri.HostPort"/>.
        /// </summary>
        private bool SetSentBy(char[] value, int start, int end)
        {
            // An empty sent-by is refused by HostPort (no host).
            byte[] classes = Token.Classes;
            for (int k = start; k < end; k++)
            {
                char c = value[k];
                if ((c < 128 && (classes[c] & Token.UriStopBit) != 0) || c == '@' || c == '?')
                {
                    return false;
                }
            }
            // Straight into the fields: no host and port locals in this frame, under the host's string.
            return SipUri.HostPort(value, start, end, true, out Host, out Port);
        }

        /// <summary>
        /// [start, end) is the three characters of <paramref name="abc"/>, a byte each from bits 16-23 to 0-7 (letters
        /// compared case-insensitively when bit 24 is set): one argument, not four, so the parse's frame, which calls it
        /// with the most on its stack, is two slots less (24 B under every Via's parameters and sent-by, h-sipsweep).
        /// </summary>
        private static bool RangeIs(char[] s, int start, int end, int abc)
        {
            int fold = (abc >> 19) & 0x20;
            return end - start == 3 && (s[start] | fold) == ((abc >> 16 & 0xFF) | fold) && (s[start + 1] | fold) == ((abc >> 8 & 0xFF) | fold) &&
                   (s[start + 2] | fold) == ((abc & 0xFF) | fold);
        }

        /// <summary>The transport in upper case; the usual ones as shared strings.</summary>
        private static string TransportName(char[] value, int start, int end)
        {
            if (RangeIs(value, start, end, 0x554450))
            {
                return "UDP";
            }
            if (RangeIs(value, start, end, 0x544350))
            {
                return "TCP";
            }
            return new string(value, start, end - start).ToUpper();
        }
    }
}
