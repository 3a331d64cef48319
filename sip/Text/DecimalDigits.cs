namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// Plain unsigned decimal numbers of protocol text (SIP, XML, HTTP, settings): the digits 0-9 and nothing else (no
    /// sign, no white space), at least one and at most a given count, so the value never overflows. Every parser of a
    /// number in sip and firmware goes through here; each caller keeps its own limits and its own answer to bad input.
    /// </summary>
    public static class DecimalDigits
    {
        /// <summary>Longest run accepted: 18 digits always fit a long.</summary>
        public const int MaxDigits = 18;

        /// <summary>The number in b[start..end), or -1 when that is empty, longer than maxDigits or not all digits.</summary>
        public static long Parse(byte[] b, int start, int end, int maxDigits)
        {
            if (end <= start || end - start > maxDigits || maxDigits > MaxDigits)
            {
                return -1;
            }
            long n = 0;
            for (int i = start; i < end; i++)
            {
                int d = b[i] - '0';
                if (d < 0 || d > 9)
                {
                    return -1;
                }
                n = n * 10 + d;
            }
            return n;
        }

        /// <summary>As <see cref="Parse(byte[], int, int, int)"/>, on characters (a value's, copied once by its parser).</summary>
        public static long Parse(char[] s, int start, int end, int maxDigits)
        {
            if (end <= start || end - start > maxDigits || maxDigits > MaxDigits)
            {
                return -1;
            }
            long n = 0;
            for (int i = start; i < end; i++)
            {
                int d = s[i] - '0';
                if (d < 0 || d > 9)
                {
                    return -1;
                }
                n = n * 10 + d;
            }
            return n;
        }

        /// <summary>
        /// The number in s[start..end), or -1 as for bytes. Reads at most maxDigits characters with the indexer and
        /// stops at the first that is not an ASCII digit: on nanoCLR the indexer walks the UTF-8 text and misreads only
        /// after a character outside the BMP (docs/device-tests.md), which is itself no digit, so the result is right
        /// and the walk short, without copying the string.
        /// </summary>
        public static long Parse(string s, int start, int end, int maxDigits)
        {
            if (s == null || end <= start || end - start > maxDigits || maxDigits > MaxDigits)
            {
                return -1;
            }
            long n = 0;
            for (int i = start; i < end; i++)
            {
                int d = s[i] - '0';
                if (d < 0 || d > 9)
                {
                    return -1;
                }
                n = n * 10 + d;
            }
            return n;
        }

        /// <summary>
        /// Where the run of digits that starts at b[at] ends (the first index not a digit, at most end): for a number
        /// that is followed by more text ("2/8", "49170 RTP/AVP"), to hand its digits to <see cref="Parse(byte[], int, int, int)"/>.
        /// </summary>
        public static int RunEnd(byte[] b, int at, int end)
        {
            while (at < end && b[at] >= (byte)'0' && b[at] <= (byte)'9')
            {
                at++;
            }
            return at;
        }

        /// <summary>The whole string as a number, or -1 (also for null).</summary>
        public static long Parse(string s, int maxDigits) => s == null ? -1 : Parse(s, 0, s.Length, maxDigits);
    }
}
