using System.Text;

namespace DeskPhone.Firmware.Completion
{
    /// <summary>
    /// Reads an <c>application/call-completion</c> body (RFC 6910 7: lines <c>name: value</c>, names in any case), for
    /// the two fields the phone acts on: <c>cc-state</c> (queued, ready) and <c>cc-URI</c> (where the call back goes).
    /// </summary>
    // Part of CallCompletion (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class CallCompletion
    {
        /// <summary>Longest line read (a cc-URI is a short SIP URI); a longer one makes the body bad.</summary>
        public const int MaxBodyLine = 256;

        /// <summary>
        /// The body's cc-state (lower case; the caller acts on queued and ready) and cc-URI, each null when absent;
        /// false when a line is too long or has no colon.
        /// </summary>
        public static bool ReadBody(byte[] buffer, int offset, int length, out string state, out string uri)
        {
            state = null;
            uri = null;
            int end = offset + length;
            int line = offset;
            while (line < end)
            {
                int stop = line;
                while (stop < end && buffer[stop] != (byte)'\n')
                {
                    stop++;
                }
                int next = stop + 1;
                if (stop > line && buffer[stop - 1] == (byte)'\r')
                {
                    stop--;
                }
                if (stop - line > MaxBodyLine)
                {
                    return false;
                }
                if (stop > line)
                {
                    int colon = line;
                    while (colon < stop && buffer[colon] != (byte)':')
                    {
                        colon++;
                    }
                    if (colon == stop)
                    {
                        return false;
                    }
                    string name = Encoding.UTF8.GetString(buffer, line, colon - line).Trim().ToLower();
                    if (name == "cc-state")
                    {
                        state = Encoding.UTF8.GetString(buffer, colon + 1, stop - colon - 1).Trim().ToLower();
                    }
                    else if (name == "cc-uri")
                    {
                        uri = Encoding.UTF8.GetString(buffer, colon + 1, stop - colon - 1).Trim();
                        if (uri.StartsWith("<") && uri.EndsWith(">"))
                        {
                            uri = uri.Substring(1, uri.Length - 2);
                        }
                    }
                }
                line = next;
            }
            return true;
        }
    }
}
