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
                var sb = new StringBuilder();
                i = 1;
                bool closed = false;
                while (i < v.Length)
                {
                    char c = v[i];
                    if (c == '\\')
                    {
                        if (i + 1 >= v.Length)
                        {
                            return null;
                        }
                        sb.Append(v[i + 1]);
                        i += 2;
                        continue;
                    }
                    if (c == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    sb.Append(c);
                    i++;
                }
                if (!closed)
                {
                    return null;
                }
                display = sb.ToString();
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
                    string words = v.Substring(0, lt).Trim();
                    if (words.Length > 0)
                    {
                        for (int k = 0; k < words.Length; k++)
                        {
                            if (!Token.IsTokenChar(words[k]) && !Token.IsWhite(words[k]))
                            {
                                return null;
                            }
                        }
                        display = words;
                    }
                }
            }
            var result = new NameAddr { DisplayName = display };
            string after;
            if (lt >= 0)
            {
                int gt = v.IndexOf('>', lt);
                if (gt < 0)
                {
                    return null;
                }
                string inner = v.Substring(lt + 1, gt - lt - 1);
                result.Uri = SipUri.Parse(inner);
                if (result.Uri == null)
                {
                    return null;
                }
                after = v.Substring(gt + 1).Trim();
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
                after = semi < 0 ? "" : v.Substring(semi);
            }
            if (after.Length > 0)
            {
                if (after[0] != ';')
                {
                    return null;
                }
                result.ParamText = after.Substring(1);
                if (!Params.Valid(result.ParamText, false))
                {
                    return null;
                }
            }
            return result;
        }
    }
}
