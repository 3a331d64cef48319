using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The parsed message keeps its header lines' places in 16 bits from its own first byte, and makes a value at each
    /// read, keeping none (docs/sip-message.md); the check's Drop and header name follow
    /// from its status.
    /// </summary>
    public class MessageSpansTests
    {
        private const string Request =
            "MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:a@127.0.0.1>;tag=9\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: abc\r\nCSeq: 7 MESSAGE\r\n" +
            "X-Folded: one,\r\n two\r\n" +
            "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi";

        [Fact]
        public void AMessageFarIntoItsBufferIsReadFromItsOwnStart()
        {
            // 70,000 bytes of keep-alives before it on a stream: its lines lie past what 16 bits count from the buffer's start.
            byte[] message = Encoding.ASCII.GetBytes(Request);
            byte[] buffer = new byte[70000 + message.Length];
            for (int i = 0; i < 70000; i++)
            {
                buffer[i] = (byte)'\n';
            }
            message.CopyTo(buffer, 70000);
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(buffer, 0, buffer.Length, true, m, r);

            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(buffer.Length, r.Consumed);
            Assert.Equal(70000, m.Offset);
            Assert.Equal("sip:bob@127.0.0.1", m.RequestUri.ToString());
            Assert.Equal("", m.ReasonPhrase);
            Assert.Equal("X-Folded", m.HeaderName(6));
            Assert.Equal("one, two", m.GetHeader("X-Folded"));
            Assert.Equal("two", m.GetHeaderValue("X-Folded", 1));
            Assert.Equal("abc", m.CallId);
            Assert.Equal(7, m.CSeq);
            Assert.Equal(70, m.MaxForwards);
            Assert.Equal("hi", Encoding.ASCII.GetString(m.Buffer, m.BodyOffset, m.BodyLength));
        }

        [Theory]
        [InlineData("Content-Length: 2", 2)]
        [InlineData("Content-Length:\t 2 \t", 2)]
        [InlineData("Content-Length:\r\n 2", 2)]
        [InlineData("Content-Length: 2\r\n\t", 2)]
        [InlineData("Content-Length: +2", -1)]
        [InlineData("Content-Length: 2 2", -1)]
        [InlineData("Content-Length:", -1)]
        public void ContentLengthIsTrimmedAsEveryValueLineFoldsIncluded(string line, int body)
        {
            // RFC 3261 7.3.1: white space and a line fold around a value are its separators, not part of it; anything
            // else than digits is a 400 (-1 here).
            byte[] data = Encoding.ASCII.GetBytes(Request.Replace("Content-Length: 2", line));
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(data, 0, data.Length, true, m, r);

            if (body < 0)
            {
                Assert.Equal(ParseResult.Invalid, r.Code);
                Assert.Equal(400, r.ErrorStatus);
                return;
            }
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal("hi", Encoding.ASCII.GetString(m.Buffer, m.BodyOffset, m.BodyLength));
        }

        [Fact]
        public void AHeaderLineEndingPastSixtyFourKilobytesIs513AndOneShortOfItIsRead()
        {
            var parser = new SipParser { MaxHeaderBytes = 100000 };
            var m = new SipMessage();
            var r = new ParseResult();

            byte[] fits = WithLongHeader(65000);
            parser.Parse(fits, 0, fits.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(65000, m.GetHeader("X-Long").Length);
            Assert.Equal("abc", m.CallId);

            byte[] over = WithLongHeader(66000);
            parser.Parse(over, 0, over.Length, false, m, r);
            Assert.Equal(ParseResult.Invalid, r.Code);
            Assert.Equal(513, r.ErrorStatus);
            // What the 513 copies is still read right.
            Assert.Equal("abc", m.CallId);
            Assert.Equal(1, m.ViaCount);
        }

        private static byte[] WithLongHeader(int length) =>
            Encoding.ASCII.GetBytes(Request.Replace("X-Folded: one,\r\n two\r\n", "X-Long: " + new string('x', length) + "\r\n"));

        [Fact]
        public void ValuesAreMadeAtEachReadAndNoneKept()
        {
            byte[] bytes = Encoding.ASCII.GetBytes(Request);
            var m = new SipMessage();
            var r = new ParseResult();
            var parser = new SipParser();
            parser.Parse(bytes, 0, bytes.Length, false, m, r);

            // Via to CSeq too (kept per message until h-turnparse): the answer's echo copies them from the bytes.
            Assert.Equal("abc", m.CallId);
            Assert.NotSame(m.CallId, m.GetHeader("Call-ID"));
            Assert.NotSame(m.HeaderValue(0), m.GetHeaderValue("Via", 0));
            Assert.Equal(m.HeaderValue(0), m.GetHeaderValue("Via", 0));
            Assert.NotSame(m.HeaderValue(5), m.GetHeader("CSeq"));
            Assert.Equal("70", m.HeaderValue(1));
            Assert.NotSame(m.HeaderValue(1), m.HeaderValue(1));
            Assert.Equal(m.HeaderValue(1), m.GetHeader("Max-Forwards"));

            // The next message's values are its own.
            byte[] next = Encoding.ASCII.GetBytes(Request.Replace("Call-ID: abc", "Call-ID: def"));
            parser.Parse(next, 0, next.Length, false, m, r);
            Assert.Equal("def", m.CallId);
        }

        [Fact]
        public void AMalformedResponseIsDroppedAndARequestsRefusalCarriesTheHeaderOfItsStatus()
        {
            var caps = UaCapabilities.Phone();
            var c = new CheckResult();
            RequestCheck.Check(Parsed("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n" +
                                      "To: <sip:b@h>\r\nCall-ID: x\r\nCSeq: nonsense\r\nContent-Length: 0\r\n\r\n"), caps, c);
            Assert.False(c.Code == ParseResult.Ok);
            Assert.True(c.Code != ParseResult.Ok && c.ErrorStatus == 0);
            Assert.Null(c.HeaderName);

            RequestCheck.Check(Parsed(Request.Replace("CSeq: 7 MESSAGE", "CSeq: 7")), caps, c);
            Assert.False(c.Code != ParseResult.Ok && c.ErrorStatus == 0);
            Assert.Equal(400, c.ErrorStatus);

            RequestCheck.Check(Parsed(Request.Replace("text/plain", "application/x-unknown")), caps, c);
            Assert.Equal(415, c.ErrorStatus);
            Assert.False(c.Code != ParseResult.Ok && c.ErrorStatus == 0);
            Assert.Equal("Accept", c.HeaderName);
            Assert.NotNull(c.HeaderValue);

            RequestCheck.Check(Parsed(Request), caps, c);
            Assert.True(c.Code == ParseResult.Ok);
            Assert.Equal(0, c.ErrorStatus);
            Assert.Null(c.HeaderName);
            Assert.Null(c.HeaderValue);
        }

        private static SipMessage Parsed(string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            var m = new SipMessage();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, new ParseResult());
            return m;
        }
    }
}
