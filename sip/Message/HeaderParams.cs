using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>The ";name=value" parameters of a header value such as Subscription-State or Event.</summary>
    public static class HeaderParams
    {
        /// <summary>
        /// The token before the first ';' (trimmed, lower case), e.g. "active" of "active;expires=600", of the value
        /// <paramref name="header"/> or of its characters <paramref name="v"/> (SipMessage.ValueChars: a Content-Type read
        /// without a string of the header, h-sipreads); null when both are null.
        /// </summary>
        public static string Value(string header, char[] v = null)
        {
            // On the value's characters copied once: Substring, Trim and ToLower each convert the whole string on the
            // device; ToLower runs only when there is something to lower. Two locals (the arguments hold the rest): the
            // least frame (204 B) under the type's string, which the request's check makes (h-sipreads).
            v = v ?? header?.ToCharArray();
            if (v == null)
            {
                return null;
            }
            int end = ByteSearch.IndexOf(v, CharSearch.Semicolon, 0, v.Length);
            int start = Token.TrimStart(v, 0, end < 0 ? v.Length : end);
            end = Token.TrimEnd(v, start, end < 0 ? v.Length : end);
            header = new string(v, start, end - start);
            for (; start < end; start++)
            {
                if (v[start] >= 'A' && (v[start] <= 'Z' || v[start] >= 128))
                {
                    return header.ToLower();
                }
            }
            return header;
        }

        /// <summary>
        /// A parameter's value ("" when it has none), or null when absent; quotes are removed. Of the value
        /// <paramref name="header"/> or of its characters <paramref name="v"/>, as <see cref="Value"/>.
        /// </summary>
        public static string Get(string header, string name, char[] v = null)
        {
            // On the value's characters copied once, searched in place: no Substring of the list and no
            // Params.Get(string) frame copying it again (a NOTIFY's Subscription-State, h-sipcheck).
            v = v ?? header?.ToCharArray();
            if (v == null)
            {
                return null;
            }
            int semi = ByteSearch.IndexOf(v, CharSearch.Semicolon, 0, v.Length);
            return semi < 0 ? null : Params.Get(v, semi + 1, v.Length, name);
        }
    }
}
