using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// Header names as the parser takes them: a known name in any case (long or compact) is read as its kind, and a name
    /// that breaks the token rule is malformed even where its bytes with 0x20 set spell a known one.
    /// </summary>
    public class HeaderNameTests
    {
        private static ParseResult Parse(string name, SipMessage m)
        {
            byte[] bytes = Encoding.ASCII.GetBytes("OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n" + name +
                                                   ": c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            return r;
        }

        [Theory]
        [InlineData("Call-ID")]
        [InlineData("call-id")]
        [InlineData("CALL-ID")]
        [InlineData("i")]
        [InlineData("I")]
        public void AKnownNameInAnyCaseIsItsKind(string name)
        {
            var m = new SipMessage();
            Assert.Equal(ParseResult.Ok, Parse(name, m).Code);
            Assert.Equal("c1", m.CallId);
            Assert.Equal("Call-ID", m.HeaderName(1));
        }

        [Theory]
        [InlineData("Call\rID")]
        [InlineData("Call\u000DId")]
        [InlineData("Ca@l-ID")]
        public void ANameThatIsNoTokenIsMalformed(string name)
        {
            var m = new SipMessage();
            ParseResult r = Parse(name, m);
            Assert.Equal(ParseResult.Invalid, r.Code);
            Assert.Equal(400, r.ErrorStatus);
            Assert.Equal("malformed header line", r.ErrorReason);
        }

        [Fact]
        public void AnUnknownTokenNameIsKeptAsWritten()
        {
            var m = new SipMessage();
            Assert.Equal(ParseResult.Ok, Parse("X-Call-ID", m).Code);
            Assert.Null(m.CallId);
            Assert.Equal("X-Call-ID", m.HeaderName(1));
        }
    }
}
