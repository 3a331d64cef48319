namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// ";name=value" parameter lists of headers and URIs, kept as the raw text after the first ';' and searched on
    /// demand. A list with an empty parameter (";;") is malformed.
    /// </summary>
    internal static class Params
    {
        // Both walk the list in place (index ranges trimmed as string.Trim would), so only a found value becomes a string.

        /// <summary>True when every parameter has a non-empty token name (and a value that is a token, quoted string or IPv6 reference).</summary>
        public static bool Valid(string list, bool uriStyle)
        {
            if (list == null || list.Length == 0)
            {
                return true;
            }
            int i = 0;
            while (i <= list.Length)
            {
                int end = Next(list, i);
                int ps = Token.TrimStart(list, i, end);
                int pe = Token.TrimEnd(list, ps, end);
                if (ps == pe)
                {
                    return false;
                }
                int eq = IndexOf(list, '=', ps, pe);
                int ns = ps;
                int ne = Token.TrimEnd(list, ns, eq < 0 ? pe : eq);
                if (!(uriStyle ? UriParamName(list, ns, ne) : Token.IsToken(list, ns, ne)))
                {
                    return false;
                }
                if (eq >= 0 && Token.TrimStart(list, eq + 1, pe) == pe)
                {
                    return false;
                }
                if (end >= list.Length)
                {
                    break;
                }
                i = end + 1;
            }
            return true;
        }

        /// <summary>The value of a parameter ("" when it has none), or null when absent. Names compare case-insensitively.</summary>
        public static string Get(string list, string name)
        {
            if (list == null)
            {
                return null;
            }
            int i = 0;
            while (i < list.Length)
            {
                int end = Next(list, i);
                int ps = Token.TrimStart(list, i, end);
                int pe = Token.TrimEnd(list, ps, end);
                int eq = IndexOf(list, '=', ps, pe);
                int ke = Token.TrimEnd(list, ps, eq < 0 ? pe : eq);
                if (NameIs(list, ps, ke, name))
                {
                    if (eq < 0)
                    {
                        return "";
                    }
                    int vs = Token.TrimStart(list, eq + 1, pe);
                    if (pe - vs >= 2 && list[vs] == '"' && list[pe - 1] == '"')
                    {
                        vs++;
                        pe--;
                    }
                    return list.Substring(vs, pe - vs);
                }
                i = end + 1;
            }
            return null;
        }

        private static int IndexOf(string s, char c, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (s[i] == c)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>HeaderNames.EqualIgnoreCase of the range and <paramref name="name"/>.</summary>
        private static bool NameIs(string s, int start, int end, string name)
        {
            if (end - start != name.Length)
            {
                return false;
            }
            for (int i = 0; i < name.Length; i++)
            {
                if ((s[start + i] | 0x20) != (name[i] | 0x20))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool UriParamName(string s, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (!(Token.IsTokenChar(c) || c == '[' || c == ']' || c == '/' || c == ':' || c == '&' || c == '$'))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The end of the parameter starting at <paramref name="from"/>: the next ';' outside quotes, or the end.</summary>
        private static int Next(string list, int from)
        {
            int semi = Separator.Next(list, from, ';', false);
            return semi < 0 ? list.Length : semi;
        }
    }
}
