using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>The repeated single-header rule: which header the 400 names when several are repeated.</summary>
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

        [Fact]
        public void TheFirstRepeatedHeaderInMessageOrderIsNamed()
        {
            CheckResult r = Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nt: <sip:x@y>\r\nf: <sip:a@b>;tag=2\r\n");
            Assert.Equal(400, r.Status);
            Assert.Equal("more than one From header", r.Reason);
        }

        [Fact]
        public void ARepeatedListHeaderIsFineAndARepeatedDateIsNot()
        {
            Assert.Equal(0, Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nAccept: text/plain\r\nAccept: application/sdp\r\n").Status);
            CheckResult r = Check("Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nDate: Sat, 13 Nov 2010 23:29:00 GMT\r\n");
            Assert.Equal("more than one Date header", r.Reason);
        }
    }
}
