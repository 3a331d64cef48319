using System.Text;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The HTTP/1.1 heads the board's bench server sends: an answer's (status line, Content-Type, Content-Length, the
    /// answer's one extra header, Connection: close; the body follows as the router made it) and the event stream's.
    /// Every connection is closed after its answer, so no client waits on a kept connection the board cannot serve.
    /// </summary>
    // Part of BenchHttpServer (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class BenchHttpServer
    {
        /// <summary>The head of <paramref name="answer"/>, up to and including the blank line.</summary>
        public static byte[] Head(BenchResponse answer)
        {
            var sb = new StringBuilder(128);
            StatusLine(sb, answer.Status);
            sb.Append("Content-Type: ").Append(answer.ContentType).Append("\r\n");
            sb.Append("Content-Length: ").Append(answer.Body.Length.ToString()).Append("\r\n");
            if (answer.ExtraHeaderName != null)
            {
                sb.Append(answer.ExtraHeaderName).Append(": ").Append(answer.ExtraHeaderValue).Append("\r\n");
            }
            sb.Append("Connection: close\r\n\r\n");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        /// <summary>The head of /api/events: server-sent events until either side closes (no length).</summary>
        public static byte[] EventStreamHead()
        {
            var sb = new StringBuilder(96);
            StatusLine(sb, 200);
            sb.Append("Content-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        private static void StatusLine(StringBuilder sb, int status)
        {
            sb.Append("HTTP/1.1 ").Append(status.ToString()).Append(' ').Append(Reason(status)).Append("\r\n");
        }

        /// <summary>The reason phrases of the statuses the bench answers (RFC 9110 15); empty for others, as 9112 allows.</summary>
        private static string Reason(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 202: return "Accepted";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 408: return "Request Timeout";
                case 411: return "Length Required";
                case 413: return "Content Too Large";
                case 429: return "Too Many Requests";
                case 431: return "Request Header Fields Too Large";
                case 500: return "Internal Server Error";
                case 501: return "Not Implemented";
                case 503: return "Service Unavailable";
                case 505: return "HTTP Version Not Supported";
                default: return "";
            }
        }
    }
}
