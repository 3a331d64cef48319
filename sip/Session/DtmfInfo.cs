namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// DTMF in SIP INFO bodies (docs/media.md, "DTMF"): <c>application/dtmf-relay</c> (<c>Signal=5</c> and
    /// <c>Duration=160</c> on their own lines, the de-facto format of Cisco and most phones) and <c>application/dtmf</c>
    /// (the key alone). Keys are 0-9, *, #, A-D; the relay's Signal may also be the RFC 4733 event number 10-15.
    /// </summary>
    public static class DtmfInfo
    {
        public const string Relay = "application/dtmf-relay";
        public const string Plain = "application/dtmf";

        /// <summary>The body the phone sends for a key: <c>Signal=K\r\nDuration=MS\r\n</c>.</summary>
        public static byte[] RelayBody(char key, int durationMs)
        {
            return System.Text.Encoding.UTF8.GetBytes("Signal=" + key + "\r\nDuration=" + durationMs.ToString() + "\r\n");
        }

        /// <summary>The key of a received body (<paramref name="relay"/>: dtmf-relay, else application/dtmf), or '\0' when it names none.</summary>
        public static char ReadKey(byte[] data, int offset, int length, bool relay)
        {
            int end = offset + length;
            int at = offset;
            if (relay)
            {
                at = Find(data, offset, end);
                if (at < 0)
                {
                    return '\0';
                }
            }
            at = Blanks(data, at, end);
            if (at >= end)
            {
                return '\0';
            }
            char key = Upper((char)data[at]);
            // Signal=10 .. 15: the event numbers of *, #, A-D.
            if (relay && key == '1' && at + 1 < end && data[at + 1] >= '0' && data[at + 1] <= '5')
            {
                return "*#ABCD"[data[at + 1] - '0'];
            }
            bool digit = key >= '0' && key <= '9';
            return digit || key == '*' || key == '#' || (key >= 'A' && key <= 'D') ? key : '\0';
        }

        // Just past "Signal=" at the start of a line (any letter case, blanks around '='), or -1.
        private static int Find(byte[] data, int offset, int end)
        {
            const string Name = "signal";
            for (int line = offset; line < end;)
            {
                int at = Blanks(data, line, end);
                int n = 0;
                // The name's letters in any case: each byte with 0x20 set (only 'S' and 's' give 's').
                while (n < Name.Length && at + n < end && (data[at + n] | 0x20) == Name[n])
                {
                    n++;
                }
                if (n == Name.Length)
                {
                    at = Blanks(data, at + n, end);
                    if (at < end && data[at] == '=')
                    {
                        return at + 1;
                    }
                }
                while (line < end && data[line] != '\n')
                {
                    line++;
                }
                line++;
            }
            return -1;
        }

        private static char Upper(char c) => c >= 'a' && c <= 'z' ? (char)(c - 32) : c;

        /// <summary>The first byte from <paramref name="at"/> on that is neither a space nor a tab, or <paramref name="end"/>.</summary>
        private static int Blanks(byte[] data, int at, int end)
        {
            while (at < end && (data[at] == ' ' || data[at] == '\t'))
            {
                at++;
            }
            return at;
        }
    }
}
