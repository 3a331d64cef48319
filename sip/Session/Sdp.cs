using System.Text;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// The phone's side of SDP offer/answer (RFC 3264, RFC 4566) for one audio stream: it offers PCMU (0), PCMA (8)
    /// and telephone-event (101), and answers an offer with the first of the offer's formats it has, plus the offer's
    /// telephone-event. Media itself (RTP) is issue #19; the session only carries the addresses and the codec.
    /// </summary>
    public static class Sdp
    {
        public const int Pcmu = 0;
        public const int Pcma = 8;

        /// <summary>The payload type the phone offers for telephone-event (RFC 4733); an answer uses the offer's.</summary>
        public const int TelephoneEvent = 101;

        public const string ContentType = "application/sdp";

        // The stream's direction attribute (RFC 3264 5.1, 6.1; hold is sendonly or inactive, RFC 3264 8.4).
        public const string SendRecv = "sendrecv";
        public const string SendOnly = "sendonly";
        public const string RecvOnly = "recvonly";
        public const string Inactive = "inactive";

        /// <summary>
        /// The phone's description: an offer (<paramref name="codec"/> -1: both codecs and telephone-event 101) or an
        /// answer (the chosen codec and, when the offer had it, telephone-event with the offer's payload type
        /// <paramref name="telephoneEvent"/>, -1: none), with the stream's direction.
        /// </summary>
        public static byte[] Describe(string host, int port, long sessionId, long version, int codec, int telephoneEvent, string direction)
        {
            string address = host;
            bool ipv6 = address.IndexOf(':') >= 0;
            if (ipv6 && address[0] == '[')
            {
                address = address.Substring(1, address.Length - 2);
            }
            string family = ipv6 ? " IN IP6 " : " IN IP4 ";
            var sb = new StringBuilder(256);
            sb.Append("v=0\r\no=DeskPhone ").Append(sessionId.ToString()).Append(' ').Append(version.ToString()).Append(family).Append(address);
            sb.Append("\r\ns=DeskPhone\r\nc=").Append(family.Substring(1)).Append(address).Append("\r\nt=0 0\r\nm=audio ").Append(port.ToString()).Append(" RTP/AVP");
            if (codec < 0 || codec == Pcmu)
            {
                sb.Append(" 0");
            }
            if (codec < 0 || codec == Pcma)
            {
                sb.Append(" 8");
            }
            if (telephoneEvent >= 0)
            {
                sb.Append(' ').Append(telephoneEvent.ToString());
            }
            sb.Append("\r\n");
            if (codec < 0 || codec == Pcmu)
            {
                sb.Append("a=rtpmap:0 PCMU/8000\r\n");
            }
            if (codec < 0 || codec == Pcma)
            {
                sb.Append("a=rtpmap:8 PCMA/8000\r\n");
            }
            if (telephoneEvent >= 0)
            {
                string pt = telephoneEvent.ToString();
                sb.Append("a=rtpmap:").Append(pt).Append(" telephone-event/8000\r\na=fmtp:").Append(pt).Append(" 0-15\r\n");
            }
            sb.Append("a=ptime:20\r\na=").Append(direction).Append("\r\n");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        /// <summary>The direction the answer gives to an offer's direction, the phone itself holding or not (RFC 3264 6.1).</summary>
        public static string AnswerDirection(string offered, bool holding)
        {
            if (offered == Inactive || (offered == SendOnly && holding))
            {
                return Inactive;
            }
            if (offered == SendOnly)
            {
                return RecvOnly;
            }
            return offered == RecvOnly || holding ? SendOnly : SendRecv;
        }

        /// <summary>The first of the offer's formats the phone has (PCMU or PCMA), or -1 when there is none (488).</summary>
        public static int Choose(SdpMedia offer)
        {
            for (int i = 0; i < offer.PayloadCount; i++)
            {
                int p = offer.Payload(i);
                if (p == Pcmu || p == Pcma)
                {
                    return p;
                }
            }
            return -1;
        }

        public static string CodecName(int payload) => payload == Pcmu ? "PCMU" : payload == Pcma ? "PCMA" : null;
    }
}
