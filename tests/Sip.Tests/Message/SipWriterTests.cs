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
            byte[] pieces = SipWriter.Response(100, "Trying").BeginHeader("Via").Append("SIP/2.0/UDP h")
                .Append(";rport=").Append(5060).Append(";n=").Append(0).EndHeader().ToBytes();
            Assert.Equal("SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP h;rport=5060;n=0\r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(pieces));
        }

        // The echo copies a printable ASCII value from the request's bytes and writes any other from its string: both
        // give the bytes the string gave before h-turnparse (the value trimmed, a fold one space, UTF-8 as sent).
        [Theory]
        [InlineData("<sip:a@h>;tag=9", "<sip:a@h>;tag=9")]
        [InlineData("  <sip:a@h>;tag=9  ", "<sip:a@h>;tag=9")]
        [InlineData("\t<sip:a@h>;tag=9\t", "<sip:a@h>;tag=9")]
        [InlineData("\"A\tB\" <sip:a@h>;tag=9", "\"A\tB\" <sip:a@h>;tag=9")]
        [InlineData("<sip:a@h>;\r\n tag=9", "<sip:a@h>; tag=9")]
        [InlineData("\"J\u00fcrgen\" <sip:j@h>;tag=9", "\"J\u00fcrgen\" <sip:j@h>;tag=9")]
        [InlineData("", "")]
        [InlineData("   ", "")]
        public void TheEchoWritesEachValueAsItsStringWas(string from, string echoed)
        {
            string request = "MESSAGE sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom:" + from + "\r\n" +
                "To: <sip:b@h>\r\nCall-ID:  c1 \r\nCSeq: 7 MESSAGE\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = Encoding.UTF8.GetBytes(request);
            var m = new SipMessage();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, new ParseResult());

            byte[] answer = SipWriter.Response(200, "OK").EchoRequest(m, "dp", 3, 0).ToBytes();

            Assert.Equal(Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: " + echoed + "\r\n" +
                "To: <sip:b@h>;tag=dp3\r\nCall-ID: c1\r\nCSeq: 7 MESSAGE\r\nContent-Length: 0\r\n\r\n"), answer);
            Assert.Equal(echoed, m.GetHeader("From"));
        }

        [Theory]
        [InlineData("<sip:b@h>;tag=x", "<sip:b@h>;tag=x")]
        [InlineData("<sip:b@h;tag=x>", "<sip:b@h;tag=x>;tag=dp")]
        [InlineData("<sip:b@h>;foo=1", "<sip:b@h>;foo=1;tag=dp")]
        [InlineData("\"a;tag=x\" <sip:b@h>", "\"a;tag=x\" <sip:b@h>;tag=dp")]
        public void TheEchoAddsItsTagToATheToWithoutOne(string to, string echoed)
        {
            string request = "MESSAGE sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n" +
                "To: " + to + "\r\nCall-ID: c1\r\nCSeq: 7 MESSAGE\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = Encoding.ASCII.GetBytes(request);
            var m = new SipMessage();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, new ParseResult());

            string answer = Encoding.ASCII.GetString(SipWriter.Response(200, "OK").EchoRequest(m, "dp", 0, 0).ToBytes());

            Assert.Contains("\r\nTo: " + echoed + "\r\n", answer);
        }
    }
}
