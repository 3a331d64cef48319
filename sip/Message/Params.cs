using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// ";name=value" parameter lists of headers and URIs, kept as the raw text after the first ';' and searched on
    /// demand. A list with an empty parameter (";;") is malformed.
    /// </summary>
    internal static class Params
    {
        // Both walk the list in place on its characters (index ranges trimmed as string.Trim would), so only a found
        // value becomes a string.

        /// <summary>
        /// True when every parameter of the list in [start, end) of <paramref name="s"/> has a non-empty token name (and a
        /// value that is a token, quoted string or IPv6 reference).
        /// </summary>
        public static bool Valid(char[] s, int start, int end, bool uriStyle)
        {
            if (start >= end)
            {
                return true;
            }
            byte nameBit = uriStyle ? Token.UriParamBit : Token.TokenBit;
            // The runtime's searches called from here, as in Get (seven calls fewer a MESSAGE).
            object[] boxes = ByteSearch.Boxes ?? ByteSearch.Make();
            bool quoted = System.Array.IndexOf(s, boxes[CharSearch.Quote], start, end - start) >= 0;
            int i = start;
            while (i <= end)
            {
                // The next ';' outside quotes, or the end.
                int next = quoted ? Separator.Next(s, i, end) : i < end ? System.Array.IndexOf(s, boxes[CharSearch.Semicolon], i, end - i) : -1;
                if (next < 0)
                {
                    next = end;
                }
                int ps = Token.TrimStart(s, i, next);
                int pe = Token.TrimEnd(s, ps, next);
                if (ps == pe)
                {
                    return false;
                }
                int eq = Token.IndexOf(s, '=', ps, pe);
                int ne = Token.TrimEnd(s, ps, eq < 0 ? pe : eq);
                if (!Token.All(s, ps, ne, nameBit))
                {
                    return false;
                }
                if (eq >= 0 && Token.TrimStart(s, eq + 1, pe) == pe)
                {
                    return false;
                }
                if (next >= end)
                {
                    break;
                }
                i = next + 1;
            }
            return true;
        }

        /// <summary>The value of a parameter ("" when it has none), or null when absent. Names compare case-insensitively.</summary>
        public static string Get(string list, string name) => list == null ? null : Get(list.ToCharArray(), 0, list.Length, name);

        /// <summary><see cref="Get(string, string)"/> in the list in [start, end) of <paramref name="s"/>.</summary>
        public static string Get(char[] s, int start, int end, string name)
        {
            int nameLength = name.Length;
            int first = nameLength == 0 ? -1 : name[0] | 0x20;
            // The runtime's searches called from here, not through ByteSearch: a call less for each (ten a MESSAGE: its
            // top Via read for three parameters, the Request-URI's line; docs/benchmarks.md cost2).
            // Three locals less than a flag for the quotes and a local each for the name's end and the value's start: the
            // boxes only without a quote (null says there is one), the name's end compared where it is found, the value's
            // start in the name's (the office stream's top Via read for its parameters, the lowest SIP point of a census
            // sweep around the 80,896-byte board: tools/HeapCensus/sweep.sh, h-sipsweep).
            object[] boxes = ByteSearch.Boxes ?? ByteSearch.Make();
            if (end > start && System.Array.IndexOf(s, boxes[CharSearch.Quote], start, end - start) >= 0)
            {
                boxes = null;
            }
            int i = start;
            while (i < end)
            {
                // The next ';' outside quotes, or the end. A list without a quote (the usual one) goes from ';' to ';' with
                // the runtime's search instead of a walk of every character.
                int next = boxes == null ? Separator.Next(s, i, end) : System.Array.IndexOf(s, boxes[CharSearch.Semicolon], i, end - i);
                if (next < 0)
                {
                    next = end;
                }
                int ps = Token.TrimStart(s, i, next);
                if (first >= 0 && ps < next && (s[ps] | 0x20) != first)
                {
                    // Another parameter (a name starts with its first character): not trimmed and split for nothing.
                    i = next + 1;
                    continue;
                }
                int pe = Token.TrimEnd(s, ps, next);
                int eq = Token.IndexOf(s, '=', ps, pe);
                if (Token.TrimEnd(s, ps, eq < 0 ? pe : eq) - ps == nameLength && NameIs(s, ps, name, nameLength))
                {
                    if (eq < 0)
                    {
                        return "";
                    }
                    ps = Token.TrimStart(s, eq + 1, pe);
                    if (pe - ps >= 2 && s[ps] == '"' && s[pe - 1] == '"')
                    {
                        ps++;
                        pe--;
                    }
                    return new string(s, ps, pe - ps);
                }
                i = next + 1;
            }
            return null;
        }

        /// <summary>HeaderNames.EqualIgnoreCase of the range from <paramref name="start"/> (of the name's length) and <paramref name="name"/>.</summary>
        private static bool NameIs(char[] s, int start, string name, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if ((s[start + i] | 0x20) != (name[i] | 0x20))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
