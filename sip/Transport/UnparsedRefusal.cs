using DeskPhone.Sip.Message;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// A 503 (Service Unavailable), or a new call's 486 (Busy Here), with Retry-After, written straight from a request's
    /// bytes, for a request the phone has no heap to parse or a call it has no room for (issue #17): no parsed message,
    /// header objects or writer, only the answer's own bytes. The start line is checked (a response or an ACK gets
    /// none), then the lines of Via, From, To, Call-ID and CSeq (long or compact names, any case, folded lines with them)
    /// are copied as they came (RFC 3261 8.2.6.2); the top Via gains received and a bare rport its value (18.2.1), To a
    /// tag when it has none. What comes after a cut (a datagram kept to its head, SipInbox.RefusedHeadBytes) is not
    /// read. Null when the request lacks one of the five.
    /// </summary>
    public static class UnparsedRefusal
    {
        private const string Tag = ";tag=lowmem";

        // The answer's fixed parts, each copied where it goes (nothing concatenated: this runs when the heap has no room).
        private const string Head = "SIP/2.0 503 Service Unavailable\r\n";
        // A new call the heap has no room for (the phone's reserve): busy here, so that the PBX forwards it on busy or
        // gives the caller its busy tone, rather than take the phone for out of service (a proxy treats a 503 as a
        // server's failure and may try elsewhere or stop using it for Retry-After, RFC 3261 16.7, 21.5.4); its
        // Retry-After is a better time to call back (21.4.4).
        private const string Busy = "SIP/2.0 486 Busy Here\r\n";
        private const string RetryAfter = "Retry-After: ";
        private const string Tail = "\r\nContent-Length: 0\r\n\r\n";
        private const string Received = ";received=";

        /// <summary>Requests dropped unanswered because the heap had no room for their 503 (<see cref="Answer"/>).</summary>
        public static int Unanswered;

        /// <summary>
        /// The 503's bytes for the request in data[0, length) from host:port (<paramref name="busy"/>: a new call's 486
        /// Busy Here); null when it cannot be answered, or when the heap has no room for them: then the request is
        /// dropped unanswered and counted (<see cref="Unanswered"/>).
        /// </summary>
        public static byte[] Answer(byte[] data, int length, string host, int port, string retryAfter, bool busy)
        {
            try
            {
                int size = Write(data, length, host, port, null, 0);
                if (size < 0)
                {
                    return null;
                }
                string head = busy ? Busy : Head;
                var answer = new byte[head.Length + size + RetryAfter.Length + retryAfter.Length + Tail.Length];
                int at = Copy(head, answer, 0);
                at = Write(data, length, host, port, answer, at);
                at = Copy(RetryAfter, answer, at);
                at = Copy(retryAfter, answer, at);
                Copy(Tail, answer, at);
                return answer;
            }
            catch (System.OutOfMemoryException)
            {
                // Not even the answer fits (its bytes, or one of the literals, each a string made on the heap when used):
                // RFC 3261 lets an overloaded server drop a request; the client's retransmission gets the 503 later
                // (docs/sip-stack.md).
                Unanswered++;
                return null;
            }
        }

        /// <summary>
        /// Writes the copied lines into <paramref name="to"/> from <paramref name="at"/> (null: only counts); returns
        /// where they end (the count when counting), -1 when the request cannot be answered.
        /// </summary>
        private static int Write(byte[] d, int length, string host, int port, byte[] to, int at)
        {
            int end = LineEnd(d, 0, length);
            if (end < 0 || length < 4 || (d[0] == 'S' && d[1] == 'I' && d[2] == 'P' && d[3] == '/') || (d[0] == 'A' && d[1] == 'C' && d[2] == 'K' && d[3] == ' '))
            {
                return -1;
            }
            int seen = 0;
            int kind = 0;
            bool vias = false;
            for (int start = Next(d, end, length); start < length; start = Next(d, end, length))
            {
                end = LineEnd(d, start, length);
                if (end < 0 || end == start)
                {
                    break;
                }
                if (d[start] != ' ' && d[start] != '\t')
                {
                    kind = Kind(d, start, end);
                    seen |= kind;
                }
                if (kind == 0)
                {
                    continue;
                }
                at = Bytes(d, start, end, to, at);
                if (kind == Via && !vias && d[start] != ' ' && d[start] != '\t')
                {
                    // The top Via line: the source it came from, and a bare rport's port.
                    vias = true;
                    int bare = Find(d, start, end, ";rport");
                    if (bare >= 0 && (bare + 6 == end || d[bare + 6] != '='))
                    {
                        at = Bytes(d, start, bare + 6, to, at - (end - start));
                        if (to != null)
                        {
                            to[at] = (byte)'=';
                        }
                        at = Number(port, to, at + 1);
                        at = Bytes(d, bare + 6, end, to, at);
                    }
                    at = Copy(Received, to, at);
                    at = Copy(host, to, at);
                }
                if (kind == To && Find(d, start, end, ";tag=") < 0)
                {
                    at = Copy(Tag, to, at);
                }
                at = Copy("\r\n", to, at);
            }
            return seen == All ? at : -1;
        }

        // The five as bits (Kind): 1 << (the parser's kind - 1).
        private const int Via = 1;
        private const int To = 4;
        private const int All = 31;

        /// <summary>Which of the five a header line is (0: another), by its name before the colon.</summary>
        private static int Kind(byte[] d, int start, int end)
        {
            int n = start;
            while (n < end && d[n] != ':')
            {
                n++;
            }
            while (n > start && (d[n - 1] == ' ' || d[n - 1] == '\t'))
            {
                n--;
            }
            // The parser's own table (long or compact names, any case; kinds 1 to 5 are the five, each a bit here), not
            // string literals (on nanoCLR each literal used is a string made on the heap, and this runs when the heap has
            // no room) nor a ladder of lengths and letters of its own (255 B of DeskPhone.Sip's byte code, h-margin4).
            n = HeaderNames.FindKind(d, start, n - start);
            return n >= HeaderNames.ViaKind && n <= HeaderNames.CSeqKind ? 1 << (n - HeaderNames.ViaKind) : 0;
        }

        /// <summary>Where <paramref name="text"/> starts in d[start, end), -1 when it is not there.</summary>
        private static int Find(byte[] d, int start, int end, string text)
        {
            for (int i = start; i + text.Length <= end; i++)
            {
                int k = 0;
                while (k < text.Length && d[i + k] == text[k])
                {
                    k++;
                }
                if (k == text.Length)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The end of the line from <paramref name="start"/> (before CR LF or LF); -1 when it is cut.</summary>
        private static int LineEnd(byte[] d, int start, int length)
        {
            for (int i = start; i < length; i++)
            {
                if (d[i] == '\n')
                {
                    return i > start && d[i - 1] == '\r' ? i - 1 : i;
                }
            }
            return -1;
        }

        /// <summary>The start of the line after the one ending at <paramref name="end"/>.</summary>
        private static int Next(byte[] d, int end, int length) => end < length && d[end] == '\r' ? end + 2 : end + 1;

        private static int Bytes(byte[] d, int start, int end, byte[] to, int at)
        {
            if (to != null)
            {
                System.Array.Copy(d, start, to, at, end - start);
            }
            return at + end - start;
        }

        /// <summary>A port in decimal, without making a string of it.</summary>
        private static int Number(int n, byte[] to, int at)
        {
            int digits = 1;
            for (int rest = n / 10; rest > 0; rest /= 10)
            {
                digits++;
            }
            for (int i = digits - 1; to != null && i >= 0; i--)
            {
                to[at + i] = (byte)('0' + n % 10);
                n /= 10;
            }
            return at + digits;
        }

        private static int Copy(string text, byte[] to, int at)
        {
            // The runtime's encoder writes the (ASCII) text into the answer in place: no array made, and no loop of our
            // own reading the string a character at a time (each a native call that walks the string on the device).
            if (to != null)
            {
                Utf8.Codec.GetBytes(text, 0, text.Length, to, at);
            }
            return at + text.Length;
        }
    }
}
