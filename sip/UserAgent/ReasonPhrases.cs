namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// The reason phrases the phone sends. A switch, not static arrays: nanoFramework runs every static initialiser at
    /// boot, so tables of literals would take heap from the start; a literal returned from code keeps its text in flash.
    /// </summary>
    public static class ReasonPhrases
    {
        /// <remarks>
        /// One exit: a <c>return</c> per case made nanoFramework's MetadataProcessor count a stack slot per case (26), so
        /// each response (the INVITE's 180 and 200 too) took a 432-B frame from the event heap, which is not compacted
        /// when short, where this one's is 204 B (docs/benchmarks.md, h-layoutfault; tools/HeapCensus/frames.py).
        /// </remarks>
        public static string For(int status)
        {
            string phrase;
            switch (status)
            {
                case 100: phrase = "Trying"; break;
                case 180: phrase = "Ringing"; break;
                case 200: phrase = "OK"; break;
                case 202: phrase = "Accepted"; break;
                case 302: phrase = "Moved Temporarily"; break;
                case 400: phrase = "Bad Request"; break;
                case 401: phrase = "Unauthorized"; break;
                case 403: phrase = "Forbidden"; break;
                case 404: phrase = "Not Found"; break;
                case 405: phrase = "Method Not Allowed"; break;
                case 406: phrase = "Not Acceptable"; break;
                case 407: phrase = "Proxy Authentication Required"; break;
                case 408: phrase = "Request Timeout"; break;
                case 413: phrase = "Request Entity Too Large"; break;
                case 415: phrase = "Unsupported Media Type"; break;
                case 416: phrase = "Unsupported URI Scheme"; break;
                case 420: phrase = "Bad Extension"; break;
                case 422: phrase = "Session Interval Too Small"; break;
                case 423: phrase = "Interval Too Brief"; break;
                case 480: phrase = "Temporarily Unavailable"; break;
                case 481: phrase = "Call/Transaction Does Not Exist"; break;
                case 486: phrase = "Busy Here"; break;
                case 487: phrase = "Request Terminated"; break;
                case 488: phrase = "Not Acceptable Here"; break;
                case 489: phrase = "Bad Event"; break;
                case 491: phrase = "Request Pending"; break;
                case 500: phrase = "Server Internal Error"; break;
                case 501: phrase = "Not Implemented"; break;
                case 503: phrase = "Service Unavailable"; break;
                case 505: phrase = "Version Not Supported"; break;
                case 603: phrase = "Decline"; break;
                case 513: phrase = "Message Too Large"; break;
                default: phrase = status < 300 ? "OK" : "Error"; break;
            }
            return phrase;
        }
    }
}
