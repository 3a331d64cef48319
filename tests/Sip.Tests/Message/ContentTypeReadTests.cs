using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The body type the request's check judges, read from the Content-Type's bytes (h-sipreads): lower case, without
    /// parameters, trimmed, a folded value unfolded; the same 415 with Accept for an unknown one, multipart/mixed only in a
    /// NOTIFY. And Max-Forwards and Expires judged on their trimmed bytes.
    /// </summary>
    public class ContentTypeReadTests
    {
        private static SipMessage Parse(string method, string headers, string body)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(
                method + " sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\n" +
                "Call-ID: c\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\n" + headers + "Content-Length: " + body.Length +
                "\r\n\r\n" + body);
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            return m;
        }

        private static CheckResult Check(SipMessage m) => RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());

        [Theory]
        [InlineData("Content-Type: text/plain\r\n", "text/plain")]
        [InlineData("Content-Type: TEXT/Plain\r\n", "text/plain")]
        [InlineData("c: text/plain;charset=UTF-8\r\n", "text/plain")]
        [InlineData("Content-Type:  \t text/plain \t ; charset=\"utf-8\"\r\n", "text/plain")]
        [InlineData("Content-Type: text/plain\r\n  ;charset=utf-8\r\n", "text/plain")]
        [InlineData("Content-Type:\r\n Text/Plain\r\n", "text/plain")]
        [InlineData("Content-Type: text/\u00C9\r\n", "text/\u00E9")]
        [InlineData("Content-Type: ;charset=utf-8\r\n", "")]
        [InlineData("Content-Type: \r\n", "")]
        [InlineData("", null)]
        public void TheTypeIsTheValueBeforeItsParametersTrimmedInLowerCase(string header, string type)
        {
            SipMessage m = Parse("MESSAGE", header, "hi");
            Assert.Equal(type, m.ContentType);
            // Read once and kept for the message's other readers.
            Assert.Same(m.ContentType, m.ContentType);
        }

        [Theory]
        [InlineData("MESSAGE", "text/plain", 0)]
        [InlineData("MESSAGE", "Text/PLAIN; charset=utf-8", 0)]
        [InlineData("MESSAGE", "text/plain\r\n ;charset=utf-8", 0)]
        [InlineData("MESSAGE", "text/html", 415)]
        [InlineData("MESSAGE", "text/plainx", 415)]
        [InlineData("MESSAGE", "text/ plain", 415)]
        [InlineData("MESSAGE", "multipart/mixed;boundary=b", 415)]
        [InlineData("NOTIFY", "Multipart/Mixed ;boundary=b", 0)]
        [InlineData("NOTIFY", "APPLICATION/DIALOG-INFO+XML", 0)]
        [InlineData("NOTIFY", "application/dialog-info+xml\r\n\t; x=1", 0)]
        [InlineData("INFO", "application/dtmf-relay", 0)]
        [InlineData("INFO", "application/\u00C9", 415)]
        [InlineData("INFO", "", 415)]
        public void AnUnknownTypeIsRefused415WithAcceptAndAKnownOneInAnyCaseIsNot(string method, string type, int status)
        {
            CheckResult r = Check(Parse(method, "Content-Type: " + type + "\r\n", "hi"));
            Assert.Equal(status, r.ErrorStatus);
            Assert.Equal(status == 0 ? null : "Accept", r.HeaderName);
        }

        [Fact]
        public void ABodyWithoutContentTypeIsRefusedAndNoBodyNeedsNone()
        {
            Assert.Equal(415, Check(Parse("MESSAGE", "", "hi")).ErrorStatus);
            Assert.Equal(0, Check(Parse("MESSAGE", "Content-Type: text/html\r\n", "")).ErrorStatus);
        }

        [Theory]
        [InlineData("Max-Forwards: 70\r\n", 0)]
        [InlineData("Max-Forwards:  \t70 \t\r\n", 0)]
        [InlineData("Max-Forwards:\r\n 70\r\n", 0)]
        [InlineData("Max-Forwards: 7\r\n 0\r\n", 400)]
        [InlineData("Max-Forwards: 7 0\r\n", 400)]
        [InlineData("Max-Forwards: 256\r\n", 400)]
        [InlineData("Max-Forwards: -1\r\n", 400)]
        [InlineData("Max-Forwards: \u0661\r\n", 400)]
        [InlineData("Expires: 3600 \r\n", 0)]
        [InlineData("Expires: 2147483648\r\n", 400)]
        [InlineData("Expires:\r\n\t0\r\n", 0)]
        [InlineData("Expires: \r\n", 400)]
        public void MaxForwardsAndExpiresAreNumbersBetweenWhiteSpace(string header, int status)
        {
            string headers = header.StartsWith("Max-Forwards") ? header : "Max-Forwards: 70\r\n" + header;
            byte[] bytes = Encoding.UTF8.GetBytes(
                "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\n" +
                "Call-ID: c\r\nCSeq: 1 OPTIONS\r\n" + headers + "Content-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(status, Check(m).ErrorStatus);
        }
    }
}
