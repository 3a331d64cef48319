using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest
{
    /// <summary>
    /// An incoming call from a caller with a non-ASCII display name, in the interpreter: the call keeps the caller's From
    /// as one header (quoted name, URI, tag) and reads its URI, name and tag back from it (h-sipcall2). nanoCLR's
    /// string searches are wrong after non-ASCII text (docs/device-tests.md), so a "Müller" would lose the URI and
    /// tag there while the host passed: these read them in the interpreter. The host twin is
    /// tests/Sip.Tests/Stack/CallSessionTests.Dialogs.cs (ACallersNonAsciiOrEscapedNameKeepsItsUriNumberAndTags).
    /// </summary>
    [TestClass]
    public class CallerNameTests
    {
        private const string PeerSdp =
            "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

        // Rings every call and keeps the last one that changed.
        private sealed class Ringer : ISessionHandler
        {
            public SipCall Last;

            public int OnIncoming(SipCall call, SipMessage invite, out string contact)
            {
                contact = null;
                return 180;
            }

            public void OnChanged(SipCall call, long nowMs) => Last = call;

            public bool PortBindable(int port) => true;

            public void DtmfReceived(SipCall call, char key, long nowMs)
            {
            }
        }

        // Every request is for identity 1 (the identity routing is not what these test).
        private sealed class OneIdentity : IIdentityRouter
        {
            public int IdentityFor(SipPacket packet, SipMessage request) => 1;
        }

        private sealed class Rig
        {
            public readonly SipInbox Inbox = new SipInbox(2, 2048);
            public readonly RecordingTransport Wire = new RecordingTransport();
            public readonly Ringer Handler = new Ringer();
            public readonly SipUserAgent Agent;
            public readonly CallSessions Calls;
            public long Now = 1000;

            public Rig()
            {
                Agent = new SipUserAgent(Inbox) { Udp = Wire, LocalHost = "192.0.2.10", Router = new OneIdentity() };
                Agent.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "100", Registrar = "10.0.0.1", Password = "pw" });
                Calls = new CallSessions(Agent, Handler, true);
            }

            public void Arrive(string text)
            {
                byte[] datagram = Encoding.UTF8.GetBytes(text);
                SipPacket p = Inbox.Rent();
                System.Array.Copy(datagram, p.Data, datagram.Length);
                p.Length = datagram.Length;
                p.RemoteHost = "10.0.0.1";
                p.RemotePort = 5060;
                p.Transport = Wire;
                Inbox.Post(p);
                Now += 10;
                Agent.Poll(Now);
            }

            // The phone's last datagram, parsed by the real parser (the text holds the name: no string search on it).
            public SipMessage Last()
            {
                var m = new SipMessage();
                var result = new ParseResult();
                new SipParser().Parse(Wire.Last, 0, Wire.Last.Length, false, m, result);
                Assert.AreEqual(ParseResult.Ok, result.Code, "the phone's message parses");
                return m;
            }
        }

        private static string Invite(string from) =>
            "INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport\r\n" +
            "From: " + from + " <sip:200@10.0.0.1>;tag=a1\r\n" +
            "To: <sip:100@10.0.0.1>\r\n" +
            "Call-ID: call-1\r\n" +
            "CSeq: 7 INVITE\r\n" +
            "Contact: <sip:200@10.0.0.9:5062>\r\n" +
            "Max-Forwards: 70\r\n" +
            "Content-Type: application/sdp\r\n" +
            "Content-Length: " + PeerSdp.Length.ToString() + "\r\n\r\n" + PeerSdp;

        // The call from <from> shows <name>, the caller's URI and number, matches requests by both tags and writes them
        // in its BYE.
        private static void CheckCall(string from, string name)
        {
            var rig = new Rig();
            rig.Arrive(Invite(from));
            SipCall call = rig.Handler.Last;
            Assert.AreEqual(180, rig.Wire.LastStatus);
            Assert.IsNotNull(call, "the call rings");
            string tag = rig.Last().To.Tag;
            Assert.IsNotNull(tag, "the 180's To tag");
            Assert.AreEqual("sip:200@10.0.0.1", call.RemoteUri);
            Assert.AreEqual("200", call.RemoteUser);
            Assert.AreEqual(name, call.RemoteName);

            Assert.IsTrue(rig.Calls.Answer(call, rig.Now));
            string bye = "BYE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKbye1\r\n" +
                         "From: <sip:200@10.0.0.1>;tag=a2\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 8 BYE\r\n" +
                         "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            rig.Arrive(bye);
            Assert.AreEqual(481, rig.Wire.LastStatus, "a BYE with another From tag is not the call's");
            Assert.AreEqual(SipCall.Connected, call.State);

            Assert.IsTrue(rig.Calls.Hangup(call, 486, rig.Now));
            SipMessage sent = rig.Last();
            Assert.AreEqual("BYE", sent.Method);
            Assert.AreEqual(tag, sent.From.Tag, "the phone's tag");
            Assert.AreEqual("a1", sent.To.Tag, "the caller's tag");
            Assert.AreEqual(name, sent.To.DisplayName);
            Assert.AreEqual("200", sent.To.Uri.User);
            Assert.AreEqual(SipCall.Ended, call.State);
            Assert.AreEqual(name, call.RemoteName);
        }

        [TestMethod]
        public void ACallerNamedMuellerKeepsItsUriNumberAndTags() => CheckCall("\"M\u00fcller\"", "M\u00fcller");

        [TestMethod]
        public void ACallerWithAnEmojiAndAngleBracketsInItsNameKeepsItsUriNumberAndTags() =>
            CheckCall("\"\ud83d\ude00 M\u00fcller <1>\"", "\ud83d\ude00 M\u00fcller <1>");

        [TestMethod]
        public void ACallerWithAnEscapedQuoteInItsNameKeepsItsUriNumberAndTags() =>
            CheckCall("\"M\u00fcller \\\"B\\\" \\\\;tag=x\"", "M\u00fcller \"B\" \\;tag=x");
    }
}
