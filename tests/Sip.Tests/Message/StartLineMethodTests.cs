using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The request line's method: the office stream's two (MESSAGE, NOTIFY) are their literals once the bytes match
    /// (h-echobytes), any other method of the same length or beginning, or in another case, is its own text.
    /// </summary>
    public class StartLineMethodTests
    {
        [Theory]
        [InlineData("MESSAGE")]
        [InlineData("NOTIFY")]
        [InlineData("message")]
        [InlineData("MESSAGF")]
        [InlineData("NOTIFZ")]
        [InlineData("INVITE")]
        [InlineData("REGISTER")]
        [InlineData("SUBSCRIBE")]
        [InlineData("ACK")]
        [InlineData("N")]
        [InlineData("MESSAGEX")]
        public void TheMethodIsTheRequestLinesText(string method)
        {
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(method + " sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "Call-ID: c1\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var result = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, result);
            Assert.Equal(ParseResult.Ok, result.Code);
            Assert.True(m.IsRequest);
            Assert.Equal(method, m.Method);
            Assert.Equal(method, m.CSeqMethod);
        }
    }
}
