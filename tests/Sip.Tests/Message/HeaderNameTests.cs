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
    

        // Every name the parser knows, long and compact: the packed table of HeaderNames must find each under its own
        // kind (read back as its canonical name) whatever the case, and the value under every spelling.
        [Theory]
        [InlineData("Via", "v")]
        [InlineData("From", "f")]
        [InlineData("To", "t")]
        [InlineData("Call-ID", "i")]
        [InlineData("CSeq", null)]
        [InlineData("Contact", "m")]
        [InlineData("Max-Forwards", null)]
        [InlineData("Content-Length", "l")]
        [InlineData("Content-Type", "c")]
        [InlineData("Expires", null)]
        [InlineData("Require", null)]
        [InlineData("Proxy-Require", null)]
        [InlineData("Accept", null)]
        [InlineData("Allow", null)]
        [InlineData("Supported", "k")]
        [InlineData("Unsupported", null)]
        [InlineData("Event", "o")]
        [InlineData("Subscription-State", null)]
        [InlineData("Date", null)]
        [InlineData("WWW-Authenticate", null)]
        [InlineData("Proxy-Authenticate", null)]
        [InlineData("Authorization", null)]
        [InlineData("Proxy-Authorization", null)]
        [InlineData("Min-Expires", null)]
        [InlineData("User-Agent", null)]
        [InlineData("Record-Route", null)]
        [InlineData("Route", null)]
        [InlineData("Content-Encoding", "e")]
        [InlineData("Subject", "s")]
        [InlineData("Refer-To", "r")]
        [InlineData("Allow-Events", "u")]
        [InlineData("Referred-By", "b")]
        [InlineData("Session-Expires", "x")]
        [InlineData("Identity", "y")]
        [InlineData("Accept-Contact", "a")]
        [InlineData("Reject-Contact", "j")]
        [InlineData("Request-Disposition", "d")]
        [InlineData("Identity-Info", "n")]
        public void EveryKnownNameAndItsCompactFormIsFoundAsItsCanonicalName(string canonical, string compact)
        {
            foreach (string spelling in new[] { canonical, canonical.ToLowerInvariant(), canonical.ToUpperInvariant(), compact, compact?.ToUpperInvariant() })
            {
                if (spelling == null)
                {
                    continue;
                }
                byte[] bytes = Encoding.ASCII.GetBytes("OPTIONS sip:x@y SIP/2.0\r\n" + spelling + ": 0\r\n\r\n");
                var m = new SipMessage();
                var r = new ParseResult();
                new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
                Assert.Equal(ParseResult.Ok, r.Code);
                Assert.Equal(canonical, m.HeaderName(0));
                Assert.Equal("0", m.GetHeader(canonical));
                Assert.Equal("0", m.GetHeader(canonical.ToUpperInvariant()));
                Assert.Equal("0", m.GetHeader(compact ?? canonical));
            }
        }

        [Theory]
        [InlineData("Vi")]
        [InlineData("Vias")]
        [InlineData("Content-Lengths")]
        [InlineData("Date-")]
        [InlineData("Fro")]
        [InlineData("g")]
        [InlineData("Identity-Inf")]
        public void ANameThatOnlyStartsOrEndsLikeAKnownOneIsUnknown(string name)
        {
            var m = new SipMessage();
            Assert.Equal(ParseResult.Ok, Parse(name, m).Code);
            Assert.Equal(name, m.HeaderName(1));
            Assert.Equal("c1", m.GetHeader(name));
            Assert.Null(m.CallId);
        }

        // Which kinds are lists is a constant per kind (HeaderNames.ListMask): a single header, an auth header, User-Agent,
        // Subject and Identity keep their commas; a list header, a known or unknown one, splits at them.
        [Theory]
        [InlineData("Date", "Thu, 21 Feb 2002 13:02:03 GMT", 1)]
        [InlineData("Expires", "1, 2", 1)]
        [InlineData("Content-Type", "text/plain, x", 1)]
        [InlineData("WWW-Authenticate", "Digest realm=\"a\", nonce=\"b\"", 1)]
        [InlineData("Authorization", "Digest username=\"a\", response=\"b\"", 1)]
        [InlineData("User-Agent", "phone, 1.0", 1)]
        [InlineData("Subject", "lunch, today", 1)]
        [InlineData("Supported", "timer, replaces, 100rel", 3)]
        [InlineData("Route", "<sip:a@b;lr>, <sip:c@d;lr>", 2)]
        [InlineData("X-Custom", "a, b", 2)]
        public void SingleAndAuthHeadersKeepTheirCommasListsSplitAtThem(string name, string value, int count)
        {
            byte[] bytes = Encoding.ASCII.GetBytes("OPTIONS sip:x@y SIP/2.0\r\n" + name + ": " + value + "\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(count, m.CountHeaderValues(name));
            Assert.Equal(count == 1 ? value : value.Substring(0, value.IndexOf(',')), m.GetHeaderValue(name, 0));
        }
    }
}
