namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// The reason phrases the phone sends. One literal, not static arrays: nanoFramework runs every static initialiser at
    /// boot, so tables of literals would take heap from the start; a literal keeps its text in flash.
    /// </summary>
    public static class ReasonPhrases
    {
        // Each phrase after its status's three digits and before a line feed, a call's statuses first (the search stops
        // at the first match). In the assembly's string table, where a switch of 32 literals was 681 B of
        // DeskPhone.Sip's Debug byte code (issue #17's 64,000-B margin, h-sipsweep). A phrase holds no digit, so three
        // digits match a status alone, and a longer number none.
        private const string Table =
            "180Ringing\n100Trying\n202Accepted\n481Call/Transaction Does Not Exist\n" +
            "487Request Terminated\n486Busy Here\n488Not Acceptable Here\n401Unauthorized\n" +
            "407Proxy Authentication Required\n403Forbidden\n404Not Found\n405Method Not Allowed\n" +
            "415Unsupported Media Type\n420Bad Extension\n400Bad Request\n408Request Timeout\n" +
            "480Temporarily Unavailable\n491Request Pending\n489Bad Event\n500Server Internal Error\n" +
            "501Not Implemented\n503Service Unavailable\n302Moved Temporarily\n406Not Acceptable\n" +
            "413Request Entity Too Large\n416Unsupported URI Scheme\n422Session Interval Too Small\n" +
            "423Interval Too Brief\n505Version Not Supported\n603Decline\n513Message Too Large\n";

        /// <remarks>
        /// One exit: a <c>return</c> each made nanoFramework's MetadataProcessor count a stack slot more in the frame each
        /// response takes from the event heap (docs/benchmarks.md, h-layoutfault; tools/HeapCensus/frames.py).
        /// </remarks>
        public static string For(int status)
        {
            // 200 not searched, "OK" as any other 2xx: no status string and no copy of the phrase under the office stream's
            // answers (a MESSAGE's and a NOTIFY's 200, collected under that copy 59 times on the 80,896-byte board).
            int at = status == 200 || status < 100 ? -1 : Table.IndexOf(status.ToString());
            return at < 0 ? (status < 300 ? "OK" : "Error") : Table.Substring(at + 3, Table.IndexOf('\n', at) - at - 3);
        }
    }
}
