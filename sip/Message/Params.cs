namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// ";name=value" parameter lists of headers and URIs, kept as the raw text after the first ';' and searched on
    /// demand. A list with an empty parameter (";;") is malformed.
    /// </summary>
    internal static class Params
    {
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
                string p = list.Substring(i, end - i).Trim();
                if (p.Length == 0)
                {
                    return false;
                }
                int eq = p.IndexOf('=');
                string name = (eq < 0 ? p : p.Substring(0, eq)).Trim();
                if (!(uriStyle ? UriParamName(name) : Token.IsToken(name)))
                {
                    return false;
                }
                if (eq >= 0)
                {
                    string value = p.Substring(eq + 1).Trim();
                    if (value.Length == 0)
                    {
                        return false;
                    }
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
                string p = list.Substring(i, end - i).Trim();
                int eq = p.IndexOf('=');
                string key = (eq < 0 ? p : p.Substring(0, eq)).Trim();
                if (HeaderNames.EqualIgnoreCase(key, name))
                {
                    return eq < 0 ? "" : Unquote(p.Substring(eq + 1).Trim());
                }
                i = end + 1;
            }
            return null;
        }

        private static bool UriParamName(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
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

        internal static string Unquote(string value)
        {
            if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
            {
                return value.Substring(1, value.Length - 2);
            }
            return value;
        }
    }
}
