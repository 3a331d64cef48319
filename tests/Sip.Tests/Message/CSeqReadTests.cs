using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The CSeq read on the received bytes (h-sipsweep): the number before the first white space (a line fold counts as
    /// one), up to 10 digits and 2^32-1, then a token; the request's own method string when the bytes are its own, in
    /// the same case; any other method made from the bytes.
    /// </summary>
    public class CSeqReadTests
    {
        private static SipMessage Parse(string start, string cseq)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(
                start + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\n" +
                "Call-ID: c\r\nCSeq:" + cseq + "\r\nContent-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            return m;
        }

        [Theory]
        [InlineData(" 1 MESSAGE", 1, "MESSAGE")]
        [InlineData("  \t4294967295\t MESSAGE \t", 4294967295L, "MESSAGE")]
        [InlineData("\r\n 7\r\n MESSAGE", 7, "MESSAGE")]
        [InlineData(" 7\r\n\tMESSAGE\r\n ", 7, "MESSAGE")]
        [InlineData(" 0000000001 message", 1, "message")]
        [InlineData(" 2 MESSAGES", 2, "MESSAGES")]
        [InlineData(" 2 MESSAG", 2, "MESSAG")]
        [InlineData(" 3 INVITE", 3, "INVITE")]
        [InlineData(" 4294967296 MESSAGE", -1, null)]
        [InlineData(" 00000000001 MESSAGE", -1, null)]
        [InlineData(" 1", -1, null)]
        [InlineData(" MESSAGE", -1, null)]
        [InlineData(" 1x MESSAGE", -1, null)]
        [InlineData(" \u0661 MESSAGE", -1, null)]
        [InlineData(" 1 MESS AGE", -1, null)]
        [InlineData(" 1 MESS\r\n AGE", -1, null)]
        [InlineData(" 1 \"MESSAGE\"", -1, null)]
        [InlineData(" 1 M\u00C9SSAGE", -1, null)]
        [InlineData("", -1, null)]
        public void TheNumberAndMethodAreReadFromTheBytes(string cseq, long number, string method)
        {
            SipMessage m = Parse("MESSAGE sip:x@y SIP/2.0", cseq);
            Assert.Equal(number, m.CSeq);
            Assert.Equal(method, m.CSeqMethod);
            if (method == "MESSAGE")
            {
                // The request's own string, not a copy.
                Assert.Same(m.Method, m.CSeqMethod);
            }
        }

        [Fact]
        public void AResponsesMethodIsMadeFromTheBytes()
        {
            SipMessage m = Parse("SIP/2.0 200 OK", " 5 REGISTER");
            Assert.Equal(5, m.CSeq);
            Assert.Equal("REGISTER", m.CSeqMethod);
        }
    }
}
