using System.Collections.Generic;
using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>A session handler that rings (or refuses with <see cref="Decision"/>) and records every change, and how transfers end.</summary>
    internal sealed class RecordingSessions : ISessionHandler, ITransferHandler
    {
        public readonly List<string> Changes = new List<string>();
        public readonly List<string> Transfers = new List<string>();
        public int Decision = 180;
        public string Forward;
        public SipCall Last;

        public int OnIncoming(SipCall call, SipMessage invite, out string contact)
        {
            contact = Forward;
            return Decision;
        }

        public void OnChanged(SipCall call, long nowMs)
        {
            Last = call;
            Changes.Add(call.Id + " " + call.State + (call.State == SipCall.Ended ? " " + call.EndStatus + " " + call.EndReason : ""));
        }

        public void OnTransferDone(SipCall call, int status, long nowMs) => Transfers.Add(call.Id + " " + status);

        // No media here: every port can be bound, a DTMF INFO is answered and not kept.
        public bool PortBindable(int port) => true;

        public void DtmfReceived(SipCall call, char key, long nowMs)
        {
        }
    }

    /// <summary>
    /// The INVITE sessions over a fake channel in virtual time: every message the phone builds compared byte for byte
    /// (tags, branches and Call-IDs are the phone's random tokens, read back from what it sent), and the timers.
    /// </summary>
    public partial class CallSessionTests
    {
        private const string PeerSdp =
            "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly FakeChannel _channel;
        private readonly RecordingSessions _handler = new RecordingSessions();
        private readonly SipUserAgent _ua;
        private readonly CallSessions _calls;
        private long _now;

        public CallSessionTests()
        {
            _channel = new FakeChannel(_inbox);
            _ua = new SipUserAgent(_inbox) { Udp = _channel, LocalHost = "192.0.2.10" };
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "100", Registrar = "10.0.0.1", Password = "pw" });
            // The phone's chain: the sessions, then the identity routing.
            _calls = new CallSessions(_ua, _handler, true);
            _ua.Route(new RecordingHandler());
        }

        private static string Invite(string body = PeerSdp, string branch = "z9hG4bKinv1", string callId = "call-1") =>
            "INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + ";rport\r\n" +
            "Record-Route: <sip:10.0.0.1;lr>\r\n" +
            "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\n" +
            "To: <sip:100@10.0.0.1>\r\n" +
            "Call-ID: " + callId + "\r\n" +
            "CSeq: 7 INVITE\r\n" +
            "Contact: <sip:200@10.0.0.9:5062>\r\n" +
            "Max-Forwards: 70\r\n" +
            (body.Length > 0 ? "Content-Type: application/sdp\r\n" : "") +
            "Content-Length: " + body.Length + "\r\n\r\n" + body;

        private void Arrive(string text)
        {
            _channel.Arrive(text);
            _ua.Poll(_now);
        }

        private void Run(long ms)
        {
            long end = _now + ms;
            while (_now < end)
            {
                _now += 10;
                _ua.Poll(_now);
                _calls.Poll(_now);
            }
        }

        private static string Param(string text, string name)
        {
            int at = text.IndexOf(";" + name + "=");
            int start = at + name.Length + 2;
            int end = start;
            while (end < text.Length && text[end] != ';' && text[end] != '>' && text[end] != '\r')
            {
                end++;
            }
            return text.Substring(start, end - start);
        }

        private string Sent(int fromEnd) => _channel.Sent[_channel.Sent.Count - 1 - fromEnd].Text;

        private SipCall Ringing()
        {
            Arrive(Invite());
            return _handler.Last;
        }

        private string LocalTag => Param(FakeChannel.Header(_channel.Last, "To"), "tag");

        // The caller's BYE for call-1 with the given From (its tag) and the phone's tag in its To.
        private static string CallerBye(string from, string localTag) =>
            "BYE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKbye1\r\n" +
            "From: " + from + "\r\nTo: <sip:100@10.0.0.1>;tag=" + localTag + "\r\nCall-ID: call-1\r\nCSeq: 8 BYE\r\n" +
            "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

        [Fact]
        public void IncomingInviteIsAnsweredTryingThenRingingWithTheDialogsTagAndContact()
        {
            SipCall call = Ringing();

            Assert.Equal(2, _channel.Sent.Count);
            Assert.Equal(
                "SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport=5060;received=10.0.0.1\r\n" +
                "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: call-1\r\nCSeq: 7 INVITE\r\n" +
                "User-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", Sent(1));
            string tag = LocalTag;
            Assert.Equal(
                "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport=5060;received=10.0.0.1\r\n" +
                "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 INVITE\r\n" +
                "Record-Route: <sip:10.0.0.1;lr>\r\nContact: <sip:100@192.0.2.10:5060;line=dp1>\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n",
                _channel.Last);
            Assert.Equal(SipCall.Alerting, call.State);
            Assert.Equal("Alice", call.RemoteName);
            Assert.Equal("200", call.RemoteUser);
            Assert.Equal(SipCall.Alerting, _calls.Find(call.Id).State);
        }

        [Fact]
        public void TheAnswerIsA200WithTheSdpAnswerRetransmittedUntilTheAck()
        {
            SipCall call = Ringing();
            string tag = LocalTag;
            Assert.True(_calls.Answer(call, _now));

            string ok = _channel.Last;
            string sdp = "v=0\r\no=DeskPhone 1 1 IN IP4 192.0.2.10\r\ns=DeskPhone\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" +
                         "m=audio 10000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" +
                         "a=ptime:20\r\na=sendrecv\r\n";
            Assert.Equal(
                "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport=5060;received=10.0.0.1\r\n" +
                "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 INVITE\r\n" +
                "Record-Route: <sip:10.0.0.1;lr>\r\nContact: <sip:100@192.0.2.10:5060;line=dp1>\r\n" +
                "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, INFO, REFER, UPDATE, PRACK\r\nUser-Agent: DeskPhone\r\n" +
                "Content-Type: application/sdp\r\nContent-Length: " + sdp.Length + "\r\n\r\n" + sdp, ok);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal("10.0.0.9", call.MediaAddress);
            Assert.Equal(4000, call.MediaPort);
            Assert.Equal(Sdp.Pcma, call.Codec);

            // Decoded again, the 200 is what the peer reads: its SDP offers the chosen codec on the phone's port.
            var parsed = new SipMessage();
            byte[] bytes = Encoding.UTF8.GetBytes(ok);
            new SipParser().Parse(bytes, 0, bytes.Length, false, parsed, new ParseResult());
            var media = new SdpMedia();
            Assert.True(media.Parse(parsed.Buffer, parsed.BodyOffset, parsed.BodyLength));
            Assert.Equal("192.0.2.10", media.Address);
            Assert.Equal(10000, media.Port);
            Assert.Equal(8, media.Payload(0));
            Assert.Equal(101, media.TelephoneEvent);

            var times = new List<long>();
            for (int i = 0; i < 5; i++)
            {
                int before = _channel.Sent.Count;
                while (_channel.Sent.Count == before)
                {
                    Run(10);
                }
                Assert.Equal(ok, _channel.Last);
                times.Add(_now);
            }
            Assert.Equal(new long[] { 500, 1500, 3500, 7500, 11500 }, times.ToArray());

            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack1\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            int sent = _channel.Sent.Count;
            Run(40000);
            Assert.Equal(sent, _channel.Sent.Count);
            Assert.Equal(SipCall.Connected, call.State);
        }

        [Fact]
        public void AnInviteWithoutOfferGetsTheOfferInThe200AndTheAnswerInTheAck()
        {
            Arrive(Invite(""));
            SipCall call = _handler.Last;
            string tag = LocalTag;
            _calls.Answer(call, _now);
            Assert.EndsWith("\r\n\r\n" + Offer(session: 1), _channel.Last);
            Assert.Null(call.MediaAddress);

            string answer = PeerSdp.Replace("RTP/AVP 8 0 101", "RTP/AVP 0");
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack1\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + answer.Length + "\r\n\r\n" + answer);
            Assert.Equal("10.0.0.9", call.MediaAddress);
            Assert.Equal(Sdp.Pcmu, call.Codec);
        }

        [Fact]
        public void WithoutAnAckThe200StopsAfter64T1AndTheCallEndsWithBye()
        {
            SipCall call = Ringing();
            _calls.Answer(call, _now);
            Run(32000);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal("no ACK", call.EndReason);
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Equal(0, _calls.Count);
        }

        [Fact]
        public void CancelIsAnswered200AndTheInvite487RetransmittedUntilItsAck()
        {
            SipCall call = Ringing();
            string tag = LocalTag;
            Arrive("CANCEL sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: call-1\r\nCSeq: 7 CANCEL\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

            Assert.StartsWith("SIP/2.0 200 OK\r\n", Sent(1));
            Assert.Contains("CSeq: 7 CANCEL\r\n", Sent(1));
            string refused =
                "SIP/2.0 487 Request Terminated\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport=5060;received=10.0.0.1\r\n" +
                "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 INVITE\r\n" +
                "User-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n";
            Assert.Equal(refused, _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(487, call.EndStatus);
            Assert.Equal("cancelled", call.EndReason);

            Run(500);
            Assert.Equal(refused, _channel.Last);
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            int sent = _channel.Sent.Count;
            Run(40000);
            Assert.Equal(sent, _channel.Sent.Count);
        }

        [Fact]
        public void IncomingByeIsAnswered200AndEndsTheCallAnUnknownOneGets481()
        {
            SipCall call = Ringing();
            string tag = LocalTag;
            _calls.Answer(call, _now);
            string bye = CallerBye("\"Alice\" <sip:200@10.0.0.1>;tag=a1", tag);
            Arrive(bye);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal("remote hung up", call.EndReason);

            Arrive(bye.Replace("z9hG4bKbye1", "z9hG4bKbye2"));
            Assert.StartsWith("SIP/2.0 481 Call/Transaction Does Not Exist\r\n", _channel.Last);
        }

        [Fact]
        public void HangingUpAConnectedCallSendsByeThroughTheRouteSet()
        {
            SipCall call = Ringing();
            string tag = LocalTag;
            _calls.Answer(call, _now);
            Assert.True(_calls.Hangup(call, 486, _now));

            string bye = _channel.Last;
            string branch = Param(FakeChannel.Header(bye, "Via"), "branch");
            Assert.Equal(
                "BYE sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n" +
                "Route: <sip:10.0.0.1;lr>\r\nFrom: <sip:100@10.0.0.1>;tag=" + tag + "\r\nTo: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\n" +
                "Call-ID: call-1\r\nCSeq: 1 BYE\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", bye);
            Assert.Equal("10.0.0.1", _channel.Sent[_channel.Sent.Count - 1].Host);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal("hung up", call.EndReason);
        }

        [Fact]
        public void RejectingARingingCallAnswers486AndAFifthCallGets486()
        {
            SipCall first = Ringing();
            Assert.True(_calls.Hangup(first, 486, _now));
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", _channel.Last);
            Assert.Equal(0, _calls.Count);

            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                Arrive(Invite(branch: "z9hG4bKm" + i, callId: "m" + i));
                Assert.StartsWith("SIP/2.0 180 Ringing\r\n", _channel.Last);
            }
            Arrive(Invite(branch: "z9hG4bKm9", callId: "m9"));
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", _channel.Last);
            Assert.Equal(CallSessions.MaxCalls, _calls.Count);
        }

        [Fact]
        public void AnOfferWithoutACommonCodecGets488()
        {
            Arrive(Invite(PeerSdp.Replace("RTP/AVP 8 0 101", "RTP/AVP 9 101")));
            Assert.StartsWith("SIP/2.0 488 Not Acceptable Here\r\n", _channel.Last);
            Assert.Equal(0, _calls.Count);
        }

        [Fact]
        public void TheHandlersRefusalKeepsTodaysBehaviourAndIsRetransmittedUntilTheAck()
        {
            _handler.Decision = 302;
            _handler.Forward = "<sip:300@10.0.0.1>";
            Arrive(Invite());
            string refused = _channel.Last;
            Assert.StartsWith("SIP/2.0 302 Moved Temporarily\r\n", refused);
            Assert.Equal("<sip:300@10.0.0.1>", FakeChannel.Header(refused, "Contact"));
            Run(500);
            Assert.Equal(refused, _channel.Last);
            Assert.Equal(0, _calls.Count);
        }

        [Fact]
        public void RetransmittedInviteGetsTheLastResponseAgain()
        {
            Ringing();
            string ringing = _channel.Last;
            Arrive(Invite());
            Assert.Equal(ringing, _channel.Last);
            Assert.Equal(1, _calls.Count);
        }

        [Theory]
        [InlineData("CANCEL", "z9hG4bKnone", "", 481)]
        [InlineData("BYE", "z9hG4bKb1", ";tag=other", 481)]
        [InlineData("INVITE", "z9hG4bKre1", ";tag=other", 481)]
        public void RequestsForNoCallOrDialogGet481AndChangeNothing(string method, string branch, string toTag, int status)
        {
            SipCall call = Ringing();
            Arrive(method + " sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + "\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>" + toTag + "\r\nCall-ID: call-1\r\nCSeq: 8 " + method + "\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            Assert.StartsWith("SIP/2.0 " + status + " ", _channel.Last);
            Assert.Equal(SipCall.Alerting, call.State);
            Assert.Equal(1, _calls.Count);
        }

        [Fact]
        public void AStrayAckIsAbsorbedAndABrokenOfferGets488()
        {
            int sent = _channel.Sent.Count;
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKstray\r\n" +
                   "From: <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=x\r\nCall-ID: stray\r\nCSeq: 1 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            Assert.Equal(sent, _channel.Sent.Count);

            Arrive(Invite("garbage without lines"));
            Assert.StartsWith("SIP/2.0 488 Not Acceptable Here\r\n", _channel.Last);
            Arrive(Invite(PeerSdp.Replace("m=audio 4000 RTP/AVP 8 0 101", "m=video 4000 RTP/AVP 96"), "z9hG4bKv", "v1"));
            Assert.StartsWith("SIP/2.0 488 Not Acceptable Here\r\n", _channel.Last);
            Assert.Equal(0, _calls.Count);
        }

        [Fact]
        public void AnInviteWithoutContactStillRingsAndByeGoesToTheCaller()
        {
            Arrive(Invite().Replace("Contact: <sip:200@10.0.0.9:5062>\r\n", "").Replace("Record-Route: <sip:10.0.0.1;lr>\r\n", ""));
            SipCall call = _handler.Last;
            Assert.StartsWith("SIP/2.0 180 Ringing\r\n", _channel.Last);
            _calls.Answer(call, _now);
            _calls.Hangup(call, 486, _now);
            Assert.StartsWith("BYE sip:200@10.0.0.1 SIP/2.0\r\n", _channel.Last);
        }

        private string Connected(out SipCall call)
        {
            call = Ringing();
            string tag = LocalTag;
            _calls.Answer(call, _now);
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack1\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            return tag;
        }

        private static string Answer(string direction, string version = "1") =>
            "v=0\r\no=DeskPhone 1 " + version + " IN IP4 192.0.2.10\r\ns=DeskPhone\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" +
            "m=audio 10000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" +
            "a=ptime:20\r\na=" + direction + "\r\n";

        [Fact]
        public void HoldIsAReInviteWithSendonlyThroughTheDialogAndResumeSendrecv()
        {
            string tag = Connected(out SipCall call);
            Assert.True(_calls.Hold(call, true, _now));

            string reinvite = _channel.Last;
            string branch = Param(FakeChannel.Header(reinvite, "Via"), "branch");
            string sdp = Answer("sendonly", "2");
            Assert.Equal(
                "INVITE sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n" +
                "Route: <sip:10.0.0.1;lr>\r\nFrom: <sip:100@10.0.0.1>;tag=" + tag + "\r\nTo: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\n" +
                "Call-ID: call-1\r\nCSeq: 1 INVITE\r\nContact: <sip:100@192.0.2.10:5060;line=dp1>\r\n" +
                "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, INFO, REFER, UPDATE, PRACK\r\nUser-Agent: DeskPhone\r\n" +
                "Content-Type: application/sdp\r\nContent-Length: " + sdp.Length + "\r\n\r\n" + sdp, reinvite);
            Assert.False(call.Held);

            string peerAnswer = PeerSdp.Replace("m=audio 4000 RTP/AVP 8 0 101", "m=audio 4000 RTP/AVP 8 101") + "a=recvonly\r\n";
            Arrive("SIP/2.0 200 OK\r\nVia: " + FakeChannel.Header(reinvite, "Via") + "\r\nFrom: " + FakeChannel.Header(reinvite, "From") +
                   "\r\nTo: " + FakeChannel.Header(reinvite, "To") + "\r\nCall-ID: call-1\r\nCSeq: 1 INVITE\r\nContact: <sip:200@10.0.0.9:5062>\r\n" +
                   "Content-Type: application/sdp\r\nContent-Length: " + peerAnswer.Length + "\r\n\r\n" + peerAnswer);
            Assert.StartsWith("ACK sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Contains("\r\nRoute: <sip:10.0.0.1;lr>\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 1 ACK\r\n", _channel.Last);
            Assert.True(call.Held);

            Assert.True(_calls.Hold(call, false, _now));
            Assert.EndsWith(Answer("sendrecv", "3"), _channel.Last);
            Assert.Contains("\r\nCSeq: 2 INVITE\r\n", _channel.Last);
        }

        [Fact]
        public void TheOtherSidesHoldIsAnsweredRecvonlyAndItsResumeSendrecv()
        {
            string tag = Connected(out SipCall call);
            string Reinvite(int cseq, string direction)
            {
                string offer = PeerSdp + "a=" + direction + "\r\n";
                return "INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKre" + cseq + "\r\n" +
                       "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: " + cseq + " INVITE\r\n" +
                       "Contact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + offer.Length + "\r\n\r\n" + offer;
            }
            Arrive(Reinvite(8, "sendonly"));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.EndsWith(Answer("recvonly", "2"), _channel.Last);
            Assert.True(call.RemoteHeld);

            Arrive(Reinvite(9, "sendrecv"));
            Assert.EndsWith(Answer("sendrecv", "3"), _channel.Last);
            Assert.False(call.RemoteHeld);

            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack9\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 9 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

            // Glare: an offer of the phone's own is pending, the other side's gets 491.
            Assert.True(_calls.Hold(call, true, _now));
            Arrive(Reinvite(10, "sendonly"));
            Assert.StartsWith("SIP/2.0 491 Request Pending\r\n", _channel.Last);
        }

        [Fact]
        public void ARefusedHoldWith491GoesAgainAfterTheRfcsDelay()
        {
            Connected(out SipCall call);
            _calls.Hold(call, true, _now);
            string reinvite = _channel.Last;
            Arrive("SIP/2.0 491 Request Pending\r\nVia: " + FakeChannel.Header(reinvite, "Via") + "\r\nFrom: " + FakeChannel.Header(reinvite, "From") +
                   "\r\nTo: " + FakeChannel.Header(reinvite, "To") + "\r\nCall-ID: call-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
            // The ACK of the 491 repeats the re-INVITE's route set (RFC 3261 17.1.1.3).
            Assert.StartsWith("ACK sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Contains("\r\nRoute: <sip:10.0.0.1;lr>\r\n", _channel.Last);
            long refused = _now;
            while (!_channel.Last.StartsWith("INVITE ") && _now < refused + 5000)
            {
                Run(10);
            }
            Assert.StartsWith("INVITE sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 2 INVITE\r\n", _channel.Last);
            Assert.InRange(_now - refused, 0, 2000);
        }

        // ---- outgoing ---------------------------------------------------------------------------------------------

        private SipCall Dial(string to = "200")
        {
            string error;
            SipCall call = _calls.Dial(1, to, _now, out error);
            Assert.Null(error);
            return call;
        }

        private static string Offer(string host = "192.0.2.10", int port = 10000, long session = 0) =>
            "v=0\r\no=DeskPhone " + session + " 1 IN IP4 " + host + "\r\ns=DeskPhone\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n" +
            "m=audio " + port + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n" +
            "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

        private string Response(string request, int status, string reason, string extra = "", string body = "")
        {
            return "SIP/2.0 " + status + " " + reason + "\r\nVia: " + FakeChannel.Header(request, "Via") + "\r\n" + extra +
                   "From: " + FakeChannel.Header(request, "From") + "\r\nTo: " + FakeChannel.Header(request, "To") + (status > 100 ? ";tag=b1" : "") + "\r\n" +
                   "Call-ID: " + FakeChannel.Header(request, "Call-ID") + "\r\nCSeq: " + FakeChannel.Header(request, "CSeq") + "\r\n" +
                   (status < 300 && status > 100 ? "Contact: <sip:200@10.0.0.9:5062>\r\n" : "") +
                   (body.Length > 0 ? "Content-Type: application/sdp\r\n" : "") + "Content-Length: " + body.Length + "\r\n\r\n" + body;
        }

        [Fact]
        public void DialSendsAnInviteWithTheOfferToTheRegistrarRetransmittedOnTimerA()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            string branch = Param(FakeChannel.Header(invite, "Via"), "branch");
            string tag = Param(FakeChannel.Header(invite, "From"), "tag");
            string callId = FakeChannel.Header(invite, "Call-ID");
            string sdp = Offer(session: 1);
            Assert.Equal(
                "INVITE sip:200@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n" +
                "From: <sip:100@10.0.0.1>;tag=" + tag + "\r\nTo: <sip:200@10.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" +
                "Contact: <sip:100@192.0.2.10:5060;line=dp1>\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, INFO, REFER, UPDATE, PRACK\r\n" +
                "User-Agent: DeskPhone\r\nSupported: timer, 100rel\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.Length + "\r\n\r\n" + sdp, invite);
            Assert.Equal(("10.0.0.1", 5060), (_channel.Sent[0].Host, _channel.Sent[0].Port));
            Assert.Equal(SipCall.Dialing, call.State);

            var times = new List<long>();
            for (int now = 10; now <= 40000; now += 10)
            {
                int before = _channel.Sent.Count;
                Run(10);
                if (_channel.Sent.Count != before && _channel.Last.StartsWith("INVITE "))
                {
                    Assert.Equal(invite, _channel.Last);
                    times.Add(_now);
                }
            }
            Assert.Equal(new long[] { 500, 1500, 3500, 7500, 15500, 31500 }, times.ToArray());
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(408, call.EndStatus);
        }

        [Fact]
        public void A200IsAcknowledgedOnANewBranchThroughTheReversedRouteSet()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Response(invite, 180, "Ringing"));
            Assert.Equal(SipCall.Ringing, call.State);
            Arrive(Response(invite, 200, "OK", "Record-Route: <sip:10.0.0.2;lr>\r\nRecord-Route: <sip:10.0.0.1;lr>\r\n", PeerSdp));

            string ack = _channel.Last;
            string branch = Param(FakeChannel.Header(ack, "Via"), "branch");
            Assert.NotEqual(Param(FakeChannel.Header(invite, "Via"), "branch"), branch);
            Assert.Equal(
                "ACK sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n" +
                "Route: <sip:10.0.0.1;lr>\r\nRoute: <sip:10.0.0.2;lr>\r\n" +
                "From: " + FakeChannel.Header(invite, "From") + "\r\nTo: <sip:200@10.0.0.1>;tag=b1\r\nCall-ID: " + call.CallId + "\r\n" +
                "CSeq: 1 ACK\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", ack);
            Assert.Equal("10.0.0.1", _channel.Sent[_channel.Sent.Count - 1].Host);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(Sdp.Pcma, call.Codec);
            Assert.Equal(4000, call.MediaPort);

            // The 2xx again: the same ACK again.
            Arrive(Response(invite, 200, "OK", "Record-Route: <sip:10.0.0.2;lr>\r\nRecord-Route: <sip:10.0.0.1;lr>\r\n", PeerSdp));
            Assert.Equal(ack, _channel.Last);

            _calls.Hangup(call, 486, _now);
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 2 BYE\r\n", _channel.Last);
            Assert.Contains("\r\nRoute: <sip:10.0.0.1;lr>\r\nRoute: <sip:10.0.0.2;lr>\r\n", _channel.Last);
        }

        [Fact]
        public void CancellingARingingCallSendsCancelOnTheInvitesBranchAndThe487IsAcknowledged()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Response(invite, 180, "Ringing"));
            Assert.True(_calls.Hangup(call, 486, _now));

            string cancel = _channel.Last;
            Assert.Equal(
                "CANCEL sip:200@10.0.0.1 SIP/2.0\r\nVia: " + FakeChannel.Header(invite, "Via") + "\r\nMax-Forwards: 70\r\n" +
                "From: " + FakeChannel.Header(invite, "From") + "\r\nTo: <sip:200@10.0.0.1>\r\nCall-ID: " + call.CallId + "\r\n" +
                "CSeq: 1 CANCEL\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", cancel);
            Arrive(Response(cancel, 200, "OK"));
            Arrive(Response(invite, 487, "Request Terminated"));

            Assert.Equal(
                "ACK sip:200@10.0.0.1 SIP/2.0\r\nVia: " + FakeChannel.Header(invite, "Via") + "\r\nMax-Forwards: 70\r\n" +
                "From: " + FakeChannel.Header(invite, "From") + "\r\nTo: <sip:200@10.0.0.1>;tag=b1\r\nCall-ID: " + call.CallId + "\r\n" +
                "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal("cancelled", call.EndReason);
        }

        [Fact]
        public void HangingUpBeforeAnyProvisionalSendsTheCancelWhenOneArrives()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Assert.True(_calls.Hangup(call, 486, _now));
            Assert.True(call.Cancelling);
            Assert.Equal(invite, _channel.Last);

            Arrive(Response(invite, 100, "Trying"));
            Assert.StartsWith("CANCEL sip:200@10.0.0.1 SIP/2.0\r\n", _channel.Last);
            Arrive(Response(invite, 487, "Request Terminated"));
            Assert.Equal("cancelled", call.EndReason);
        }

        [Fact]
        public void A407IsAnsweredOnceWithTheIdentitysCredentialsOnANewCSeq()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Response(invite, 407, "Proxy Authentication Required", "Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"n1\"\r\n"));
            string retry = _channel.Last;
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", retry);
            Assert.Contains("\r\nCSeq: 2 INVITE\r\n", retry);
            Assert.Contains("\r\nProxy-Authorization: Digest username=\"100\", realm=\"pbx\", nonce=\"n1\", uri=\"sip:200@10.0.0.1\"", retry);
            Assert.StartsWith("ACK sip:200@10.0.0.1 SIP/2.0\r\n", Sent(1));

            Arrive(Response(retry, 407, "Proxy Authentication Required", "Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"n2\"\r\n"));
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(407, call.EndStatus);
        }

        [Fact]
        public void A302IsFollowedToItsContactAtMostThreeTimes()
        {
            SipCall call = Dial("sip:200@10.0.0.9:5062");
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "100" });
            for (int i = 1; i <= CallSessions.MaxRedirects; i++)
            {
                string invite = _channel.Last;
                Arrive(Response(invite, 302, "Moved Temporarily", "Contact: <sip:30" + i + "@127.0.0.1:506" + i + ">\r\n"));
                Assert.StartsWith("ACK ", Sent(1));
                Assert.StartsWith("INVITE sip:30" + i + "@127.0.0.1:506" + i + " SIP/2.0\r\n", _channel.Last);
                Assert.Contains("\r\nCSeq: " + (i + 1) + " INVITE\r\n", _channel.Last);
                Assert.Equal("To: <sip:200@10.0.0.9:5062>", "To: " + FakeChannel.Header(_channel.Last, "To"));
                Assert.Equal(("127.0.0.1", 5060 + i), (_channel.Sent[^1].Host, _channel.Sent[^1].Port));
            }
            Arrive(Response(_channel.Last, 302, "Moved Temporarily", "Contact: <sip:309@127.0.0.1:5069>\r\n"));
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(302, call.EndStatus);
        }

        [Fact]
        public void ABusyAnswerEndsTheCallWithItsReason()
        {
            SipCall call = Dial("sip:200@10.0.0.9:5062");
            Arrive(Response(_channel.Last, 486, "Busy Here"));
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(486, call.EndStatus);
            Assert.Equal("Busy Here", call.EndReason);
            Assert.Equal(0, _calls.Count);
        }

        [Fact]
        public void IncomingByeEndsAnOutgoingCall()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Response(invite, 200, "OK", "", PeerSdp));
            Arrive("BYE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKb9\r\n" +
                   "From: <sip:200@10.0.0.1>;tag=b1\r\nTo: " + FakeChannel.Header(invite, "From") + "\r\nCall-ID: " + call.CallId + "\r\n" +
                   "CSeq: 1 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Equal("remote hung up", call.EndReason);
        }

        [Fact]
        public void BadTargetsAreRefusedWithAReason()
        {
            string error;
            Assert.Null(_calls.Dial(1, "", _now, out error));
            Assert.NotNull(error);
            Assert.Null(_calls.Dial(2, "200", _now, out error));
            Assert.Equal("identity 2 is not active", error);
        }
    }
}
