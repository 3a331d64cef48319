using System;
using System.Text;
using DeskPhone.Domain.MessageWaiting;
using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// One HTTP/1.1 GET (RFC 9112) over an <see cref="IHttpChannel"/>, driven from the phone's loop by
    /// <see cref="Poll"/>: never waits on the socket, reads what has arrived, and gives up after
    /// <see cref="ConnectTimeoutMs"/> without a connection or <see cref="FetchTimeoutMs"/> without the whole answer.
    /// The head may be <see cref="MaxHeadBytes"/> long, the body <see cref="MaxBodyBytes"/> (by Content-Length, until
    /// the server closes, or chunked); anything longer is refused, never cut. Buffers exist only during a fetch.
    /// Its plain state (Status, Location, Body, BodyLength, Transient, Error) is public fields, not properties: no
    /// accessor method in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class HttpFetch
    {
        public const int ConnectTimeoutMs = 5000;
        public const int FetchTimeoutMs = 15000;
        public const int MaxHeadBytes = 2048;
        public const int MaxBodyBytes = 16384;

        /// <summary><see cref="Poll"/>: still going.</summary>
        public const int Busy = 0;
        /// <summary><see cref="Poll"/>: an answer (see <see cref="Status"/>, <see cref="Body"/>, <see cref="Location"/>).</summary>
        public const int Done = 1;
        /// <summary><see cref="Poll"/>: no usable answer (see <see cref="Error"/>).</summary>
        public const int Failed = 2;

        private const int FirstBodyBytes = 2048;

        private readonly IHttpChannel _channel;
        private byte[] _head;
        private int _headLength;
        private long _startMs;
        private bool _sent;
        private byte[] _request;
        private long _contentLength;
        private bool _chunked;
        private IHttpBodySink _sink;
        private long _received;
        private long _nowMs;

        public HttpFetch(IHttpChannel channel)
        {
            _channel = channel;
        }

        /// <summary>The answer's status code (0 before the head arrived).</summary>
        public int Status;

        /// <summary>The Location header of the answer, or null.</summary>
        public string Location;

        /// <summary>The body: <see cref="Body"/>[0..<see cref="BodyLength"/>) once <see cref="Done"/> with status 200.</summary>
        public byte[] Body;

        public int BodyLength;

        /// <summary>Why the fetch failed, or null.</summary>
        public string Error;

        /// <summary>Whether the failure may pass by itself (a timeout, a refused connection), so a retry makes sense.</summary>
        public bool Transient;

        /// <summary>
        /// Starts the request (the connection opens off the loop); <see cref="Poll"/> follows it. With a
        /// <paramref name="sink"/>, a 200's body is handed to it as it arrives (no size limit here: the sink sets its
        /// own; one 2 KB buffer), and the time limit is counted from the last bytes that arrived, so a large file on a
        /// slow link is not cut while it makes progress. (An optional parameter, not an overload: h-domslim.)
        /// </summary>
        public int Start(ProvisioningUrl url, long nowMs, IHttpBodySink sink = null)
        {
            Release();
            _sink = sink;
            _received = 0;
            Status = 0;
            Location = null;
            Error = null;
            _startMs = nowMs;
            _sent = false;
            _headLength = 0;
            _contentLength = -1;
            _chunked = false;
            _request = Encoding.UTF8.GetBytes(
                "GET " + url.Target + " HTTP/1.1\r\nHost: " + url.HostHeader + "\r\nUser-Agent: DeskPhone\r\n" +
                "Accept: application/xml, text/xml, */*\r\nConnection: close\r\n\r\n");
            if (!_channel.Open(url.Host, url.Port, url.Secure))
            {
                return Fail("the previous connection is still closing", true);
            }
            return Busy;
        }

        /// <summary>One loop turn: what arrived is read; <see cref="Busy"/> until the answer is complete or the fetch failed.</summary>
        public int Poll(long nowMs)
        {
            _nowMs = nowMs;
            int state = _channel.State;
            if (state == HttpChannelState.Connecting)
            {
                return nowMs - _startMs >= ConnectTimeoutMs
                    ? Fail("timeout: no connection within " + (ConnectTimeoutMs / 1000).ToString() + " s", true)
                    : Busy;
            }
            if (state != HttpChannelState.Connected)
            {
                // The channel's own reason (TLS: the certificate) does not pass by itself: no retries.
                string why = _channel.Error;
                return Fail(why ?? "cannot connect (name unknown, or the server refused)", why == null);
            }
            if (!_sent)
            {
                _sent = true;
                bool sent = _channel.Send(_request, 0, _request.Length);
                _request = null;
                if (!sent)
                {
                    return Fail("connection lost while sending the request", true);
                }
                _head = new byte[MaxHeadBytes];
            }
            int result = Read();
            if (result == Busy && nowMs - _startMs >= FetchTimeoutMs)
            {
                return Fail("timeout: no complete answer within " + (FetchTimeoutMs / 1000).ToString() + " s", true);
            }
            return result;
        }

        /// <summary>Closes the connection and drops the buffers (the body too: read it before).</summary>
        public void Release()
        {
            _channel.Close();
            _head = null;
            _request = null;
            Body = null;
            BodyLength = 0;
        }

        private int Read()
        {
            // A few reads per turn at most, so that a fast sender does not hold the loop.
            for (int i = 0; i < 4; i++)
            {
                int n;
                if (Status == 0)
                {
                    n = _channel.Receive(_head, _headLength, _head.Length - _headLength);
                    if (n < 0)
                    {
                        return Fail("the server closed the connection before a whole answer head", true);
                    }
                    if (n == 0)
                    {
                        return Busy;
                    }
                    int from = _headLength;
                    _headLength += n;
                    int end = HeadEnd(_head, from, _headLength);
                    if (end < 0)
                    {
                        if (_headLength == _head.Length)
                        {
                            return Fail("the answer's head is longer than " + MaxHeadBytes.ToString() + " bytes", false);
                        }
                        continue;
                    }
                    string malformed = ParseHead(end);
                    if (malformed != null)
                    {
                        return Fail(malformed, false);
                    }
                    if (Status != 200)
                    {
                        // Only a 200's body is read: a redirect needs its Location, an error its status.
                        _head = null;
                        return Done;
                    }
                    if (_sink != null)
                    {
                        string refused = _contentLength < 0 ? "the server sent no Content-Length" : _sink.Begin(_contentLength);
                        if (refused != null)
                        {
                            return Fail(refused, false);
                        }
                        int done = ToSink(_head, end, _headLength - end);
                        _head = null;
                        Body = done == Busy ? new byte[FirstBodyBytes] : null;
                        if (done != Busy)
                        {
                            return done;
                        }
                        continue;
                    }
                    if (_contentLength > MaxBodyBytes)
                    {
                        return Fail(TooLarge(), false);
                    }
                    Body = new byte[_contentLength >= 0 ? (int)_contentLength : FirstBodyBytes];
                    // The head buffer is no longer than the first body buffer, so what came with the head fits.
                    int early = _headLength - end;
                    if (early > Body.Length)
                    {
                        early = Body.Length;
                    }
                    Array.Copy(_head, end, Body, 0, early);
                    BodyLength = early;
                    _head = null;
                }
                else if (_sink != null)
                {
                    n = _channel.Receive(Body, 0, Body.Length);
                    if (n == 0)
                    {
                        return Busy;
                    }
                    int done = n < 0 ? Closed() : ToSink(Body, 0, n);
                    if (done != Busy)
                    {
                        return done;
                    }
                    continue;
                }
                else
                {
                    if (BodyLength == Body.Length && _contentLength < 0 && !Grow(BodyLength + 1))
                    {
                        return Fail(TooLarge(), false);
                    }
                    n = BodyLength == Body.Length ? -1 : _channel.Receive(Body, BodyLength, Body.Length - BodyLength);
                    if (n == 0)
                    {
                        return Busy;
                    }
                    if (n < 0)
                    {
                        return Closed();
                    }
                    BodyLength += n;
                }
                if (_contentLength >= 0 && BodyLength >= _contentLength)
                {
                    BodyLength = (int)_contentLength;
                    return Done;
                }
            }
            return Busy;
        }

        /// <summary>Hands body bytes to the sink (never past the Content-Length); progress restarts the time limit.</summary>
        private int ToSink(byte[] b, int offset, int count)
        {
            if (count > _contentLength - _received)
            {
                count = (int)(_contentLength - _received);
            }
            string refused = count > 0 ? _sink.Write(b, offset, count) : null;
            if (refused != null)
            {
                return Fail(refused, false);
            }
            _received += count;
            _startMs = count > 0 ? _nowMs : _startMs;
            return _received == _contentLength ? Done : Busy;
        }

        /// <summary>The server closed (or the Content-Length was reached): whole, or truncated.</summary>
        private int Closed()
        {
            long got = _sink != null ? _received : BodyLength;
            if (_contentLength >= 0 && got < _contentLength)
            {
                return Fail("truncated: the server closed after " + got.ToString() + " of " + _contentLength.ToString() + " bytes", true);
            }
            if (_chunked)
            {
                int decoded = Dechunk(Body, BodyLength);
                if (decoded < 0)
                {
                    return Fail("truncated: the chunked body ended without its last chunk", true);
                }
                BodyLength = decoded;
            }
            return Done;
        }

        private bool Grow(int atLeast)
        {
            if (atLeast > MaxBodyBytes)
            {
                return false;
            }
            int size = Body.Length * 2;
            while (size < atLeast)
            {
                size *= 2;
            }
            var bigger = new byte[size > MaxBodyBytes ? MaxBodyBytes : size];
            Array.Copy(Body, bigger, BodyLength);
            Body = bigger;
            return true;
        }

        private static string TooLarge() => "too large: the document is over " + MaxBodyBytes.ToString() + " bytes";

        private int Fail(string error, bool transient)
        {
            Error = error;
            Transient = transient;
            Release();
            return Failed;
        }

        /// <summary>The length of the head with its blank line, once b[0..length) holds it (CRLF or bare LF lines); else -1.</summary>
        private static int HeadEnd(byte[] b, int from, int length)
        {
            for (int i = from < 1 ? 1 : from; i < length; i++)
            {
                if (b[i] == (byte)'\n' && (b[i - 1] == (byte)'\n' || (i >= 2 && b[i - 1] == (byte)'\r' && b[i - 2] == (byte)'\n')))
                {
                    return i + 1;
                }
            }
            return -1;
        }

        /// <summary>Status line and the three headers read here; why the head is not HTTP/1.x, or null.</summary>
        private string ParseHead(int end)
        {
            byte[] b = _head;
            int lineEnd = LineEnd(b, 0, end);
            // "HTTP/1.x NNN reason"
            if (lineEnd < 12 || !MessageSummary.Matches(b, 0, "http/1.") || b[8] != (byte)' ' || (lineEnd > 12 && b[12] != (byte)' '))
            {
                return "not an HTTP/1.x answer";
            }
            long status = DecimalDigits.Parse(b, 9, 12, 3);
            if (status < 100)
            {
                return "not an HTTP/1.x answer";
            }
            Status = (int)status;
            for (int start = Next(b, lineEnd, end); start < end; start = Next(b, lineEnd, end))
            {
                lineEnd = LineEnd(b, start, end);
                int colon = start;
                while (colon < lineEnd && b[colon] != (byte)':')
                {
                    colon++;
                }
                if (colon == lineEnd)
                {
                    continue;
                }
                int value = colon + 1;
                while (value < lineEnd && (b[value] == (byte)' ' || b[value] == (byte)'\t'))
                {
                    value++;
                }
                int valueEnd = lineEnd;
                while (valueEnd > value && (b[valueEnd - 1] == (byte)' ' || b[valueEnd - 1] == (byte)'\t'))
                {
                    valueEnd--;
                }
                if (Named(b, start, colon, "content-length"))
                {
                    long length = DecimalDigits.Parse(b, value, valueEnd, 9);
                    // Two different lengths leave the body's end unknown (RFC 9112 6.3: unrecoverable); the same twice is one.
                    if (length < 0 || (_contentLength >= 0 && length != _contentLength))
                    {
                        return "bad Content-Length";
                    }
                    _contentLength = length;
                }
                else if (Named(b, start, colon, "transfer-encoding"))
                {
                    _chunked = valueEnd - value == 7 && MessageSummary.Matches(b, value, "chunked");
                    if (!_chunked)
                    {
                        return "transfer coding not supported (only chunked)";
                    }
                }
                else if (Named(b, start, colon, "location"))
                {
                    Location = Encoding.UTF8.GetString(b, value, valueEnd - value);
                }
            }
            if (_chunked)
            {
                // RFC 9112 6.3: chunked wins over a Content-Length.
                _contentLength = -1;
            }
            return null;
        }

        /// <summary>Where the line starting at start ends (before its CR LF or LF).</summary>
        private static int LineEnd(byte[] b, int start, int end)
        {
            int i = start;
            while (i < end && b[i] != (byte)'\n')
            {
                i++;
            }
            return i > start && b[i - 1] == (byte)'\r' ? i - 1 : i;
        }

        /// <summary>The start of the line after the one ending at lineEnd.</summary>
        private static int Next(byte[] b, int lineEnd, int end)
        {
            int i = lineEnd;
            while (i < end && b[i] != (byte)'\n')
            {
                i++;
            }
            i++;
            // The blank line closing the head counts as the end.
            return i >= end || b[i] == (byte)'\n' || b[i] == (byte)'\r' ? end : i;
        }

        private static bool Named(byte[] b, int start, int end, string lowerName) =>
            end - start == lowerName.Length && MessageSummary.Matches(b, start, lowerName);

        /// <summary>
        /// Decodes a chunked body in place (RFC 9112 7.1; extensions and trailers skipped); the data's length, or -1 when
        /// the last (zero) chunk is missing or a size is not hex.
        /// </summary>
        public static int Dechunk(byte[] b, int length)
        {
            int r = 0;
            int w = 0;
            while (true)
            {
                int size = 0;
                int digits = 0;
                while (r < length && HexDigit.Value(b[r]) >= 0)
                {
                    if (++digits > 6)
                    {
                        return -1;
                    }
                    size = size * 16 + HexDigit.Value(b[r++]);
                }
                while (r < length && b[r] != (byte)'\n')
                {
                    r++;
                }
                if (digits == 0 || r >= length)
                {
                    return -1;
                }
                r++;
                if (size == 0)
                {
                    return w;
                }
                if (r + size > length)
                {
                    return -1;
                }
                Array.Copy(b, r, b, w, size);
                w += size;
                r += size;
                if (r < length && b[r] == (byte)'\r')
                {
                    r++;
                }
                if (r >= length || b[r] != (byte)'\n')
                {
                    return -1;
                }
                r++;
            }
        }
    }
}
