namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// What a message would do to the heap, read from its first bytes before it is parsed (the heap reserve's admission,
    /// <see cref="HeapReserve.Refusal"/>): a response frees the phone's own transaction; an ACK settles a call (its 2xx
    /// kept for retransmission goes) and is answered nothing; a BYE or CANCEL ends a call and frees heap; an INVITE whose
    /// To has no tag (a re-INVITE has one) takes on a new call's state; a NOTIFY's turn reads its body (a BLF key's XML)
    /// and redraws; anything else is other.
    /// </summary>
    // Bytes compared one by one, no string made: this runs when the heap is short (each string literal used is a string
    // made on nanoCLR's heap).
    internal static class SniffedRequest
    {
        public const int Other = 0;
        public const int Ending = 1;
        public const int Invite = 2;
        public const int Response = 3;
        public const int Ack = 4;
        public const int Notify = 5;

        /// <summary>The kind of the message in d[0, length) by its start line (an INVITE: <see cref="NewCall"/> tells more).</summary>
        public static int Of(byte[] d, int length)
        {
            if (length < 8)
            {
                return Other;
            }
            int a = d[0];
            if (a == 'S' && d[3] == '/')
            {
                // "SIP/": a method is a token, which holds no '/'.
                return Response;
            }
            if (a == 'A' && d[1] == 'C' && d[2] == 'K' && d[3] == ' ')
            {
                return Ack;
            }
            if ((a == 'B' && d[1] == 'Y' && d[2] == 'E' && d[3] == ' ')
                || (a == 'C' && d[1] == 'A' && d[2] == 'N' && d[3] == 'C' && d[6] == ' '))
            {
                return Ending;
            }
            // NOTIFY is the only method that starts with N (an extension method that does is given a NOTIFY's room: more).
            return a == 'N' ? Notify : a == 'I' && d[1] == 'N' && d[2] == 'V' && d[6] == ' ' ? Invite : Other;
        }

        /// <summary>
        /// For an INVITE: 0 when its To has a tag (a request in a dialog), else a hash of its Call-ID (never 0; 1 without
        /// one), so that the same call's INVITE again (a retransmission) is told from a new call. Header names long or
        /// compact, any case, folded lines with them; the header lines end at the first empty line.
        /// </summary>
        public static int NewCall(byte[] d, int length)
        {
            int call = 1;
            bool to = false;
            int start = 0;
            while (start < length)
            {
                int end = start;
                while (end < length && d[end] != '\n')
                {
                    end++;
                }
                int stop = end > start && d[end - 1] == '\r' ? end - 1 : end;
                if (stop == start)
                {
                    break;
                }
                int colon = start;
                if (d[start] != ' ' && d[start] != '\t')
                {
                    while (colon < stop && d[colon] != ':')
                    {
                        colon++;
                    }
                    int name = colon;
                    while (name > start && (d[name - 1] == ' ' || d[name - 1] == '\t'))
                    {
                        name--;
                    }
                    name -= start;
                    int first = d[start] | 0x20;
                    to = first == 't' && (name == 1 || (name == 2 && (d[start + 1] | 0x20) == 'o'));
                    if (colon < stop && first == (name == 1 ? 'i' : 'c') && (name == 1 || (name == 7 && d[start + 4] == '-')))
                    {
                        call = 17;
                        for (int i = colon + 1; i < stop; i++)
                        {
                            call = d[i] == ' ' || d[i] == '\t' ? call : call * 31 + d[i];
                        }
                        call |= 1;
                    }
                }
                if (to && HasTag(d, colon, stop))
                {
                    return 0;
                }
                start = end + 1;
            }
            return call;
        }

        /// <summary>Whether d[start, stop) holds ";tag=" (any case, spaces around the semicolon and the equals sign).</summary>
        private static bool HasTag(byte[] d, int start, int stop)
        {
            for (int i = start; i + 4 < stop; i++)
            {
                if ((d[i] | 0x20) == 't' && (d[i + 1] | 0x20) == 'a' && (d[i + 2] | 0x20) == 'g')
                {
                    int k = i + 3;
                    while (k < stop && (d[k] == ' ' || d[k] == '\t'))
                    {
                        k++;
                    }
                    int j = i;
                    while (--j >= start && (d[j] == ' ' || d[j] == '\t'))
                    {
                    }
                    if (k < stop && d[k] == '=' && j >= start && d[j] == ';')
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
