using System.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// The value of From, To, Contact, Route and similar headers: name-addr ("Display" &lt;uri&gt;;params) or addr-spec
    /// (uri;params, where the parameters belong to the header, not the URI), or "*" in a Contact.
    /// </summary>
    public sealed class NameAddr
    {
        public string DisplayName { get; private set; }
        public SipUri Uri { get; private set; }

        /// <summary>Header parameters after the address, raw, or null.</summary>
        public string ParamText { get; private set; }

        public bool IsWildcard { get; private set; }

        public string Tag => GetParam("tag");

        public string GetParam(string name) => Params.Get(ParamText, name);

        /// <summary>Parses a header value; null when it is malformed (unbalanced quotes, spaces inside &lt;&gt;, a display name that is neither tokens nor quoted, bad parameters).</summary>
        public static NameAddr Parse(string value)
        {
            if (value == null)
            {
                return null;
            }
            string v = value.Trim();
            if (v == "*")
            {
                return new NameAddr { IsWildcard = true };
            }
            int i = 0;
            string display = null;
            int lt = -1;
            if (v.Length > 0 && v[0] == '"')
            {
                i = 1;
                bool closed = false;
                bool escaped = false;
                while (i < v.Length)
                {
                    char c = v[i];
                    if (c == '\\')
                    {
                        if (i + 1 >= v.Length)
                        {
                            return null;
                        }
                        escaped = true;
                        i += 2;
                        continue;
                    }
                    if (c == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    i++;
                }
                if (!closed)
                {
                    return null;
                }
                display = escaped ? Unescape(v, 1, i - 1) : v.Substring(1, i - 2);
                while (i < v.Length && Token.IsWhite(v[i]))
                {
                    i++;
                }
                if (i >= v.Length || v[i] != '<')
                {
                    return null;
                }
                lt = i;
            }
            else
            {
                lt = v.IndexOf('<');
                if (lt >= 0)
                {
                    int wordsEnd = Token.TrimEnd(v, 0, lt);
                    if (wordsEnd > 0)
                    {
                        for (int k = 0; k < wordsEnd; k++)
                        {
                            if (!Token.IsTokenChar(v[k]) && !Token.IsWhite(v[k]))
                            {
                                return null;
                            }
                        }
                        display = v.Substring(0, wordsEnd);
                    }
                }
            }
            var result = new NameAddr { DisplayName = display };
            // The header parameters: [paramStart, paramEnd) after the ';' that follows the address, empty when none.
            int paramStart;
            int paramEnd = v.Length;
            if (lt >= 0)
            {
                int gt = v.IndexOf('>', lt);
                if (gt < 0)
                {
                    return null;
                }
                result.Uri = SipUri.Parse(v.Substring(lt + 1, gt - lt - 1));
                if (result.Uri == null)
                {
                    return null;
                }
                paramStart = Token.TrimStart(v, gt + 1, v.Length);
                paramEnd = Token.TrimEnd(v, paramStart, v.Length);
            }
            else
            {
                // addr-spec: the URI ends at the first ';' and may carry no headers (RFC 3261 20.10).
                int semi = v.IndexOf(';');
                string uriText = semi < 0 ? v : v.Substring(0, semi);
                if (uriText.IndexOf('?') >= 0 || uriText.IndexOf(',') >= 0)
                {
                    return null;
                }
                result.Uri = SipUri.Parse(uriText.Trim());
                if (result.Uri == null)
                {
                    return null;
                }
                paramStart = semi < 0 ? v.Length : semi;
            }
            if (paramStart < paramEnd)
            {
                if (v[paramStart] != ';')
                {
                    return null;
                }
                result.ParamText = v.Substring(paramStart + 1, paramEnd - paramStart - 1);
                if (!Params.Valid(result.ParamText, false))
                {
                    return null;
                }
            }
            return result;
        }

        /// <summary>The quoted string's content in [start, end) with its backslash escapes resolved.</summary>
        private static string Unescape(string v, int start, int end)
        {
            var sb = new StringBuilder(end - start);
            // A char array, not v[i]: nanoFramework's string indexer gives the high surrogate for both halves of a pair.
            char[] chars = v.ToCharArray();
            for (int i = start; i < end; i++)
            {
                char c = chars[i];
                if (c == '\\')
                {
                    i++;
                    c = chars[i];
                }
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
