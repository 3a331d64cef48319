namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// The reason phrases the phone sends. A switch, not static arrays: nanoFramework runs every static initialiser at
    /// boot, so tables of literals would take heap from the start; a literal returned from code keeps its text in flash.
    /// </summary>
    public static class ReasonPhrases
    {
        public static string For(int status)
        {
            switch (status)
            {
                case 100: return "Trying";
                case 180: return "Ringing";
                case 200: return "OK";
                case 202: return "Accepted";
                case 302: return "Moved Temporarily";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 406: return "Not Acceptable";
                case 407: return "Proxy Authentication Required";
                case 408: return "Request Timeout";
                case 413: return "Request Entity Too Large";
                case 415: return "Unsupported Media Type";
                case 416: return "Unsupported URI Scheme";
                case 420: return "Bad Extension";
                case 422: return "Session Interval Too Small";
                case 423: return "Interval Too Brief";
                case 480: return "Temporarily Unavailable";
                case 481: return "Call/Transaction Does Not Exist";
                case 486: return "Busy Here";
                case 487: return "Request Terminated";
                case 488: return "Not Acceptable Here";
                case 489: return "Bad Event";
                case 491: return "Request Pending";
                case 500: return "Server Internal Error";
                case 501: return "Not Implemented";
                case 503: return "Service Unavailable";
                case 505: return "Version Not Supported";
                case 603: return "Decline";
                case 513: return "Message Too Large";
                default: return status < 300 ? "OK" : "Error";
            }
        }
    }
}
