using DeskPhone.Sip.Session;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>UPDATE from the other side (RFC 3311, docs/calls.md "UPDATE"), asserted on the bytes the phone answers.</summary>
    public partial class CallSessionTests
    {
        private static string Update(string tag, int cseq, string body = "", string extra = "", string contact = "<sip:200@10.0.0.9:5062>") =>
            "UPDATE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKup" + cseq + "\r\n" +
            "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: " + cseq + " UPDATE\r\n" +
            "Contact: " + contact + "\r\nMax-Forwards: 70\r\n" + extra +
            (body.Length > 0 ? "Content-Type: application/sdp\r\n" : "") + "Content-Length: " + body.Length + "\r\n\r\n" + body;

        private static string UpdateOkHead(string tag, int cseq) =>
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKup" + cseq + "\r\n" +
            "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: " + cseq + " UPDATE\r\n" +
            "Contact: <sip:100@192.0.2.10:5060;line=dp1>\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, INFO, REFER, UPDATE, PRACK\r\n";

        [Fact]
        public void AnUpdateWithAnOfferHoldsAndResumesTheCallAndItsRetransmissionIsAnsweredAgain()
        {
            string tag = Connected(out SipCall call);
            string hold = Answer("recvonly", "2");
            Arrive(Update(tag, 8, PeerSdp + "a=sendonly\r\n"));
            Assert.Equal(UpdateOkHead(tag, 8) + "User-Agent: DeskPhone\r\nContent-Type: application/sdp\r\nContent-Length: " + hold.Length + "\r\n\r\n" + hold,
                _channel.Last);
            Assert.True(call.RemoteHeld);
            Assert.Equal(SipCall.Connected, call.State);

            int changes = _handler.Changes.Count;
            string resume = Answer("sendrecv", "3");
            Arrive(Update(tag, 9, PeerSdp + "a=sendrecv\r\n"));
            Assert.EndsWith("\r\n\r\n" + resume, _channel.Last);
            Assert.False(call.RemoteHeld);
            Assert.Equal(changes + 1, _handler.Changes.Count);

            // The same UPDATE again (its 200 was lost): the same answer, applied once.
            string first = _channel.Last;
            Arrive(Update(tag, 9, PeerSdp + "a=sendrecv\r\n"));
            Assert.Equal(first, _channel.Last);
            Assert.Equal(changes + 1, _handler.Changes.Count);
        }

        [Fact]
        public void AnUpdateWithoutSdpRefreshesTheTargetAndTheSessionTimer()
        {
            Arrive(Invite().Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSupported: timer\r\nSession-Expires: 90\r\n"));
            SipCall call = _handler.Last;
            string tag = LocalTag;
            _calls.Answer(call, _now);
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack1\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            Run(50000);
            Assert.Equal(SipCall.Connected, call.State);

            // 50 s in, the caller refreshes with UPDATE from a new address: the 200 carries the timer, no body.
            long refreshed = _now;
            Arrive(Update(tag, 8, "", "Supported: timer\r\nSession-Expires: 90;refresher=uac\r\n", "<sip:200@10.0.0.7:5070>"));
            Assert.Equal(UpdateOkHead(tag, 8) + "Require: timer\r\nSession-Expires: 90;refresher=uac\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n",
                _channel.Last);

            // The session now ends 60 s after the refresh, not after the INVITE; the BYE goes to the new target.
            while (call.State == SipCall.Connected && _now < refreshed + 120000)
            {
                Run(10);
            }
            Assert.InRange(_now - refreshed, 59980, 60020);
            Assert.StartsWith("BYE sip:200@10.0.0.7:5070 SIP/2.0\r\n", _channel.Last);
        }

        [Fact]
        public void InARingingCallAnOfferGets500WithRetryAfterAndATargetRefreshGets200()
        {
            SipCall call = Ringing();
            string tag = LocalTag;
            Arrive(Update(tag, 8, PeerSdp + "a=sendonly\r\n"));
            Assert.StartsWith("SIP/2.0 500 Server Internal Error\r\n", _channel.Last);
            int retry = int.Parse(FakeChannel.Header(_channel.Last, "Retry-After"));
            Assert.InRange(retry, 0, 10);
            Assert.False(call.RemoteHeld);

            Arrive(Update(tag, 9, "", "", "<sip:200@10.0.0.7:5070>"));
            Assert.Equal(UpdateOkHead(tag, 9) + "User-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", _channel.Last);
            Assert.Equal(SipCall.Alerting, call.State);
            _calls.Answer(call, _now);
            _calls.Hangup(call, 486, _now);
            Assert.StartsWith("BYE sip:200@10.0.0.7:5070 SIP/2.0\r\n", _channel.Last);
        }

        [Fact]
        public void AnOfferWhileThePhonesOwnIsPendingGets491()
        {
            string tag = Connected(out SipCall call);
            Assert.True(_calls.Hold(call, true, _now));
            Arrive(Update(tag, 8, PeerSdp + "a=sendonly\r\n"));
            Assert.StartsWith("SIP/2.0 491 Request Pending\r\n", _channel.Last);
            Assert.False(call.RemoteHeld);
        }

        [Fact]
        public void AnOfferInTheEarlyDialogOfADialledCallGets491()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Ringing180(invite, "e1"));
            string update = "UPDATE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKupe\r\n" +
                            "From: <sip:200@10.0.0.1>;tag=e1\r\nTo: " + FakeChannel.Header(invite, "From") + "\r\nCall-ID: " + FakeChannel.Header(invite, "Call-ID") +
                            "\r\nCSeq: 1 UPDATE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + PeerSdp.Length + "\r\n\r\n" + PeerSdp;
            Arrive(update);
            Assert.StartsWith("SIP/2.0 491 Request Pending\r\n", _channel.Last);
            Assert.Equal(SipCall.Ringing, call.State);
        }

        [Fact]
        public void AnUpdateOutsideADialogGets481AndAnOldCSeq500()
        {
            string tag = Connected(out SipCall call);
            Arrive(Update("nosuch", 8));
            Assert.StartsWith("SIP/2.0 481 Call/Transaction Does Not Exist\r\n", _channel.Last);
            Arrive(Update(tag, 7, PeerSdp + "a=sendonly\r\n"));
            Assert.StartsWith("SIP/2.0 500 ", _channel.Last);
            Assert.False(call.RemoteHeld);
        }
    }
}
