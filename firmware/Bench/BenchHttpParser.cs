using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// Reads an HTTP/1.1 request head (RFC 9112: request line, header fields, blank line) from the received bytes into a
    /// <see cref="BenchRequest"/> for <see cref="BenchRouter.Admit"/>. Works on the bytes (nanoCLR walks a string from
    /// its start on every index) and turns into strings only the method, the target and the headers the router reads:
    /// Authorization, X-Admin-Password, Content-Length and Transfer-Encoding. Whatever it cannot read is answered in
    /// JSON like the router's own errors: 400 (malformed), 505 (not HTTP/1.x); the caller answers 431 when no head
    /// ends within <see cref="MaxHeadBytes"/> and 408 when it does not arrive in time.
    /// </summary>
    // Part of BenchHttpServer (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class BenchHttpServer
    {
        /// <summary>
        /// The largest head read (request line and headers): a browser's request with a Digest answer is under 1 KB.
        /// One buffer of this size exists while a request is read.
        /// </summary>
        public const int MaxHeadBytes = 2048;

        /// <summary>A Content-Length above this is kept as this: the router refuses anything over 8 KB (413) anyway.</summary>
        private const long LengthCeiling = 1000000000000L;

        /// <summary>
        /// The head's length in bytes, its blank line included, when buffer[0..length) holds a whole head; else -1.
        /// Lines end in CRLF or, tolerated by RFC 9112 2.2, a bare LF. <paramref name="from"/>: bytes already searched.
        /// </summary>
        public static int HeadLength(byte[] buffer, int from, int length)
        {
            for (int i = from < 1 ? 1 : from; i < length; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }
                if (buffer[i - 1] == (byte)'\n')
                {
                    return i + 1;
                }
                if (i >= 2 && buffer[i - 1] == (byte)'\r' && buffer[i - 2] == (byte)'\n')
                {
                    return i + 1;
                }
            }
            return -1;
        }

        /// <summary>
        /// The request in buffer[0..headLength) (as found by <see cref="HeadLength"/>), from the client at
        /// <paramref name="client"/>; null with <paramref name="error"/> set when it is not a request the bench reads.
        /// </summary>
        public static BenchRequest Parse(byte[] buffer, int headLength, string client, out BenchResponse error)
        {
            error = null;
            int lineEnd = LineEnd(buffer, 0, headLength);
            int end = TrimCr(buffer, 0, lineEnd);
            int sp1 = IndexOf(buffer, 0, end, (byte)' ');
            int sp2 = sp1 < 0 ? -1 : IndexOf(buffer, sp1 + 1, end, (byte)' ');
            if (sp1 <= 0 || sp2 < 0 || !IsToken(buffer, 0, sp1) || !IsTarget(buffer, sp1 + 1, sp2))
            {
                error = BenchResponse.BadRequest("malformed request line");
                return null;
            }
            if (end - sp2 - 1 != 8 || !StartsWith(buffer, sp2 + 1, "HTTP/") || buffer[sp2 + 7] != (byte)'.'
                || !IsDigit(buffer[sp2 + 6]) || !IsDigit(buffer[sp2 + 8]))
            {
                error = BenchResponse.BadRequest("malformed request line");
                return null;
            }
            if (buffer[sp2 + 6] != (byte)'1')
            {
                error = BenchResponse.Error(505, "only HTTP/1.x");
                return null;
            }

            string authorization = null;
            string adminPassword = null;
            long contentLength = 0;
            bool hasLength = false;
            bool chunked = false;
            int pos = lineEnd + 1;
            while (pos < headLength)
            {
                lineEnd = LineEnd(buffer, pos, headLength);
                end = TrimCr(buffer, pos, lineEnd);
                if (end == pos)
                {
                    break;
                }
                int colon = IndexOf(buffer, pos, end, (byte)':');
                if (colon <= pos || !IsToken(buffer, pos, colon))
                {
                    // No name, a space before the colon (RFC 9112 5.1) or a folded line (5.2): all refused.
                    error = BenchResponse.BadRequest("malformed header line");
                    return null;
                }
                int vs = colon + 1;
                while (vs < end && (buffer[vs] == (byte)' ' || buffer[vs] == (byte)'\t'))
                {
                    vs++;
                }
                int ve = end;
                while (ve > vs && (buffer[ve - 1] == (byte)' ' || buffer[ve - 1] == (byte)'\t'))
                {
                    ve--;
                }
                if (NameIs(buffer, pos, colon, "authorization"))
                {
                    authorization = Encoding.UTF8.GetString(buffer, vs, ve - vs);
                }
                else if (NameIs(buffer, pos, colon, "x-admin-password"))
                {
                    adminPassword = Encoding.UTF8.GetString(buffer, vs, ve - vs);
                }
                else if (NameIs(buffer, pos, colon, "content-length"))
                {
                    long value = Digits(buffer, vs, ve);
                    if (value < 0 || (hasLength && value != contentLength))
                    {
                        error = BenchResponse.BadRequest("malformed Content-Length");
                        return null;
                    }
                    contentLength = value;
                    hasLength = true;
                }
                else if (NameIs(buffer, pos, colon, "transfer-encoding"))
                {
                    chunked = true;
                }
                pos = lineEnd + 1;
            }
            if (chunked && hasLength)
            {
                // Both framings at once is how requests are smuggled (RFC 9112 6.3): refused.
                error = BenchResponse.BadRequest("both Content-Length and Transfer-Encoding");
                return null;
            }
            string method = Encoding.UTF8.GetString(buffer, 0, sp1);
            string target = Encoding.UTF8.GetString(buffer, sp1 + 1, sp2 - sp1 - 1);
            var request = new BenchRequest(method, target, authorization, client, chunked ? -1 : contentLength);
            request.AdminPassword = adminPassword;
            return request;
        }

        private static int LineEnd(byte[] b, int from, int limit)
        {
            int i = IndexOf(b, from, limit, (byte)'\n');
            return i < 0 ? limit : i;
        }

        private static int TrimCr(byte[] b, int start, int end) => end > start && b[end - 1] == (byte)'\r' ? end - 1 : end;

        private static int IndexOf(byte[] b, int from, int end, byte value)
        {
            for (int i = from; i < end; i++)
            {
                if (b[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>An RFC 9110 token: visible ASCII except the separators.</summary>
        private static bool IsToken(byte[] b, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                byte c = b[i];
                if (c <= 32 || c >= 127 || c == (byte)'(' || c == (byte)')' || c == (byte)',' || c == (byte)'/'
                    || c == (byte)':' || c == (byte)';' || c == (byte)'<' || c == (byte)'=' || c == (byte)'>'
                    || c == (byte)'?' || c == (byte)'@' || c == (byte)'[' || c == (byte)'\\' || c == (byte)']'
                    || c == (byte)'{' || c == (byte)'}' || c == (byte)'"')
                {
                    return false;
                }
            }
            return end > start;
        }

        /// <summary>An origin-form target: '/' then visible ASCII (RFC 9112 3.2.1); the bench serves nothing else.</summary>
        private static bool IsTarget(byte[] b, int start, int end)
        {
            if (end <= start || b[start] != (byte)'/')
            {
                return false;
            }
            for (int i = start; i < end; i++)
            {
                if (b[i] <= 32 || b[i] >= 127)
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';

        /// <summary>Whether the bytes at start are the ASCII text (the caller checked that they fit).</summary>
        private static bool StartsWith(byte[] b, int start, string ascii)
        {
            char[] chars = ascii.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (b[start + i] != (byte)chars[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Case-insensitive match of a header name against a lower-case ASCII name.</summary>
        private static bool NameIs(byte[] b, int start, int end, string lower)
        {
            if (end - start != lower.Length)
            {
                return false;
            }
            char[] chars = lower.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                int c = b[start + i];
                if (c >= 'A' && c <= 'Z')
                {
                    c += 32;
                }
                if (c != chars[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>A decimal number of at least one digit, capped at <see cref="LengthCeiling"/>; -1 if not digits.</summary>
        private static long Digits(byte[] b, int start, int end)
        {
            if (end <= start || DecimalDigits.RunEnd(b, start, end) != end)
            {
                return -1;
            }
            // Twelve digits stay below the ceiling (10^12); a longer run is at least the ceiling.
            return end - start > 12 ? LengthCeiling : DecimalDigits.Parse(b, start, end, 12);
        }
    }
}
