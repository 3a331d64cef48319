using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// The value of From, To, Contact, Route and similar headers: name-addr ("Display" &lt;uri&gt;;params) or addr-spec
    /// (uri;params, where the parameters belong to the header, not the URI), or "*" in a Contact.
    /// </summary>
    public sealed class NameAddr : ParamHolder
    {
        public string DisplayName { get; private set; }
        public SipUri Uri { get; private set; }

        public bool IsWildcard { get; private set; }

        public string Tag => GetParam("tag");

        /// <summary>Parses a header value; null when it is malformed (unbalanced quotes, spaces inside &lt;&gt;, a display name that is neither tokens nor quoted, bad parameters).</summary>
        public static NameAddr Parse(string value)
        {
            if (value == null)
            {
                return null;
            }
            // The value's characters, copied once: the parse works on index ranges of them (trimmed as string.Trim would).
            char[] v = value.ToCharArray();
            int first = Token.TrimStart(v, 0, v.Length);
            int end = Token.TrimEnd(v, first, v.Length);
            if (end - first == 1 && v[first] == '*')
            {
                return new NameAddr { IsWildcard = true };
            }
            int i = first;
            string display = null;
            int lt = -1;
            if (end > first && v[first] == '"')
            {
                display = QuotedString.Read(v, first, end, out i);
                if (display == null)
                {
                    return null;
                }
                while (i < end && (v[i] == ' ' || v[i] == '\t'))
                {
                    i++;
                }
                if (i >= end || v[i] != '<')
                {
                    return null;
                }
                lt = i;
            }
            else
            {
                lt = Token.IndexOf(v, '<', first, end);
                if (lt >= 0)
                {
                    int wordsEnd = Token.TrimEnd(v, first, lt);
                    if (wordsEnd > first)
                    {
                        byte[] classes = Token.Classes;
                        for (int k = first; k < wordsEnd; k++)
                        {
                            char c = v[k];
                            if (c != ' ' && c != '\t' && (c >= 128 || (classes[c] & Token.TokenBit) == 0))
                            {
                                return null;
                            }
                        }
                        display = new string(v, first, wordsEnd - first);
                    }
                }
            }
            var result = new NameAddr { DisplayName = display };
            // The header parameters: [paramStart, paramEnd) after the ';' that follows the address, empty when none.
            int paramStart;
            int paramEnd = end;
            if (lt >= 0)
            {
                int gt = CharSearch.IndexOf(v, CharSearch.Greater, lt, end);
                if (gt < 0)
                {
                    return null;
                }
                result.Uri = SipUri.Parse(v, lt + 1, gt, null);
                if (result.Uri == null)
                {
                    return null;
                }
                paramStart = Token.TrimStart(v, gt + 1, end);
                paramEnd = Token.TrimEnd(v, paramStart, end);
            }
            else
            {
                // addr-spec: the URI ends at the first ';' and may carry no headers (RFC 3261 20.10).
                int semi = Token.IndexOf(v, ';', first, end);
                int uriEnd = semi < 0 ? end : semi;
                if (Token.IndexOf(v, '?', first, uriEnd) >= 0 || Token.IndexOf(v, ',', first, uriEnd) >= 0)
                {
                    return null;
                }
                int uriStart = Token.TrimStart(v, first, uriEnd);
                result.Uri = SipUri.Parse(v, uriStart, Token.TrimEnd(v, uriStart, uriEnd), null);
                if (result.Uri == null)
                {
                    return null;
                }
                paramStart = uriEnd;
            }
            if (paramStart < paramEnd)
            {
                if (v[paramStart] != ';')
                {
                    return null;
                }
                if (!Params.Valid(v, paramStart + 1, paramEnd, false))
                {
                    return null;
                }
                result.SetParams(v, paramStart + 1, paramEnd);
            }
            return result;
        }
    }
}
