namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// What a request would do to the heap, read from its first bytes before it is parsed (the heap reserve's admission,
    /// <see cref="HeapReserve.Refusal"/>): a new call (an INVITE whose To has no tag: a re-INVITE has one) takes on a
    /// call's state; a BYE, CANCEL or ACK ends or settles one and frees heap; a response frees the phone's own
    /// transaction; anything else is other.
    /// </summary>
    // Bytes compared one by one, no string made: this runs when the heap is short (each string literal used is a string
    // made on nanoCLR's heap).
    internal static class SniffedRequest
    {
        public const int Other = 0;
        public const int Ending = 1;
        public const int NewCall = 2;
        public const int Response = 3;

        /// <summary>The kind of the request in d[0, length).</summary>
        public static int Of(byte[] d, int length)
        {
            if (length < 8)
            {
                return Other;
            }
            int a = d[0];
            if (a == 'S' && d[1] == 'I' && d[2] == 'P' && d[3] == '/')
            {
                return Response;
            }
            if ((a == 'B' && d[1] == 'Y' && d[2] == 'E' && d[3] == ' ') || (a == 'A' && d[1] == 'C' && d[2] == 'K' && d[3] == ' ')
                || (a == 'C' && d[1] == 'A' && d[2] == 'N' && d[3] == 'C' && d[6] == ' '))
            {
                return Ending;
            }
            return a == 'I' && d[1] == 'N' && d[2] == 'V' && d[6] == ' ' && !ToTagged(d, length) ? NewCall : Other;
        }

        /// <summary>
        /// Whether the To header (long or compact name, any case, folded lines with it) has a tag parameter; the header
        /// lines end at the first empty line.
        /// </summary>
        private static bool ToTagged(byte[] d, int length)
        {
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
                    return false;
                }
                if (d[start] != ' ' && d[start] != '\t')
                {
                    to = IsTo(d, start, stop);
                }
                if (to && HasTag(d, start, stop))
                {
                    return true;
                }
                start = end + 1;
            }
            return false;
        }

        /// <summary>
        /// A hash of the Call-ID's value (long or compact name, any case; 1 when there is none): the same call's INVITE
        /// again (a retransmission) is told from a new one without a string made.
        /// </summary>
        public static int CallId(byte[] d, int length)
        {
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
                if (colon < stop && ((name == 1 && (d[start] | 0x20) == 'i')
                    || (name == 7 && (d[start] | 0x20) == 'c' && d[start + 4] == '-' && (d[start + 6] | 0x20) == 'd')))
                {
                    int hash = 17;
                    for (int i = colon + 1; i < stop; i++)
                    {
                        if (d[i] != ' ' && d[i] != '\t')
                        {
                            hash = hash * 31 + d[i];
                        }
                    }
                    return hash;
                }
                start = end + 1;
            }
            return 1;
        }

        /// <summary>Whether the header line d[start, stop) is To ("To" or "t", any case, spaces before the colon).</summary>
        private static bool IsTo(byte[] d, int start, int stop)
        {
            if ((d[start] | 0x20) != 't')
            {
                return false;
            }
            int i = start + 1;
            if (i < stop && (d[i] | 0x20) == 'o')
            {
                i++;
            }
            while (i < stop && (d[i] == ' ' || d[i] == '\t'))
            {
                i++;
            }
            return i < stop && d[i] == ':';
        }

        /// <summary>Whether d[start, stop) holds ";tag=" (any case, spaces around the semicolon).</summary>
        private static bool HasTag(byte[] d, int start, int stop)
        {
            for (int i = start; i + 4 < stop; i++)
            {
                if ((d[i] | 0x20) == 't' && (d[i + 1] | 0x20) == 'a' && (d[i + 2] | 0x20) == 'g' && Before(d, start, i) == ';')
                {
                    int k = i + 3;
                    while (k < stop && (d[k] == ' ' || d[k] == '\t'))
                    {
                        k++;
                    }
                    if (k < stop && d[k] == '=')
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>The byte before d[at] that is not a space (0 at the line's start).</summary>
        private static int Before(byte[] d, int start, int at)
        {
            while (--at >= start && (d[at] == ' ' || d[at] == '\t'))
            {
            }
            return at >= start ? d[at] : 0;
        }
    }
}
