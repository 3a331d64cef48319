using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// A From's or To's tag read in the received bytes (SipMessage.ParamAt, the answer's echo, the dialog look-up and the
    /// responses' To tag since h-echobytes) is the parsed header's tag for every form of the value.
    /// </summary>
    public class TagOfTests
    {
        [Theory]
        [InlineData("<sip:bob@example.com>;tag=a6c85cf")]
        [InlineData("\"Bob\" <sip:bob@example.com>;tag=a6c85cf")]
        [InlineData("Bob Smith <sip:bob@example.com;transport=tcp>;x=1;TAG=a6c85cf;y")]
        [InlineData("\"a <sip:x@y>;tag=wrong\" <sip:bob@example.com;tag=uri>;tag=a6c85cf")]
        [InlineData("\"a \\\" ;tag=wrong <\" <sip:bob@example.com>;tag=a6c85cf")]
        [InlineData("\";tag=wrong\" <sip:bob@example.com>")]
        [InlineData("sip:bob@example.com;tag=a6c85cf")]
        [InlineData("sip:bob@example.com ; tag = a6c85cf ")]
        [InlineData("sip:bob@example.com;Tag=A6c85CF")]
        [InlineData("<sip:bob@example.com>;x=\"a;tag=wrong\";tag=a6c85cf")]
        [InlineData("<sip:bob@example.com>;tag=\"q1\"")]
        [InlineData("<sip:bob@example.com>")]
        [InlineData("\"Bob\" <sip:bob@example.com;tag=uri>")]
        [InlineData("<sip:a;tag=x>")]
        [InlineData("sip:bob@example.com")]
        [InlineData("<sip:bob@example.com>;tag")]
        [InlineData("<sip:bob@example.com>;tagx=1;xtag=2")]
        public void TheTagReadInTheBytesIsTheParsedOne(string value)
        {
            NameAddr parsed = NameAddr.Parse(value);
            Assert.NotNull(parsed);
            SipMessage m = Parse("MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: " + value + "\r\nTo: " + value
                + "\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n");
            Assert.Equal(parsed.Tag, m.ToTag);
            Assert.Equal(parsed.Tag, m.FromTag);
        }

        [Theory]
        [InlineData("<sip:a;tag=x>", "<sip:a;tag=x>;tag=dp7")]
        [InlineData("\"x;tag=y\" <sip:a@b>", "\"x;tag=y\" <sip:a@b>;tag=dp7")]
        [InlineData("<sip:a@b>;TAG=t1", "<sip:a@b>;TAG=t1")]
        [InlineData("<sip:a@b>;tag", "<sip:a@b>;tag")]
        [InlineData("<sip:a@b>", "<sip:a@b>;tag=dp7")]
        public void TheAnswersToGetsATagOnlyWhenItHasNone(string to, string echoed)
        {
            SipMessage m = Parse("MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:c@d>;tag=f\r\nTo: " + to
                + "\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n");
            string answer = System.Text.Encoding.ASCII.GetString(new SipWriter().StartResponse(200, "OK").EchoRequest(m, "dp", 7, 0).ToBytes());
            Assert.Contains("\r\nTo: " + echoed + "\r\n", answer);
        }

        [Fact]
        public void AFoldedTosTagIsTheUnfoldedValuesTag()
        {
            SipMessage m = Parse("BYE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:c@d>\r\n ;tag=f1\r\n"
                + "To: \"a;tag=no\"\r\n\t<sip:a@b>\r\n ;\r\n tag=t1\r\nCall-ID: c1\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
            Assert.Equal("t1", m.ToTag);
            Assert.Equal("f1", m.FromTag);
        }

        [Fact]
        public void NoToNoTag()
        {
            SipMessage m = Parse("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n\r\n");
            Assert.Null(m.ToTag);
            Assert.Null(m.FromTag);
        }

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

        [Fact]
        public void OnlyTheTagsTextIsMade()
        {
            SipMessage m = Parse("NOTIFY sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:c@d>\r\n"
                + "To: \"A long display name;tag=no\" <sip:486@192.0.2.1;user=phone>;x=y;tag=dp7\r\nCall-ID: c1\r\nCSeq: 1 NOTIFY\r\n\r\n");
            Assert.Null(m.FromTag);
            Assert.Equal("dp7", m.ToTag);
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            Assert.Null(m.FromTag);
            long none = System.GC.GetAllocatedBytesForCurrentThread() - before;
            before = System.GC.GetAllocatedBytesForCurrentThread();
            string tag = m.ToTag;
            long made = System.GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal("dp7", tag);
            Assert.Equal(0, none);
            Assert.True(made <= 40, made + " B for a tag of 3 characters");
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
