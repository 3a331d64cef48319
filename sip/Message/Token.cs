namespace DeskPhone.Sip.Message
{
    /// <summary>Character classes of the SIP grammar (RFC 3261 25.1).</summary>
    internal static class Token
    {
        public static bool IsTokenChar(int c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' || c == '`' || c == '\'' || c == '~';

        public static bool IsToken(string s)
        {
            if (s == null || s.Length == 0)
            {
                return false;
            }
            for (int i = 0; i < s.Length; i++)
            {
                if (!IsTokenChar(s[i]))
                {
                    return false;
                }
            }
            return true;
        }

        public static bool IsToken(string s, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }
            for (int i = start; i < end; i++)
            {
                if (!IsTokenChar(s[i]))
                {
                    return false;
                }
            }
            return true;
        }

        public static bool IsToken(byte[] b, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }
            for (int i = start; i < end; i++)
            {
                if (!IsTokenChar(b[i]))
                {
                    return false;
                }
            }
            return true;
        }

        public static bool IsWhite(char c) => c == ' ' || c == '\t';

        /// <summary>
        /// The characters string.Trim removes on the host (char.IsWhiteSpace), so that trimming a range in place
        /// gives what Trim on a copy gave.
        /// </summary>
        public static bool IsTrimmed(char c) =>
            c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00A0' || c == '\u1680' ||
            (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000';

        /// <summary>The first index of [start, end) that Trim would keep (end when none).</summary>
        public static int TrimStart(string s, int start, int end)
        {
            while (start < end && IsTrimmed(s[start]))
            {
                start++;
            }
            return start;
        }

        /// <summary>One past the last index of [start, end) that Trim would keep (start when none).</summary>
        public static int TrimEnd(string s, int start, int end)
        {
            while (end > start && IsTrimmed(s[end - 1]))
            {
                end--;
            }
            return end;
        }
    }
}
