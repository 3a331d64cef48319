namespace DeskPhone.Sip.UserAgent
{
    /// <summary>The reason phrases the phone sends.</summary>
    public static class ReasonPhrases
    {
        private static readonly int[] Codes =
        {
            100, 180, 200, 202, 302, 400, 401, 403, 404, 405, 406, 407, 408, 413, 415, 416, 420, 423, 480, 481, 486, 487, 489, 500, 501, 503, 505, 513,
        };

        private static readonly string[] Phrases =
        {
            "Trying", "Ringing", "OK", "Accepted", "Moved Temporarily", "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed",
            "Not Acceptable", "Proxy Authentication Required", "Request Timeout", "Request Entity Too Large", "Unsupported Media Type",
            "Unsupported URI Scheme", "Bad Extension", "Interval Too Brief", "Temporarily Unavailable", "Call/Transaction Does Not Exist",
            "Busy Here", "Request Terminated", "Bad Event", "Server Internal Error", "Not Implemented", "Service Unavailable",
            "Version Not Supported", "Message Too Large",
        };

        public static string For(int status)
        {
            for (int i = 0; i < Codes.Length; i++)
            {
                if (Codes[i] == status)
                {
                    return Phrases[i];
                }
            }
            return status < 300 ? "OK" : "Error";
        }
    }
}
