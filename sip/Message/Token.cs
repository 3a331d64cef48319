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
    }
}
