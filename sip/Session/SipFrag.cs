using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// The message/sipfrag bodies of a REFER's NOTIFYs (RFC 3420, RFC 3515 2.4.5): the status line of the referred
    /// request's answer, "SIP/2.0 200 OK", read and written.
    /// </summary>
    public static class SipFrag
    {
        public const string ContentType = "message/sipfrag";

        /// <summary>The status a sipfrag body starts with ("SIP/2.0 NNN ..."); 0 when it is not a status line.</summary>
        public static int Status(byte[] body, int offset, int length)
        {
            // "SIP/2.0 " then three digits.
            if (length < 11 || body[offset] != (byte)'S' || body[offset + 1] != (byte)'I' || body[offset + 2] != (byte)'P' ||
                body[offset + 3] != (byte)'/' || body[offset + 7] != (byte)' ')
            {
                return 0;
            }
            int status = 0;
            for (int i = offset + 8; i < offset + 11; i++)
            {
                int d = body[i] - '0';
                if (d < 0 || d > 9)
                {
                    return 0;
                }
                status = status * 10 + d;
            }
            return status >= 100 && status <= 699 ? status : 0;
        }

        /// <summary>The body for a status: its status line with the usual reason.</summary>
        public static byte[] Of(int status) =>
            System.Text.Encoding.UTF8.GetBytes("SIP/2.0 " + status.ToString() + " " + ReasonPhrases.For(status) + "\r\n");
    }
}
