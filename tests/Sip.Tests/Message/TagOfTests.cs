using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// A From's or To's tag read in place (<see cref="NameAddr.TagOf"/>, the dialog look-up and the responses' To tag
    /// since h-callsig) is the parsed header's tag for every form of the value.
    /// </summary>
    public class TagOfTests
    {
        [Theory]
        [InlineData("<sip:bob@example.com>;tag=a6c85cf")]
        [InlineData("\"Bob\" <sip:bob@example.com>;tag=a6c85cf")]
        [InlineData("Bob Smith <sip:bob@example.com;transport=tcp>;x=1;TAG=a6c85cf;y")]
        [InlineData("\"a <sip:x@y>;tag=wrong\" <sip:bob@example.com;tag=uri>;tag=a6c85cf")]
        [InlineData("\"a \\\" ;tag=wrong <\" <sip:bob@example.com>;tag=a6c85cf")]
        [InlineData("sip:bob@example.com;tag=a6c85cf")]
        [InlineData("sip:bob@example.com ; tag = a6c85cf ")]
        [InlineData("<sip:bob@example.com>")]
        [InlineData("\"Bob\" <sip:bob@example.com;tag=uri>")]
        [InlineData("sip:bob@example.com")]
        [InlineData("<sip:bob@example.com>;tag")]
        [InlineData("<sip:bob@example.com>;tagx=1;xtag=2")]
        public void TheTagReadInPlaceIsTheParsedOne(string value)
        {
            NameAddr parsed = NameAddr.Parse(value);
            Assert.NotNull(parsed);
            Assert.Equal(parsed.Tag, NameAddr.TagOf(value));
        }

        [Fact]
        public void NoValueNoTag() => Assert.Null(NameAddr.TagOf(null));

        [Fact]
        public void ARequestsToTagIsReadWithoutKeepingItsAddress()
        {
            var m = Parse("BYE sip:alice@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
                + "From: \"Bob\" <sip:bob@example.com>;tag=from1\r\nTo: <sip:alice@example.com>;tag=to1\r\n"
                + "Call-ID: c1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
            Assert.Equal("to1", m.ToTag);
            Assert.Equal("from1", m.FromTag);
            m.ForgetNames(true);
            Assert.Equal("to1", m.ToTag);
            Assert.Equal("from1", m.FromTag);
        }

        private static SipMessage Parse(string text)
        {
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
            var m = new SipMessage();
            var result = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, result);
            Assert.Equal(ParseResult.Ok, result.Code);
            return m;
        }
    }
}
