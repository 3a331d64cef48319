using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The request's check judges From, To and Contact on their characters decoded straight from the message's bytes, and
    /// Max-Forwards and Expires as numbers on them (h-checkbytes): the verdicts are those of the values read as strings
    /// (SipMessage.GetHeader, MaxForwards, Expires), folded and bare-CR values, non-ASCII names and several Contacts included.
    /// </summary>
    public class RequestCheckBytesTests
    {
        private static SipMessage Parse(string from, string to, string contact, string extra)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(
                "MESSAGE sip:bob@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: " + from + "\r\nTo: " + to +
                "\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\n" + (contact == null ? "" : "Contact: " + contact + "\r\n") + extra +
                "Content-Length: 0\r\n\r\n");
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            return m;
        }

        // The judge of a value read as a string, as the check judged it before.
        private static bool ValidAsString(string value) => value != null && NameAddr.Read(value.ToCharArray(), null);

        public static readonly TheoryData<string> Names = new TheoryData<string>
        {
            "<sip:a@b>;tag=1",
            "\"A \\\"q\\\" B\" <sip:a@b:5060;transport=udp>;tag=x",
            "Bob Smith <sips:bob%20s@[2001:db8::1]:5061>",
            "sip:a@b;tag=1",
            "<tel:+1-555>",
            "\"Jürgen Müller\" <sip:a@b>;tag=1",
            "\"日本語 \\\"名前\\\"\" <sip:a@b>",
            "Jürgen <sip:a@b>",
            "\"R\u00e9ception\"\t<sip:a@b>",
            "  <sip:a@b>  ",
            "\"Bob\"\r\n <sip:a@b>;tag=1",
            "Bob\r\n Smith <sip:a@b>",
            "<sip:a@b>\r\n ;tag=1",
            "Bob\rSmith <sip:a@b>",
            "\"Bob\"\r<sip:a@b>",
            "<sip:a@b>\r;tag=1",
            "\u00a0<sip:a@b>",
            "<sip:a@b>;;tag=1",
            "\"open <sip:a@b>",
            "Bad\"Name <sip:a@b>",
            "<sip:a b@c>",
            "<sip:a@b",
            "sip:a@b?subject=x",
            "",
        };

        [Theory]
        [MemberData(nameof(Names))]
        public void FromAndToAreJudgedAsTheirStrings(string value)
        {
            SipMessage m = Parse(value, "<sip:bob@b>", null, "");
            bool valid = ValidAsString(m.GetHeader("From"));
            CheckResult r = RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(valid ? null : "malformed From header", r.ErrorReason);

            m = Parse("<sip:a@b>;tag=1", value, null, "");
            valid = ValidAsString(m.GetHeader("To"));
            r = RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(valid ? null : "malformed To header", r.ErrorReason);
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void AContactIsJudgedAsItsString(string value)
        {
            SipMessage m = Parse("<sip:a@b>;tag=1", "<sip:bob@b>", value, "");
            bool valid = ValidAsString(m.GetHeaderValue("Contact", 0));
            CheckResult r = RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(valid ? null : "malformed Contact header", r.ErrorReason);
        }

        [Theory]
        [InlineData("<sip:a@b>, <sip:c@d>", "", null)]
        [InlineData("<sip:a@b>, <sip:c d>", "", "malformed Contact header")]
        [InlineData("<sip:a@b>", "Contact: <sip:c@d>\r\n", null)]
        [InlineData("<sip:a@b>", "Contact: <sip:c@d\r\n", "malformed Contact header")]
        [InlineData("\"a, b\" <sip:a@b>", "", null)]
        public void SeveralContactsAreEachJudged(string contact, string more, string reason)
        {
            SipMessage m = Parse("<sip:a@b>;tag=1", "<sip:bob@b>", contact, more);
            Assert.Equal(reason, RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult()).ErrorReason);
        }

        [Theory]
        [InlineData("70")]
        [InlineData(" 70 ")]
        [InlineData("\t70\t")]
        [InlineData("0")]
        [InlineData("255")]
        [InlineData("256")]
        [InlineData("070")]
        [InlineData("0000000070")]
        [InlineData("00000000070")]
        [InlineData("")]
        [InlineData("7 0")]
        [InlineData("-1")]
        [InlineData("+70")]
        [InlineData("70a")]
        [InlineData("7\u00b2")]
        [InlineData("\u00a070")]
        [InlineData("70\v")]
        [InlineData("7\r\n 0")]
        [InlineData("70\r\n ")]
        [InlineData("\r\n 70")]
        [InlineData("70\r")]
        [InlineData("7\r0")]
        [InlineData("99999999999999999999")]
        public void MaxForwardsIsJudgedAsItsNumber(string value)
        {
            SipMessage m = Parse("<sip:a@b>;tag=1", "<sip:bob@b>", null, "Max-Forwards: " + value + "\r\n");
            bool bad = m.MaxForwards == -2;
            CheckResult r = RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(bad ? "Max-Forwards is not a number from 0 to 255" : null, r.ErrorReason);
        }

        [Theory]
        [InlineData("3600")]
        [InlineData(" 0 ")]
        [InlineData("2147483647")]
        [InlineData("2147483648")]
        [InlineData("12345678901")]
        [InlineData("")]
        [InlineData("36 00")]
        [InlineData("3600;x")]
        [InlineData("36\r\n 00")]
        [InlineData("3600\r\n\t")]
        public void ExpiresIsJudgedAsItsNumber(string value)
        {
            SipMessage m = Parse("<sip:a@b>;tag=1", "<sip:bob@b>", null, "Expires: " + value + "\r\n");
            bool bad = m.Expires == -2;
            CheckResult r = RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult());
            Assert.Equal(bad ? "Expires is not a number of seconds" : null, r.ErrorReason);
        }

        [Fact]
        public void TheNumbersAreJudgedNotOnlyAgreed()
        {
            // Both sides of the comparisons above could agree by accident: these are the verdicts themselves.
            Assert.Null(RequestCheck.Check(Parse("<sip:a@b>;tag=1", "<sip:bob@b>", null, "Max-Forwards:  70 \r\n"), UaCapabilities.Phone(), new CheckResult()).ErrorReason);
            Assert.Equal(400, RequestCheck.Check(Parse("<sip:a@b>;tag=1", "<sip:bob@b>", null, "Max-Forwards: 256\r\n"), UaCapabilities.Phone(), new CheckResult()).ErrorStatus);
            Assert.Equal(400, RequestCheck.Check(Parse("<sip:a@b>;tag=1", "<sip:bob@b>", null, "Expires: 1\r\n 2\r\n"), UaCapabilities.Phone(), new CheckResult()).ErrorStatus);
            // A bare CR is a fold as the string had it (a space), not a character of the display name's tokens.
            Assert.Null(RequestCheck.Check(Parse("Bob\rSmith <sip:a@b>", "<sip:bob@b>", null, ""), UaCapabilities.Phone(), new CheckResult()).ErrorReason);
            Assert.Null(RequestCheck.Check(Parse("\"J\u00fcrgen\" <sip:a@b>;tag=1", "<sip:bob@b>", null, ""), UaCapabilities.Phone(), new CheckResult()).ErrorReason);
        }
    }
}
