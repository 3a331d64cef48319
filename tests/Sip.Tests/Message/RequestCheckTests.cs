using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The repeated single-header rule (which header the 400 names when several are repeated), and the headers the checks
    /// and the message's accessors read by their kind (HeaderNames' kind constants), each found under its long and compact name.
    /// </summary>
    public class RequestCheckTests
    {
        private static CheckResult Check(string headers)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(
                "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n" + headers + "Content-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            return RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
        }

        [Theory]
        [InlineData("CSeq: 1 OPTIONS\r\n", 0, null)]
        [InlineData("CSeq: 1 options\r\n", 400, "CSeq method differs from the request method")]
        [InlineData("CSeq: 1 OPTION\r\n", 400, "CSeq method differs from the request method")]
        [InlineData("CSeq: 1 OPTIONSX\r\n", 400, "CSeq method differs from the request method")]
        [InlineData("CSeq: 1  \t OPTIONS\r\n", 0, null)]
        public void TheCSeqMethodIsTheRequestsOwnExactly(string cseq, int status, string reason)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(
                "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\n" + cseq +
                "From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nContent-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            CheckResult c = RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(status, c.ErrorStatus);
            Assert.Equal(reason, c.ErrorReason);
            Assert.Equal(status == 0, (object)m.CSeqMethod == (object)m.Method);
        }

        [Fact]
        public void TheFirstRepeatedHeaderInMessageOrderIsNamed()
        {
            CheckResult r = Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nt: <sip:x@y>\r\nf: <sip:a@b>;tag=2\r\n");
            Assert.Equal(400, r.ErrorStatus);
            Assert.Equal("more than one From header", r.ErrorReason);
        }

        [Fact]
        public void ARepeatedListHeaderIsFineAndARepeatedDateIsNot()
        {
            Assert.Equal(0, Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nAccept: text/plain\r\nAccept: application/sdp\r\n").ErrorStatus);
            CheckResult r = Check("Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nDate: Sat, 13 Nov 2010 23:29:00 GMT\r\n");
            Assert.Equal("more than one Date header", r.ErrorReason);
        }

        private static SipMessage Parse(string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            return m;
        }

        [Fact]
        public void TheHeadersReadByKindAreFoundUnderTheirNames()
        {
            SipMessage m = Parse("INVITE sip:x@y SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1, SIP/2.0/UDP g\r\nVia: SIP/2.0/TCP k\r\n" +
                                 "f: <sip:a@b>;tag=1\r\nt: <sip:x@y>\r\ni: c1\r\nCSeq: 7 INVITE\r\nm: <sip:a@h>, <sip:a@g>\r\n" +
                                 "Max-Forwards: 69\r\nExpires: 30\r\nc: application/SDP;x=1\r\nl: 0\r\n\r\n");
            Assert.Equal(3, m.ViaCount);
            Assert.Equal("g", m.GetVia(1).Host);
            Assert.Equal("TCP", m.GetVia(2).Transport);
            Assert.Equal("1", m.From.Tag);
            Assert.Equal("y", m.To.Uri.Host);
            Assert.Equal("c1", m.CallId);
            Assert.Equal(7, m.CSeq);
            Assert.Equal(2, m.ContactCount);
            Assert.Equal("g", m.GetContact(1).Uri.Host);
            Assert.Equal(69, m.MaxForwards);
            Assert.Equal(30, m.Expires);
            Assert.Equal("application/sdp", m.ContentType);
            Assert.Equal(0, RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult()).ErrorStatus);

            SipMessage noCallId = Parse("OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nf: <sip:a@b>\r\nt: <sip:x@y>\r\nCSeq: 1 OPTIONS\r\n\r\n");
            Assert.Equal("missing Call-ID header", RequestCheck.Check(noCallId, UaCapabilities.Phone(), new CheckResult()).ErrorReason);
            Assert.Equal("malformed Date header (RFC 1123 date in GMT expected)", Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nDate: yesterday\r\n").ErrorReason);
            Assert.Equal("malformed Contact header", Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nm: <sip:a@h>, <x y>\r\n").ErrorReason);
            CheckResult require = Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nRequire: foo, timer\r\nRequire: bar\r\n");
            Assert.Equal(420, require.ErrorStatus);
            Assert.Equal("foo, bar", require.HeaderValue);
            CheckResult accept = RequestCheck.Check(Parse("INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nf: <sip:a@b>;tag=1\r\n" +
                                                          "t: <sip:x@y>\r\ni: c\r\nCSeq: 1 INVITE\r\nAccept: text/plain, text/html\r\nl: 0\r\n\r\n"),
                                                    UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(406, accept.ErrorStatus);
        }

        /// <summary>
        /// The check keeps From and To parsed for an INVITE alone and judges every other message's without keeping them
        /// (h-checkparts): a malformed one is named the same either way, and a well-formed MESSAGE's tags are read in place.
        /// </summary>
        [Theory]
        [InlineData("MESSAGE")]
        [InlineData("INVITE")]
        [InlineData("NOTIFY")]
        public void AMalformedFromOrToIsNamedWhetherTheNamesAreKeptOrNot(string method)
        {
            string head = method + " sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 " + method + "\r\n";
            CheckResult badFrom = RequestCheck.Check(Parse(head + "From: <sip:a@b;tag=1\r\nTo: <sip:x@y>\r\nContent-Length: 0\r\n\r\n"),
                                                     UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(400, badFrom.ErrorStatus);
            Assert.Equal("malformed From header", badFrom.ErrorReason);
            CheckResult badTo = RequestCheck.Check(Parse(head + "From: <sip:a@b>;tag=1\r\nTo: sip:x@y z\r\nContent-Length: 0\r\n\r\n"),
                                                   UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(400, badTo.ErrorStatus);
            Assert.Equal("malformed To header", badTo.ErrorReason);

            SipMessage good = Parse(head + "From: \"A; <b>\" <sip:a@b>;tag=f1\r\nTo: <sip:x@y>;tag=t1\r\nContent-Length: 0\r\n\r\n");
            Assert.True(RequestCheck.Check(good, UaCapabilities.Phone(), new CheckResult()).Code == ParseResult.Ok);
            Assert.Equal("f1", good.FromTag);
            Assert.Equal("t1", good.ToTag);
            Assert.Equal("A; <b>", good.From.DisplayName);
        }

        /// <summary>The start line's part is kept counted from the message's first byte: read right after keep-alives on a stream.</summary>
        [Fact]
        public void TheRequestUriAndReasonAreReadAfterAStreamsKeepAlives()
        {
            byte[] bytes = Encoding.ASCII.GetBytes("\r\n\r\nMESSAGE sip:486@10.0.0.2:5060;transport=tcp SIP/2.0\r\nContent-Length: 0\r\n\r\n" +
                                                   "\r\nSIP/2.0 486 Busy Here Now\r\nContent-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, true, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal("sip:486@10.0.0.2:5060;transport=tcp", m.RequestUri.ToString());
            Assert.Equal("486", m.RequestUri.User);
            Assert.Equal("", m.ReasonPhrase);
            new SipParser().Parse(bytes, r.Consumed, bytes.Length - r.Consumed, true, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal("Busy Here Now", m.ReasonPhrase);
            Assert.Null(m.RequestUri);
        }
    }
}
