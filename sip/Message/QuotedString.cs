using System.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// An RFC 3261 quoted-string in a value's characters (a display name, a Warning's text): from its opening quote to
    /// the closing one, a quoted-pair's backslash dropped. One reader for every header that carries one.
    /// </summary>
    public static class QuotedString
    {
        /// <summary>
        /// The text of the quoted-string that opens at v[open] (a '"'), read no further than <paramref name="end"/>;
        /// <paramref name="after"/> is the index after its closing quote. Null when it is not closed or ends in a lone
        /// backslash.
        /// </summary>
        public static string Read(char[] v, int open, int end, out int after)
        {
            after = open;
            int i = open + 1;
            bool escaped = false;
            while (i < end)
            {
                char c = v[i];
                if (c == '\\')
                {
                    if (i + 1 >= end)
                    {
                        return null;
                    }
                    escaped = true;
                    i += 2;
                    continue;
                }
                if (c == '"')
                {
                    after = i + 1;
                    return escaped ? Unescape(v, open + 1, i) : new string(v, open + 1, i - open - 1);
                }
                i++;
            }
            return null;
        }

        private static string Unescape(char[] chars, int start, int end)
        {
            var sb = new StringBuilder(end - start);
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
