using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// Builds requests and responses as bytes: start line, headers in the order added (long names), Content-Length
    /// computed from the body. A response to a request copies its Via (all of them), From, To (adding a tag when
    /// asked and none is there), Call-ID and CSeq, as RFC 3261 8.2.6.2 requires. Text goes straight into one UTF-8
    /// byte buffer (no StringBuilder and no copy of it); a writer kept by its owner and started again per message
    /// allocates nothing but the bytes it hands out.
    /// </summary>
    public sealed class SipWriter
    {

        private byte[] _head;
        private int _length;
        private byte[] _body;
        private string _contentType;

        /// <summary>A writer to reuse: start each message with <see cref="StartRequest"/> or <see cref="StartResponse"/>.</summary>
        public SipWriter() : this(new byte[512])
        {
        }

        /// <summary>
        /// A writer into <paramref name="buffer"/> (a larger one replaces it when a message outgrows it). The caller makes
        /// it: an answer's buffer is then made in the answering frame, not a constructor's frame deeper (h-reply).
        /// </summary>
        public SipWriter(byte[] buffer)
        {
            _head = buffer;
        }

        public static SipWriter Request(string method, string requestUri) => new SipWriter().StartRequest(method, requestUri);

        /// <summary>A request of the phone's own: its start line, the top Via and Max-Forwards 70 (RFC 3261 8.1.1).</summary>
        public static SipWriter Request(string method, string requestUri, string via) =>
            Request(method, requestUri).Header(HeaderNames.Via, via).Header(HeaderNames.MaxForwards, "70");

        /// <summary>The phone's User-Agent header (every request and response of its own carries it).</summary>
        public SipWriter UserAgent() => Header(HeaderNames.UserAgent, "DeskPhone");

        /// <summary>
        /// From, To, Call-ID and CSeq (<paramref name="cseq"/> and the method) of a request of the phone's own, in that
        /// order (after the Route headers): every request the phone builds writes them so.
        /// </summary>
        public SipWriter Ids(string from, string to, string callId, long cseq, string method) =>
            Header(HeaderNames.From, from)
                .Header(HeaderNames.To, to)
                .Header(HeaderNames.CallId, callId)
                .Header(HeaderNames.CSeq, cseq.ToString() + " " + method);

        public static SipWriter Response(int status, string reason) => new SipWriter().StartResponse(status, reason);

        /// <summary>Forgets the last message and writes a request line.</summary>
        public SipWriter StartRequest(string method, string requestUri)
        {
            Clear();
            return Append(method).Append(" ").Append(requestUri).Append(" SIP/2.0\r\n");
        }

        /// <summary>Forgets the last message and writes a status line.</summary>
        public SipWriter StartResponse(int status, string reason)
        {
            Clear();
            // "SIP/2.0 " stored byte by byte: an Append of a string is a length and an encoding (two native calls), and a
            // byte array of it would be heap for good.
            Reserve(8);
            byte[] h = _head;
            h[0] = (byte)'S';
            h[1] = (byte)'I';
            h[2] = (byte)'P';
            h[3] = (byte)'/';
            h[4] = (byte)'2';
            h[5] = (byte)'.';
            h[6] = (byte)'0';
            h[7] = (byte)' ';
            _length = 8;
            Append(status).Byte((byte)' ').Append(reason);
            return EndHeader();
        }

        /// <summary>
        /// The headers a response copies from its request: the Via values from <paramref name="fromVia"/> on (the
        /// caller wrote the ones before), From, To (with <paramref name="toTag"/> and <paramref name="tagNumber"/>'s
        /// digits unless 0, when it has no tag), Call-ID, CSeq. The number as digits: the user agent's tags ("dp" and a
        /// count) make no string (h-reply).
        /// </summary>
        public SipWriter EchoRequest(SipMessage request, string toTag, int tagNumber, int fromVia)
        {
            int vias = request.ViaCount;
            for (int i = fromVia; i < vias; i++)
            {
                Header(HeaderNames.Via, request.ValueOf(HeaderNames.ViaKind, null, i));
            }
            if (EchoLine(request, HeaderNames.From, HeaderNames.FromKind))
            {
                EndHeader();
            }
            if (EchoLine(request, HeaderNames.To, HeaderNames.ToKind))
            {
                // A To with a tag (a dialog's request) is not parsed for it: its tag looked for in the request's bytes
                // (SipMessage.ParamAt: no string nor char[] of the To, the office stream's lowest collections, h-echobytes), so
                // the answer to a BYE whose names the dialog let go parses none (h-callthrough); nor one the check found well
                // formed (the MESSAGE and NOTIFY stream's, h-checkparts).
                if (toTag != null && request.ParamAt(request.IndexOf(HeaderNames.ToKind, null, 0), SipMessage.Tag) < 0
                    && ((request.ReadBits & SipMessage.ToChecked) != 0 || request.To != null))
                {
                    Append(";tag=").Append(toTag);
                    if (tagNumber != 0)
                    {
                        Append(tagNumber);
                    }
                }
                EndHeader();
            }
            if (EchoLine(request, HeaderNames.CallId, HeaderNames.CallIdKind))
            {
                EndHeader();
            }
            if (EchoLine(request, HeaderNames.CSeq, HeaderNames.CSeqKind))
            {
                EndHeader();
            }
            return this;
        }

        /// <summary>
        /// Writes "name: " and the value of the request's first header line of the kind, without the line break; false
        /// (nothing written) when it has none. A value of printable ASCII on one line is copied from the request's
        /// bytes (after the white space that starts it): what the string made of it encodes back to, without the string (and
        /// the message's array of shared values) under the answer's writing, the office stream's answers' deepest point on
        /// the 80,896-byte board (h-turnparse). Any other value (folded, a tab, non-ASCII or control bytes, white space at
        /// its end) is written from its string, as before.
        /// </summary>
        private bool EchoLine(SipMessage m, string name, int kind)
        {
            int i = m.IndexOf(kind, null, 0);
            if (i < 0)
            {
                return false;
            }
            BeginHeader(name);
            byte[] b = m.Buffer;
            int start = m.Offset + m.Spans[(i << 2) + 2];
            int end = start + m.Spans[(i << 2) + 3];
            // White space and line breaks before the value skipped: a value folded there is the same text once unfolded.
            start = SipMessage.SkipWhite(b, start, end);
            int k = start;
            while (k < end && (uint)(b[k] - 0x20) < 0x5F)
            {
                k++;
            }
            if (k < end || b[k - 1] == (byte)' ')
            {
                Append(m.First(kind));
                return true;
            }
            Reserve(end - start);
            System.Array.Copy(b, start, _head, _length, end - start);
            _length += end - start;
            return true;
        }

        public SipWriter Header(string name, string value)
        {
            if (value != null)
            {
                // One reserve and two encodings for the whole line: five Appends were a dozen calls per header on the device.
                int nameLength = name.Length;
                int valueLength = value.Length;
                Reserve((nameLength + valueLength) * 3 + 4);
                byte[] head = _head;
                int at = _length;
                at += Utf8.Codec.GetBytes(name, 0, nameLength, head, at);
                head[at++] = (byte)':';
                head[at++] = (byte)' ';
                at += Utf8.Codec.GetBytes(value, 0, valueLength, head, at);
                head[at++] = (byte)'\r';
                head[at++] = (byte)'\n';
                _length = at;
            }
            return this;
        }

        /// <summary>Starts a header whose value the caller writes in pieces with Append, then <see cref="EndHeader"/>.</summary>
        public SipWriter BeginHeader(string name)
        {
            // One reserve and one encoding, as Header writes its name: Append and Bytes were eight calls a header, six
            // headers in every answer (the MESSAGE through the user agent, docs/benchmarks.md cost2).
            int length = name.Length;
            Reserve(length * 3 + 2);
            byte[] head = _head;
            int at = _length + Utf8.Codec.GetBytes(name, 0, length, head, _length);
            head[at++] = (byte)':';
            head[at++] = (byte)' ';
            _length = at;
            return this;
        }

        public SipWriter EndHeader()
        {
            Reserve(2);
            _head[_length] = (byte)'\r';
            _head[_length + 1] = (byte)'\n';
            _length += 2;
            return this;
        }

        /// <summary>Writes one byte (ASCII: no encoding needed).</summary>
        private SipWriter Byte(byte a)
        {
            Reserve(1);
            _head[_length] = a;
            _length++;
            return this;
        }

        /// <summary>Appends text as UTF-8; null appends nothing (as StringBuilder does).</summary>
        public SipWriter Append(string text)
        {
            if (text != null)
            {
                int length = text.Length;
                Reserve(length * 3);
                _length += Utf8.Codec.GetBytes(text, 0, length, _head, _length);
            }
            return this;
        }

        /// <summary>A non-negative number in decimal, without making a string of it.</summary>
        public SipWriter Append(int n)
        {
            int digits = 1;
            for (int rest = n / 10; rest > 0; rest /= 10)
            {
                digits++;
            }
            Reserve(digits);
            for (int i = digits - 1; i >= 0; i--)
            {
                _head[_length + i] = (byte)('0' + n % 10);
                n /= 10;
            }
            _length += digits;
            return this;
        }

        /// <summary>Bytes written so far (where a header value being written starts, for <see cref="RemoveParam"/>).</summary>
        internal int Position => _length;

        /// <summary>
        /// Removes every <c>;name</c> or <c>;name=value</c> parameter from what was written since <paramref name="from"/>
        /// (a header value being written), the name compared case-insensitively and as a whole (<c>;rportx</c> is
        /// another parameter), quoted values skipped as one. Works on the written bytes, so no edited copy of the
        /// value is made.
        /// </summary>
        internal SipWriter RemoveParam(int from, string name)
        {
            // No quoted value (the usual Via): from one ';' to the next with the runtime's search, not byte by byte; else
            // the message's walk of a value (SipMessage.Next), which skips quoted strings (and <>, which a parsed Via has
            // none of): one walk for both, not one of the writer's own (DeskPhone.Sip's byte code, h-sipmargin, h-margin4).
            bool plain = ByteSearch.IndexOf(_head, ByteSearch.Quote, from, _length) < 0;
            int at = from;
            while ((at = plain ? ByteSearch.IndexOf(_head, ByteSearch.Semicolon, at, _length) : SipMessage.Next(_head, at, _length, (byte)';')) >= 0)
            {
                if (!ParamNameIs(at + 1, name))
                {
                    at++;
                    continue;
                }
                int end = SipMessage.Next(_head, at + 1, _length, (byte)';');
                end = end < 0 ? _length : end;
                System.Array.Copy(_head, end, _head, at, _length - end);
                _length -= end - at;
            }
            return this;
        }

        /// <summary>True when the parameter starting at <paramref name="at"/> (after its ';' and any white space) is named <paramref name="name"/>.</summary>
        private bool ParamNameIs(int at, string name)
        {
            // The written value is a parsed Via's (unfolded: no line break in it) and the parameters appended to it, so
            // SkipWhite's white space is the space and tab skipped here; the name compared by HeaderNames.Equal (Sip's byte
            // code, docs/benchmarks.md cost2).
            int length = name.Length;
            at = SipMessage.SkipWhite(_head, at, _length);
            if (_length - at < length || !HeaderNames.Equal(name, _head, at, length))
            {
                return false;
            }
            at = SipMessage.SkipWhite(_head, at + length, _length);
            return at == _length || _head[at] == (byte)'=' || _head[at] == (byte)';';
        }

        public SipWriter Body(string contentType, byte[] body)
        {
            _contentType = contentType;
            _body = body;
            return this;
        }

        /// <summary>
        /// Ends a message without a body in the writer's own buffer (<see cref="Buffer"/>, read after this call: the trailer
        /// may grow it) and gives its length: for a sender that sends or copies it at once, no copy of the message is made.
        /// </summary>
        internal int Finish() => WriteTrailer();

        internal byte[] Buffer => _head;

        public byte[] ToBytes()
        {
            int headEnd = WriteTrailer();
            var all = new byte[headEnd + BodyLength];
            CopyTo(all, 0, headEnd);
            return all;
        }

        private int CopyTo(byte[] buffer, int offset, int headEnd)
        {
            System.Array.Copy(_head, 0, buffer, offset, headEnd);
            int bodyLength = BodyLength;
            if (bodyLength > 0)
            {
                System.Array.Copy(_body, 0, buffer, offset + headEnd, bodyLength);
            }
            return headEnd + bodyLength;
        }

        private int BodyLength => _body == null ? 0 : _body.Length;

        /// <summary>
        /// Writes Content-Type and Content-Length after the headers without counting them as written, so headers can
        /// still follow and the message can be taken more than once; returns where the head ends.
        /// </summary>
        private int WriteTrailer()
        {
            int headers = _length;
            if (_contentType != null && BodyLength > 0)
            {
                Header("Content-Type", _contentType);
            }
            BeginHeader("Content-Length").Append(BodyLength).EndHeader().EndHeader();
            int end = _length;
            _length = headers;
            return end;
        }

        private void Clear()
        {
            _length = 0;
            _body = null;
            _contentType = null;
        }

        private void Reserve(int bytes)
        {
            if (_length + bytes <= _head.Length)
            {
                return;
            }
            int size = _head.Length * 2;
            while (size < _length + bytes)
            {
                size *= 2;
            }
            var grown = new byte[size];
            System.Array.Copy(_head, 0, grown, 0, _length);
            _head = grown;
        }
    }
}
