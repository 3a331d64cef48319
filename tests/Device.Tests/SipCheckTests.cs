using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.UserAgent;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The request checks that tell header names apart, run in nanoCLR: the check once compared the known names by
    /// reference (literals that nanoCLR makes into separate string objects), and these cases showed that this held on
    /// the device too; since h-boot79 the kinds are constants (docs/benchmarks.md, h-boot79). The host's twin of these
    /// cases is tests/Sip.Tests/Message/RequestCheckTests.
    /// </summary>
    [TestClass]
    public class SipCheckTests
    {
        private static CheckResult Check(string headers)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(
                "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n" + headers + "Content-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.AreEqual(ParseResult.Ok, r.Code);
            return RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
        }

        [TestMethod]
        public void ARepeatedFromInItsCompactFormIsRefused400()
        {
            CheckResult r = Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nt: <sip:x@y>\r\nf: <sip:a@b>;tag=2\r\n");
            Assert.AreEqual(400, r.ErrorStatus);
            Assert.AreEqual("more than one From header", r.ErrorReason);
        }

        [TestMethod]
        public void ARepeatedListHeaderIsFineAndARepeatedDateIsNot()
        {
            Assert.AreEqual(0, Check("From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nAccept: text/plain\r\nAccept: application/sdp\r\n").ErrorStatus);
            CheckResult r = Check("Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nDate: Sat, 13 Nov 2010 23:29:00 GMT\r\n");
            Assert.AreEqual(400, r.ErrorStatus);
            Assert.AreEqual("more than one Date header", r.ErrorReason);
        }
    }
}
