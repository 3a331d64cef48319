using System.IO;
using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Torture
{
    /// <summary>The tricky valid messages, field by field.</summary>
    public class TortureFieldTests
    {
        private static SipMessage Parse(string file)
        {
            Skip.If(TestPaths.Torture == null, TestPaths.MissingTorture);
            (SipMessage m, ParseResult p, CheckResult c) = TortureTests.Judge(File.ReadAllBytes(Path.Combine(TestPaths.Torture, file)));
            Assert.Equal(ParseResult.Ok, p.Code);
            Assert.True(c.Code == ParseResult.Ok, c.ErrorReason);
            return m;
        }

        [SkippableFact]
        public void Wsinv_FoldingCompactFormsAndLeadingZeros()
        {
            SipMessage m = Parse("wsinv.dat");
            Assert.Equal("INVITE", m.Method);
            Assert.Equal(68, m.MaxForwards);
            Assert.Equal(9, m.CSeq);
            Assert.Equal("INVITE", m.CSeqMethod);
            Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
            Assert.Equal("98asjd8", m.From.Tag);
            Assert.Equal("1918181833n", m.To.Tag);
            Assert.Equal(3, m.ViaCount);
            Via second = m.GetVia(1);
            Assert.Equal("TCP", second.Transport);
            Assert.Equal("spindle.example.com", second.Host);
            Assert.Equal("z9hG4bK9ikj8", second.Branch);
            Assert.Equal("z9hG4bK30239", m.GetVia(2).Branch);
            Assert.Equal("newfangled value continued newfangled value", m.GetHeader("NewFangledHeader"));
            NameAddr contact = m.GetContact(0);
            Assert.Equal("Quoted string \"\"", contact.DisplayName);
            Assert.Equal("0.33", contact.GetParam("q"));
            Assert.Equal("newvalue", contact.GetParam("newparam"));
            Assert.Equal(150, m.BodyLength);
            Assert.NotNull(m.RequestUri.GetParam("unknownparam"));
        }

        [SkippableFact]
        public void Esc01_EscapesAreDecodedForComparison()
        {
            SipMessage m = Parse("esc01.dat");
            Assert.Equal("sips:user@example.com", m.RequestUri.User);
            Assert.Equal("example.net", m.RequestUri.Host);
            Assert.Equal("user", m.To.Uri.User);
            Assert.Equal("I have spaces", m.From.Uri.User);
            Assert.Equal("caller", m.GetContact(0).Uri.User);
            Assert.Equal("example.com", m.To.Uri.Host);
        }

        [SkippableFact]
        public void Escnull_NulIsACharacterNotAnEnd()
        {
            SipMessage m = Parse("escnull.dat");
            Assert.Equal("null-\0-null", m.To.Uri.User);
            Assert.Equal("\0", m.GetContact(0).Uri.User);
            Assert.Equal("\0\0", m.GetContact(1).Uri.User);
            Assert.Equal(0, m.BodyLength);
        }

        [SkippableFact]
        public void Semiuri_SemicolonBelongsToTheUser()
        {
            SipMessage m = Parse("semiuri.dat");
            Assert.Equal("user;par=u@example.net", m.RequestUri.User);
            Assert.Null(m.RequestUri.GetParam("par"));
            Assert.Equal(6, m.CountHeaderValues("Accept"));
            Assert.Equal("message/sipfrag", m.GetHeaderValue("Accept", 5));
        }

        [SkippableFact]
        public void Mpart01_BodyIsExactlyContentLengthBinaryBytes()
        {
            SipMessage m = Parse("mpart01.dat");
            Assert.Equal(553, m.BodyLength);
            Assert.Equal("multipart/mixed", m.ContentType);
            Assert.Equal(m.Length, m.BodyOffset + m.BodyLength);
        }

        [SkippableFact]
        public void Dblreq_OnlyTheFirstMessageOfTheDatagram()
        {
            byte[] data = File.ReadAllBytes(Path.Combine(TestPaths.Torture ?? "", "dblreq.dat"));
            SipMessage m = Parse("dblreq.dat");
            Assert.Equal("REGISTER", m.Method);
            Assert.Equal(0, m.BodyLength);
            Assert.True(m.Length < data.Length);
            Assert.StartsWith("INVITE", Encoding.ASCII.GetString(data, m.Length, data.Length - m.Length).TrimStart());
        }

        [SkippableFact]
        public void Intmeth_OddButLegalCharacters()
        {
            SipMessage m = Parse("intmeth.dat");
            Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
            Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
            Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
            Assert.Equal("BEL:\u0007 NUL:\0 DEL:\u007F", m.To.DisplayName);
            Assert.Equal("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
        }

        [SkippableFact]
        public void Lwsdisp_And_Transports()
        {
            Assert.Equal("caller", Parse("lwsdisp.dat").From.DisplayName);
            SipMessage t = Parse("transports.dat");
            Assert.Equal(5, t.ViaCount);
            Assert.Equal("UNKNOWN", t.GetVia(3).Transport);
            Assert.Equal("SCTP", t.GetVia(1).Transport);
        }

        [SkippableFact]
        public void Responses_UnusualAndEmptyReasons()
        {
            SipMessage u = Parse("unreason.dat");
            Assert.Equal(200, u.StatusCode);
            Assert.StartsWith("= 2**3 * 5**2 но сто девяносто девять", u.ReasonPhrase);
            SipMessage n = Parse("noreason.dat");
            Assert.Equal(100, n.StatusCode);
            Assert.Equal("", n.ReasonPhrase);
        }

        [SkippableFact]
        public void Inv2543_BodyIsTheRestOfTheDatagram()
        {
            SipMessage m = Parse("inv2543.dat");
            Assert.Null(m.GetVia(0).Branch);
            Assert.Null(m.From.Tag);
            Assert.Equal(-1, m.MaxForwards);
            Assert.True(m.BodyLength > 100);
        }

        [SkippableFact]
        public void Bext01_UnsupportedListsEveryUnknownOption()
        {
            Skip.If(TestPaths.Torture == null, TestPaths.MissingTorture);
            (_, _, CheckResult c) = TortureTests.Judge(File.ReadAllBytes(Path.Combine(TestPaths.Torture, "bext01.dat")));
            Assert.Equal(420, c.ErrorStatus);
            Assert.Equal("Unsupported", c.HeaderName);
            Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", c.HeaderValue);
        }

        [SkippableFact]
        public void Invut_415CarriesAccept_And_Register405CarriesAllow()
        {
            Skip.If(TestPaths.Torture == null, TestPaths.MissingTorture);
            (_, _, CheckResult c) = TortureTests.Judge(File.ReadAllBytes(Path.Combine(TestPaths.Torture, "invut.dat")));
            Assert.Equal("Accept", c.HeaderName);
            Assert.Contains("application/sdp", c.HeaderValue);
            (_, _, CheckResult r) = TortureTests.Judge(File.ReadAllBytes(Path.Combine(TestPaths.Torture, "cparam02.dat")));
            Assert.Equal("Allow", r.HeaderName);
            Assert.Contains("MESSAGE", r.HeaderValue);
        }
    }
}
