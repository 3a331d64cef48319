using System.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>The 503 written from a request's bytes when the phone has no heap to parse it (issue #17).</summary>
    public class UnparsedRefusalTests
    {
        private static string Answer(string request, int length = -1, bool busy = false)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(request);
            byte[] answer = UnparsedRefusal.Answer(bytes, length < 0 ? bytes.Length : length, "10.0.0.9", 5080, "10", busy);
            return answer == null ? null : Encoding.ASCII.GetString(answer);
        }

        [Fact]
        public void TheFiveHeadersAreCopiedTheTopViaGainsReceivedAndRportToATagAndTheRestIsLeft()
        {
            string answer = Answer("NOTIFY sip:486@192.0.2.10 SIP/2.0\r\n" +
                                   "v: SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKa\r\n" +
                                   "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKb\r\n" +
                                   "Max-Forwards: 70\r\nf: <sip:pbx@10.0.0.1>;tag=p\r\nTO: <sip:486@10.0.0.1>\r\n" +
                                   "Call-ID: c1\r\nCSeq: 7\r\n NOTIFY\r\nContent-Type: application/snomxml\r\nContent-Length: 3000\r\n\r\n<?xml");
            Assert.Equal("SIP/2.0 503 Service Unavailable\r\n" +
                         "v: SIP/2.0/UDP 10.0.0.1:5060;rport=5080;branch=z9hG4bKa;received=10.0.0.9\r\n" +
                         "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKb\r\n" +
                         "f: <sip:pbx@10.0.0.1>;tag=p\r\nTO: <sip:486@10.0.0.1>;tag=lowmem\r\n" +
                         "Call-ID: c1\r\nCSeq: 7\r\n NOTIFY\r\nRetry-After: 10\r\nContent-Length: 0\r\n\r\n", answer);
        }

        [Fact]
        public void AResponseAnAckACutHeadAndARequestWithoutItsCSeqGetNone()
        {
            string request = "MESSAGE sip:486@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa\r\n" +
                             "From: <sip:pbx@10.0.0.1>;tag=p\r\nTo: <sip:486@10.0.0.1>;tag=x\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\n\r\n";
            Assert.NotNull(Answer(request));
            Assert.Contains("\r\nTo: <sip:486@10.0.0.1>;tag=x\r\n", Answer(request));
            Assert.Null(Answer("SIP/2.0 200 OK" + request.Substring(request.IndexOf("\r\n"))));
            Assert.Null(Answer("ACK" + request.Substring(7)));
            // Cut inside the CSeq line: it is not there.
            Assert.Null(Answer(request, request.IndexOf("CSeq") + 6));
            Assert.Null(Answer(request.Replace("CSeq: 1 MESSAGE\r\n", "")));
        }

        [Fact]
        public void ANewCallWithoutRoomIsAnsweredBusyHere()
        {
            string answer = Answer("INVITE sip:486@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKi\r\n" +
                                   "From: <sip:pbx@10.0.0.1>;tag=p\r\nTo: <sip:486@10.0.0.1>\r\nCall-ID: c2\r\nCSeq: 1 INVITE\r\n" +
                                   "Content-Type: application/sdp\r\nContent-Length: 3\r\n\r\nv=0", busy: true);
            Assert.Equal("SIP/2.0 486 Busy Here\r\n" +
                         "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKi;received=10.0.0.9\r\n" +
                         "From: <sip:pbx@10.0.0.1>;tag=p\r\nTo: <sip:486@10.0.0.1>;tag=lowmem\r\nCall-ID: c2\r\nCSeq: 1 INVITE\r\n" +
                         "Retry-After: 10\r\nContent-Length: 0\r\n\r\n", answer);
        }
    }
}
