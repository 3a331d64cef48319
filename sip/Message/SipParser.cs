using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// Parses one message from bytes into a reusable <see cref="SipMessage"/> by recording offsets: start line,
    /// header names and values (folded lines included), body. Never throws on bad input; limits are explicit.
    /// Datagrams: a missing Content-Length means the rest of the datagram; bytes after the body are ignored.
    /// Streams: Content-Length is required and a short buffer is <see cref="ParseResult.Incomplete"/>.
    /// </summary>
    public sealed class SipParser
    {
        /// <summary>Start line plus headers; beyond this the request is answered 513 Message Too Large.</summary>
        public int MaxHeaderBytes = 8192;

        /// <summary>Largest body accepted; a larger one is answered 413 Request Entity Too Large.</summary>
        public int MaxBodyBytes = 16384;

        public void Parse(byte[] data, int offset, int length, bool stream, SipMessage m, ParseResult result)
        {
            int end = offset + length;
            int start = offset;
            if (stream)
            {
                // RFC 3261 7.5: CRLFs before a message on a stream are keep-alives.
                while (start < end && (data[start] == (byte)'\r' || data[start] == (byte)'\n'))
                {
                    start++;
                }
            }
            m.Reset(data, start);
            // pos is the start line's end first, then the next line's start: one local fewer in the frame under every
            // message's parse (docs/benchmarks.md, h-frames).
            int pos = ByteSearch.IndexOf(data, ByteSearch.Lf, start, end);
            if (pos < 0)
            {
                Limit(data, start, end, stream, result);
                return;
            }
            int status = StartLine(data, start, pos > start && data[pos - 1] == (byte)'\r' ? pos - 1 : pos, m, out string reason);
            if (status == -1)
            {
                result.Set(ParseResult.Invalid, 0, reason, end - offset);
                return;
            }

            pos++;
            int contentLength = -1;
            // Read once: a property is a call per use on the device, and the loop below runs once per header line.
            int maxHeaderBytes = MaxHeaderBytes;
            while (true)
            {
                // The line's end and its CR found here: no call more per header line.
                // The runtime's search directly (pos <= end): ByteSearch would be one more call per line.
                int next = System.Array.IndexOf(data, (ByteSearch.Boxes ?? ByteSearch.Make())[ByteSearch.Lf], pos, end - pos);
                // A line ending past MaxSpan is refused too: the message keeps its lines' places in 16 bits.
                if (pos - start > maxHeaderBytes || next - start > SipMessage.MaxSpan)
                {
                    status = 513;
                    reason = "headers larger than " + MaxHeaderBytes.ToString() + " bytes";
                    goto Failed;
                }
                if (next < 0)
                {
                    if (stream)
                    {
                        goto Incomplete;
                    }
                    status = 400;
                    reason = "headers not terminated by an empty line";
                    goto Failed;
                }
                int contentEnd = next > pos && data[next - 1] == (byte)'\r' ? next - 1 : next;
                if (contentEnd == pos)
                {
                    pos = next + 1;
                    break;
                }
                if (data[pos] == (byte)' ' || data[pos] == (byte)'\t')
                {
                    if (m.Lines == 0)
                    {
                        status = 400;
                        reason = "continuation line before any header";
                        goto Failed;
                    }
                    int last = m.Lines - 1;
                    int at = (last << 2) + 2;
                    m.Spans[at + 1] = (ushort)(contentEnd - start - m.Spans[at]);
                    m.Folded |= 1L << last;
                }
                else if (!Header(data, pos, contentEnd, m))
                {
                    status = m.Lines >= SipMessage.MaxHeaders ? 513 : 400;
                    reason = status == 513 ? "more than " + SipMessage.MaxHeaders.ToString() + " headers" : "malformed header line";
                    goto Failed;
                }
                pos = next + 1;
            }

            int headers = m.Lines;
            byte[] kinds = m.HeaderKind;
            for (int i = 0; i < headers; i++)
            {
                if (kinds[i] != HeaderNames.ContentLengthKind)
                {
                    continue;
                }
                int valueStart = start + m.Spans[(i << 2) + 2];
                int value = ContentLength(data, valueStart, valueStart + m.Spans[(i << 2) + 3]);
                if (value == -2)
                {
                    status = 400;
                    reason = "Content-Length is not a non-negative number";
                    goto Failed;
                }
                if (contentLength >= 0 && value != contentLength)
                {
                    status = 400;
                    reason = "conflicting Content-Length values";
                    goto Failed;
                }
                contentLength = value;
            }

            int available = end - pos;
            if (contentLength < 0)
            {
                if (stream)
                {
                    status = 400;
                    reason = "no Content-Length on a stream transport";
                    goto Failed;
                }
                contentLength = available;
            }
            if (contentLength > MaxBodyBytes)
            {
                status = 413;
                reason = "body larger than " + MaxBodyBytes.ToString() + " bytes";
                goto Failed;
            }
            if (contentLength > available)
            {
                if (stream)
                {
                    goto Incomplete;
                }
                status = 400;
                reason = "Content-Length larger than the datagram";
                goto Failed;
            }
            m.BodyOffset = pos;
            m.BodyLength = contentLength;
            m.Length = pos + contentLength - start;
            if (status > 0)
            {
                Fail(result, m, status, reason, pos + contentLength - offset);
                return;
            }
            result.Set(ParseResult.Ok, 0, null, pos + contentLength - offset);
            return;

        // Every failure after the start line ends here, with its status and reason in the start line's locals: one
        // call written once instead of at each check (DeskPhone.Sip's Debug byte code stays under nanoFramework's
        // 64 KB table) and no local more in this frame under every message.
        Failed:
            Fail(result, m, status, reason, end - offset);
            return;

        // A stream's message not complete yet (its headers' end, or its body, still to come): one call written once too.
        Incomplete:
            result.Set(ParseResult.Incomplete, 0, null, 0);
        }

        private void Limit(byte[] data, int start, int end, bool stream, ParseResult result)
        {
            if (end - start > MaxHeaderBytes)
            {
                result.Set(ParseResult.Invalid, 0, "start line longer than " + MaxHeaderBytes.ToString() + " bytes", end - start);
            }
            else if (stream)
            {
                result.Set(ParseResult.Incomplete, 0, null, 0);
            }
            else
            {
                result.Set(ParseResult.Invalid, 0, end == start ? "empty datagram" : "no line end", end - start);
            }
        }

        private static void Fail(ParseResult result, SipMessage m, int status, string reason, int consumed)
        {
            // Responses are never answered: a broken one is dropped.
            result.Set(ParseResult.Invalid, m.IsRequest ? status : 0, reason, consumed);
        }

        /// <summary>
        /// Reads the start line: 0 when fine, a status (505, 400) when the request can still be answered, -1 when it
        /// cannot (a bad response, or no method to answer).
        /// </summary>
        private static int StartLine(byte[] b, int start, int end, SipMessage m, out string reason)
        {
            reason = null;
            if (end - start >= 4 && b[start] == (byte)'S' && b[start + 1] == (byte)'I' && b[start + 2] == (byte)'P' && b[start + 3] == (byte)'/')
            {
                m.IsRequest = false;
                if (end - start < 12 || !Version20(b, start) || b[start + 7] != (byte)' ')
                {
                    reason = "bad status line";
                    return -1;
                }
                int i = start + 11;
                int code = (int)DecimalDigits.Parse(b, start + 8, i, 3);
                if (code < 0 || (i < end && b[i] != (byte)' '))
                {
                    reason = "status code is not three digits";
                    return -1;
                }
                if (code < 100 || code > 699)
                {
                    reason = "status code out of range";
                    return -1;
                }
                m.StatusCode = code;
                i = i < end ? i + 1 : end;
                m.Part = i - start | (end - i) << 16;
                return 0;
            }

            m.IsRequest = true;
            int sp1 = ByteSearch.IndexOf(b, ByteSearch.Space, start, end);
            if (sp1 <= start || !Token.IsToken(b, start, sp1))
            {
                reason = "bad request line";
                return -1;
            }
            // The office stream's two methods (MESSAGE, NOTIFY) are their literal once their bytes match it: no string
            // made through Encoding.GetString, whose two frames under this one and the parse's (408 B) were a low
            // collection of the stream's on the 80,896-byte board (h-echobytes). Any other is made from the bytes (a
            // token: ASCII): a table of the known methods' strings held 14 string objects and their array for good (360 B,
            // issue #17), for one 24-byte string a request. sp2 counts the matching bytes first: no local more here.
            string known = sp1 - start == 7 ? "MESSAGE" : "NOTIFY";
            int sp2 = 0;
            while (start + sp2 < sp1 && sp2 < known.Length && b[start + sp2] == known[sp2])
            {
                sp2++;
            }
            m.Method = start + sp2 == sp1 && sp2 == known.Length ? known : Utf8.Codec.GetString(b, start, sp1 - start);
            sp2 = ByteSearch.IndexOf(b, ByteSearch.Space, sp1 + 1, end);
            if (sp2 < 0 || sp2 == sp1 + 1)
            {
                reason = "Request-URI missing or separated by more than one space";
                return 400;
            }
            m.Part = sp1 + 1 - start | (sp2 - sp1 - 1) << 16;
            int versionStart = sp2 + 1;
            if (ByteSearch.IndexOf(b, ByteSearch.Space, versionStart, end) >= 0 || IndexOf(b, versionStart, end, (byte)'\t') >= 0)
            {
                reason = "extra white space in the request line";
                return 400;
            }
            if (end - versionStart < 5 || !SipSlash(b, versionStart))
            {
                reason = "bad SIP version";
                return 400;
            }
            if (end - versionStart != 7 || !Version20(b, versionStart))
            {
                reason = "SIP version not supported";
                return 505;
            }
            return 0;
        }

        // "SIP/" through SipSlash (its '/' compared exactly here, as ever), then "2.0".
        private static bool Version20(byte[] b, int at) =>
            SipSlash(b, at) && b[at + 3] == (byte)'/' && b[at + 4] == (byte)'2' && b[at + 5] == (byte)'.' && b[at + 6] == (byte)'0';

        /// <summary>"SIP/" in any case (each byte with 0x20 set compared, as the version's letters are).</summary>
        private static bool SipSlash(byte[] b, int at) =>
            (b[at] | 0x20) == 's' && (b[at + 1] | 0x20) == 'i' && (b[at + 2] | 0x20) == 'p' && (b[at + 3] | 0x20) == '/';

        private static bool Header(byte[] b, int start, int end, SipMessage m)
        {
            if (m.Lines >= SipMessage.MaxHeaders)
            {
                return false;
            }
            int colon = System.Array.IndexOf(b, (ByteSearch.Boxes ?? ByteSearch.Make())[ByteSearch.Colon], start, end - start);
            if (colon <= start)
            {
                return false;
            }
            int nameEnd = colon;
            while (nameEnd > start && (b[nameEnd - 1] == (byte)' ' || b[nameEnd - 1] == (byte)'\t'))
            {
                nameEnd--;
            }
            // A known name matched only letters and '-' (HeaderNames.FindKind), all token characters: only an unknown
            // name is checked character by character.
            int kind = nameEnd > start ? HeaderNames.FindKind(b, start, nameEnd - start) : 0;
            if (kind == 0 && !Token.IsToken(b, start, nameEnd))
            {
                return false;
            }
            if (m.Lines == m.HeaderKind.Length && !m.GrowHeaders())
            {
                return false;
            }
            int i = m.Lines++;
            m.HeaderKind[i] = (byte)kind;
            // From the message's first byte, in 16 bits: the loop refused a line ending past SipMessage.MaxSpan. No local
            // more (i becomes the line's first figure): each is a slot of this frame, once per header line.
            ushort[] spans = m.Spans;
            i <<= 2;
            spans[i] = (ushort)(start - m.Offset);
            spans[i + 1] = (ushort)(nameEnd - start);
            spans[i + 2] = (ushort)(colon + 1 - m.Offset);
            spans[i + 3] = (ushort)(end - colon - 1);
            return true;
        }

        /// <summary>The number, -2 when it is not a non-negative decimal number (a '-' sign included).</summary>
        private static int ContentLength(byte[] b, int start, int end)
        {
            // Trimmed as every value, a line fold being white space too; the walks in place, not SipMessage's SkipWhite
            // and TrimWhite: two calls more on every message's parse (issue #17's count of the MESSAGE).
            while (start < end && (b[start] == (byte)' ' || b[start] == (byte)'\t' || b[start] == (byte)'\r' || b[start] == (byte)'\n'))
            {
                start++;
            }
            while (end > start && (b[end - 1] == (byte)' ' || b[end - 1] == (byte)'\t' || b[end - 1] == (byte)'\r' || b[end - 1] == (byte)'\n'))
            {
                end--;
            }
            long n = DecimalDigits.Parse(b, start, end, 9);
            return n < 0 ? -2 : (int)n;
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
    }
}
