using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.MessageWaiting
{
    /// <summary>
    /// A parsed application/simple-message-summary body (RFC 3842): whether messages wait, and the new/old counts
    /// of voice and text messages ("Voice-Message: 2/8 (0/2)"; the urgent counts in brackets are part of the totals).
    /// Its plain state (MessagesWaiting, VoiceNew, VoiceOld, TextNew, TextOld, Account, Error) is public fields, not
    /// properties: no accessor method in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class MessageSummary
    {
        public const string ContentType = "application/simple-message-summary";

        /// <summary>Bodies larger than this are refused: a summary is a few lines.</summary>
        public const int MaxBodyBytes = 4096;

        public bool MessagesWaiting;
        public int VoiceNew;
        public int VoiceOld;
        public int TextNew;
        public int TextOld;
        public string Account;

        /// <summary>Why the last <see cref="Parse"/> failed, or null.</summary>
        public string Error;

        /// <summary>
        /// Parses a body; false (with <see cref="Error"/>) when it is not a message summary, leaving the previous values.
        /// Unknown message classes and unknown lines are ignored, as RFC 3842 asks.
        /// </summary>
        public bool Parse(byte[] body, int offset, int length)
        {
            if (body == null || length <= 0)
            {
                return Fail("empty body");
            }
            if (length > MaxBodyBytes)
            {
                return Fail("body larger than " + MaxBodyBytes.ToString() + " bytes");
            }
            bool sawWaiting = false, waiting = false;
            int voiceNew = 0, voiceOld = 0, textNew = 0, textOld = 0;
            string account = null;
            int end = offset + length;
            int line = offset;
            while (line < end)
            {
                int eol = line;
                while (eol < end && body[eol] != (byte)'\n')
                {
                    eol++;
                }
                int lineEnd = eol > line && body[eol - 1] == (byte)'\r' ? eol - 1 : eol;
                int colon = IndexOf(body, line, lineEnd, (byte)':');
                if (colon > line)
                {
                    int valueStart = SkipSpaces(body, colon + 1, lineEnd);
                    if (NameIs(body, line, colon, "messages-waiting"))
                    {
                        sawWaiting = true;
                        if (NameIs(body, valueStart, TrimEnd(body, valueStart, lineEnd), "yes"))
                        {
                            waiting = true;
                        }
                        else if (!NameIs(body, valueStart, TrimEnd(body, valueStart, lineEnd), "no"))
                        {
                            return Fail("Messages-Waiting must be yes or no");
                        }
                    }
                    else if (NameIs(body, line, colon, "message-account"))
                    {
                        account = System.Text.Encoding.UTF8.GetString(body, valueStart, TrimEnd(body, valueStart, lineEnd) - valueStart);
                    }
                    else if (NameIs(body, line, colon, "voice-message"))
                    {
                        if (!ParseCounts(body, valueStart, lineEnd, out voiceNew, out voiceOld))
                        {
                            return Fail("bad Voice-Message counts");
                        }
                    }
                    else if (NameIs(body, line, colon, "text-message"))
                    {
                        if (!ParseCounts(body, valueStart, lineEnd, out textNew, out textOld))
                        {
                            return Fail("bad Text-Message counts");
                        }
                    }
                }
                line = eol + 1;
            }
            if (!sawWaiting)
            {
                return Fail("no Messages-Waiting line");
            }
            MessagesWaiting = waiting;
            VoiceNew = voiceNew;
            VoiceOld = voiceOld;
            TextNew = textNew;
            TextOld = textOld;
            Account = account;
            Error = null;
            return true;
        }

        private bool Fail(string reason)
        {
            Error = reason;
            return false;
        }

        private static bool ParseCounts(byte[] b, int start, int end, out int newCount, out int oldCount)
        {
            newCount = 0;
            oldCount = 0;
            int i = start;
            if (!ReadNumber(b, ref i, end, out newCount))
            {
                return false;
            }
            if (i >= end || b[i] != (byte)'/')
            {
                return false;
            }
            i++;
            if (!ReadNumber(b, ref i, end, out oldCount))
            {
                return false;
            }
            // An optional "(urgent-new/urgent-old)" follows; urgent messages are already counted in the totals.
            return true;
        }

        private static bool ReadNumber(byte[] b, ref int i, int end, out int value)
        {
            int first = i;
            i = DecimalDigits.RunEnd(b, i, end);
            long n = DecimalDigits.Parse(b, first, i, 6);
            value = n < 0 ? 0 : (int)n;
            return n >= 0;
        }

        private static int IndexOf(byte[] b, int start, int end, byte value)
        {
            for (int i = start; i < end; i++)
            {
                if (b[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }

        private static int SkipSpaces(byte[] b, int i, int end)
        {
            while (i < end && (b[i] == (byte)' ' || b[i] == (byte)'\t'))
            {
                i++;
            }
            return i;
        }

        private static int TrimEnd(byte[] b, int start, int end)
        {
            while (end > start && (b[end - 1] == (byte)' ' || b[end - 1] == (byte)'\t'))
            {
                end--;
            }
            return end;
        }

        /// <summary>ASCII case-insensitive comparison of b[start..end), trimmed at its end, with a lowercase name.</summary>
        private static bool NameIs(byte[] b, int start, int end, string lowerName)
        {
            end = TrimEnd(b, start, end);
            return end - start == lowerName.Length && Matches(b, start, lowerName);
        }

        /// <summary>b at start holds <paramref name="lower"/>, ASCII letters in any case.</summary>
        // HttpFetch's header names and values too: one copy of the loop in DeskPhone.Domain's byte code (docs/benchmarks.md,
        // h-domroom).
        internal static bool Matches(byte[] b, int start, string lower)
        {
            if (start + lower.Length > b.Length)
            {
                return false;
            }
            for (int i = 0; i < lower.Length; i++)
            {
                int c = b[start + i];
                if (c >= 'A' && c <= 'Z')
                {
                    c += 'a' - 'A';
                }
                if (c != lower[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
