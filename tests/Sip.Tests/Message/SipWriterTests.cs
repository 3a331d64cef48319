using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>The byte-buffer writer: UTF-8 text, growth, reuse of one writer and taking a message more than once.</summary>
    public class SipWriterTests
    {
        [Fact]
        public void NonAsciiTextIsWrittenAsUtf8()
        {
            string from = "\"J\u00fcrgen \u6771\u4eac \U0001F600\" <sip:j@example.com>;tag=1";
            byte[] bytes = SipWriter.Response(200, "OK").Header("From", from).ToBytes();
            Assert.Equal(Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nFrom: " + from + "\r\nContent-Length: 0\r\n\r\n"), bytes);
        }

        [Fact]
        public void AHeadLongerThanTheFirstBufferGrows()
        {
            string value = new string('a', 3000);
            byte[] bytes = SipWriter.Request("MESSAGE", "sip:b@c").Header("Subject", value).Header("CSeq", "1 MESSAGE").ToBytes();
            Assert.Equal("MESSAGE sip:b@c SIP/2.0\r\nSubject: " + value + "\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n",
                         Encoding.ASCII.GetString(bytes));
        }

        [Fact]
        public void StartingAgainForgetsTheLastMessageAndItsBody()
        {
            var w = new SipWriter(new byte[16]);
            byte[] first = w.StartRequest("MESSAGE", "sip:b@c").Header("CSeq", "1 MESSAGE").Body("text/plain", new byte[] { 65 }).ToBytes();
            byte[] second = w.StartResponse(404, "Not Found").Header("CSeq", "1 MESSAGE").ToBytes();
            Assert.Equal("MESSAGE sip:b@c SIP/2.0\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nA",
                         Encoding.ASCII.GetString(first));
            Assert.Equal("SIP/2.0 404 Not Found\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(second));
        }

        [Fact]
        public void HeadersCanFollowAMessageAlreadyTaken()
        {
            SipWriter w = SipWriter.Request("OPTIONS", "sip:b@c").Header("CSeq", "7 OPTIONS");
            byte[] once = w.ToBytes();
            Assert.Equal(once, w.ToBytes());
            byte[] more = w.Header("Accept", "application/sdp").ToBytes();
            Assert.Equal("OPTIONS sip:b@c SIP/2.0\r\nCSeq: 7 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n",
                         Encoding.ASCII.GetString(more));
        }

        [Fact]
        public void AHeaderWrittenInPiecesEqualsTheWholeValue()
        {
            byte[] pieces = SipWriter.Response(100, "Trying").BeginHeader("Via").Append("SIP/2.0/UDP h;x;rport", 0, 13)
                .Append(";rport=").Append(5060).Append(";n=").Append(0).EndHeader().ToBytes();
            Assert.Equal("SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP h;rport=5060;n=0\r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(pieces));
        }
    }
}
