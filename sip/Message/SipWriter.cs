using System.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// Builds requests and responses as bytes: start line, headers in the order added (long names), Content-Length
    /// computed from the body. A response to a request copies its Via (all of them), From, To (adding a tag when
    /// asked and none is there), Call-ID and CSeq, as RFC 3261 8.2.6.2 requires.
    /// </summary>
    public sealed class SipWriter
    {
        private readonly StringBuilder _head = new StringBuilder(512);
        private byte[] _body;
        private string _contentType;

        private SipWriter()
        {
        }

        public static SipWriter Request(string method, string requestUri)
        {
            var w = new SipWriter();
            w._head.Append(method).Append(' ').Append(requestUri).Append(" SIP/2.0\r\n");
            return w;
        }

        public static SipWriter Response(int status, string reason)
        {
            var w = new SipWriter();
            w._head.Append("SIP/2.0 ").Append(status.ToString()).Append(' ').Append(reason).Append("\r\n");
            return w;
        }

        /// <summary>A response to <paramref name="request"/>; <paramref name="toTag"/> is added to To when it has none.</summary>
        public static SipWriter ResponseTo(SipMessage request, int status, string reason, string toTag) =>
            ResponseTo(request, status, reason, toTag, null);

        /// <summary>As above, with the top Via value replaced (received and rport filled in by the transport layer).</summary>
        public static SipWriter ResponseTo(SipMessage request, int status, string reason, string toTag, string topVia)
        {
            SipWriter w = Response(status, reason);
            int vias = request.CountHeaderValues(HeaderNames.Via);
            for (int i = 0; i < vias; i++)
            {
                w.Header(HeaderNames.Via, i == 0 && topVia != null ? topVia : request.GetHeaderValue(HeaderNames.Via, i));
            }
            w.Header(HeaderNames.From, request.GetHeader(HeaderNames.From));
            string to = request.GetHeader(HeaderNames.To);
            NameAddr parsedTo = request.To;
            if (toTag != null && parsedTo != null && parsedTo.Tag == null)
            {
                to = to + ";tag=" + toTag;
            }
            w.Header(HeaderNames.To, to);
            w.Header(HeaderNames.CallId, request.GetHeader(HeaderNames.CallId));
            w.Header(HeaderNames.CSeq, request.GetHeader(HeaderNames.CSeq));
            return w;
        }

        public SipWriter Header(string name, string value)
        {
            if (value != null)
            {
                _head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
            return this;
        }

        public SipWriter Body(string contentType, byte[] body)
        {
            _contentType = contentType;
            _body = body;
            return this;
        }

        /// <summary>
        /// Writes the message into <paramref name="buffer"/> at <paramref name="offset"/> and returns its length, or -1
        /// (nothing written) when it does not fit, so a transport with a fixed send buffer never overruns it.
        /// </summary>
        public int WriteTo(byte[] buffer, int offset)
        {
            byte[] bytes = ToBytes();
            if (buffer == null || offset < 0 || offset > buffer.Length || buffer.Length - offset < bytes.Length)
            {
                return -1;
            }
            System.Array.Copy(bytes, 0, buffer, offset, bytes.Length);
            return bytes.Length;
        }

        public byte[] ToBytes()
        {
            var text = new StringBuilder(_head.Length + 64);
            text.Append(_head.ToString());
            if (_contentType != null && _body != null && _body.Length > 0)
            {
                text.Append("Content-Type: ").Append(_contentType).Append("\r\n");
            }
            int bodyLength = _body == null ? 0 : _body.Length;
            text.Append("Content-Length: ").Append(bodyLength.ToString()).Append("\r\n\r\n");
            byte[] head = Encoding.UTF8.GetBytes(text.ToString());
            if (bodyLength == 0)
            {
                return head;
            }
            var all = new byte[head.Length + bodyLength];
            System.Array.Copy(head, 0, all, 0, head.Length);
            System.Array.Copy(_body, 0, all, head.Length, bodyLength);
            return all;
        }
    }
}
