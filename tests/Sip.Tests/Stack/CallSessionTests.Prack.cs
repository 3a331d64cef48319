using DeskPhone.Sip.Session;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>Reliable provisionals and PRACK (RFC 3262, docs/calls.md "PRACK"), asserted on the bytes the phone sends and answers.</summary>
    public partial class CallSessionTests
    {
        private const string Reliable = "Require: 100rel\r\nRSeq: ";

        /// <summary>A provisional of the phone's INVITE with Require: 100rel and this RSeq, with the peer's SDP unless told.</summary>
        private string ReliableResponse(string invite, int status, string reason, int rseq, string body = PeerSdp) =>
            Response(invite, status, reason, "Record-Route: <sip:10.0.0.2;lr>\r\nRecord-Route: <sip:10.0.0.1;lr>\r\n" + Reliable + rseq + "\r\n", body);

        private string PrackHead(string invite, string branch, int cseq) =>
            "PRACK sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n" +
            "Route: <sip:10.0.0.1;lr>\r\nRoute: <sip:10.0.0.2;lr>\r\n" +
            "From: " + FakeChannel.Header(invite, "From") + "\r\nTo: <sip:200@10.0.0.1>;tag=b1\r\nCall-ID: " + FakeChannel.Header(invite, "Call-ID") + "\r\n" +
            "CSeq: " + cseq + " PRACK\r\n";

        [Fact]
        public void AReliable183IsPrackedOnceInOrderThroughItsRouteSetAndItsSdpStartsEarlyMedia()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Assert.Contains("\r\nSupported: timer, 100rel\r\n", invite);

            Arrive(ReliableResponse(invite, 183, "Session Progress", 1));
            string prack = _channel.Last;
            string branch = Param(FakeChannel.Header(prack, "Via"), "branch");
            Assert.Equal(PrackHead(invite, branch, 2) + "RAck: 1 1 INVITE\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", prack);
            Assert.Equal(("10.0.0.1", 5060), (_channel.Sent[_channel.Sent.Count - 1].Host, _channel.Sent[_channel.Sent.Count - 1].Port));
            Assert.Equal(SipCall.Ringing, call.State);
            Assert.True(call.EarlyMedia);
            Assert.Equal(4000, call.MediaPort);

            // The same 183 again (the PRACK's answer not seen yet): not acknowledged as new; nor an RSeq out of order.
            int sent = _channel.Sent.Count;
            int changes = _handler.Changes.Count;
            Arrive(ReliableResponse(invite, 183, "Session Progress", 1));
            Arrive(ReliableResponse(invite, 180, "Ringing", 3, ""));
            Assert.Equal(sent, _channel.Sent.Count);
            Assert.Equal(changes, _handler.Changes.Count);

            // The next in order: PRACKed with the next CSeq.
            Arrive(ReliableResponse(invite, 180, "Ringing", 2, ""));
            string second = _channel.Last;
            Assert.Equal(PrackHead(invite, Param(FakeChannel.Header(second, "Via"), "branch"), 3) +
                         "RAck: 2 1 INVITE\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", second);

            // The 200 of the INVITE: the ACK keeps the INVITE's CSeq, the BYE goes above the PRACKs'.
            Arrive(Response(invite, 200, "OK", "Record-Route: <sip:10.0.0.2;lr>\r\nRecord-Route: <sip:10.0.0.1;lr>\r\n"));
            Assert.StartsWith("ACK sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 1 ACK\r\n", _channel.Last);
            Assert.Equal(SipCall.Connected, call.State);
            _calls.Hangup(call, 486, _now);
            Assert.Contains("\r\nCSeq: 4 BYE\r\n", _channel.Last);
        }

        [Fact]
        public void AnUnreliable183GetsNoPrackAndACancelAfterAPrackKeepsTheInvitesCSeq()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Response(invite, 183, "Session Progress", "RSeq: 1\r\n", PeerSdp));
            Assert.Equal(invite, _channel.Last);

            Arrive(ReliableResponse(invite, 180, "Ringing", 7, ""));
            Assert.StartsWith("PRACK ", _channel.Last);
            Assert.Contains("\r\nRAck: 7 1 INVITE\r\n", _channel.Last);
            _calls.Hangup(call, 486, _now);
            Assert.StartsWith("CANCEL sip:200@10.0.0.1 SIP/2.0\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 1 CANCEL\r\n", _channel.Last);
        }

        [Fact]
        public void APrackChallengedWith407GoesAgainWithTheIdentitysCredentials()
        {
            Dial();
            string invite = _channel.Last;
            Arrive(ReliableResponse(invite, 183, "Session Progress", 1));
            string prack = _channel.Last;
            Arrive("SIP/2.0 407 Proxy Authentication Required\r\nVia: " + FakeChannel.Header(prack, "Via") + "\r\n" +
                   "From: " + FakeChannel.Header(prack, "From") + "\r\nTo: " + FakeChannel.Header(prack, "To") + "\r\n" +
                   "Call-ID: " + FakeChannel.Header(prack, "Call-ID") + "\r\nCSeq: 2 PRACK\r\n" +
                   "Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"n1\"\r\nContent-Length: 0\r\n\r\n");
            string retry = _channel.Last;
            Assert.StartsWith("PRACK sip:200@10.0.0.9:5062 SIP/2.0\r\n", retry);
            Assert.Contains("\r\nCSeq: 3 PRACK\r\nRAck: 1 1 INVITE\r\n", retry);
            Assert.Contains("\r\nProxy-Authorization: Digest username=\"100\", realm=\"pbx\", nonce=\"n1\", uri=\"sip:200@10.0.0.9:5062\"", retry);
        }

        [Fact]
        public void AnUpdateOfferInTheEarlyDialogIsAnsweredOnlyAfterAReliableAnswer()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            string tag = Param(FakeChannel.Header(invite, "From"), "tag");
            string callId = FakeChannel.Header(invite, "Call-ID");
            string update = "UPDATE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKeu1\r\n" +
                            "From: <sip:200@10.0.0.1>;tag=b1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: " + callId + "\r\n" +
                            "CSeq: 11 UPDATE\r\nContact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n" +
                            "Content-Length: " + (PeerSdp.Length + 12) + "\r\n\r\n" + PeerSdp + "a=sendonly\r\n";

            // An unreliable 183: the INVITE's offer is not answered for good, so an offer of the other side's is glare.
            Arrive(Response(invite, 183, "Session Progress", "", PeerSdp));
            Arrive(update);
            Assert.StartsWith("SIP/2.0 491 Request Pending\r\n", _channel.Last);

            Arrive(ReliableResponse(invite, 183, "Session Progress", 1));
            Assert.StartsWith("PRACK ", _channel.Last);
            string answer = Answer("recvonly", "2");
            Arrive(update.Replace("branch=z9hG4bKeu1", "branch=z9hG4bKeu2").Replace("CSeq: 11", "CSeq: 12"));
            Assert.Equal("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKeu2;received=10.0.0.1\r\n" +
                         "From: <sip:200@10.0.0.1>;tag=b1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: " + callId + "\r\nCSeq: 12 UPDATE\r\n" +
                         "Contact: <sip:100@192.0.2.10:5060;line=dp1>\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, INFO, REFER, UPDATE, PRACK\r\n" +
                         "User-Agent: DeskPhone\r\nContent-Type: application/sdp\r\nContent-Length: " + answer.Length + "\r\n\r\n" + answer, _channel.Last);
            Assert.True(call.RemoteHeld);
            Assert.Equal(SipCall.Ringing, call.State);
        }

        private static string Prack(string rack, string toTag = "x1") =>
            "PRACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKpr1\r\n" +
            "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + toTag + "\r\nCall-ID: call-1\r\nCSeq: 8 PRACK\r\n" +
            (rack == null ? "" : "RAck: " + rack + "\r\n") + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

        private const string Reliable180Head =
            "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport=5060;received=10.0.0.1\r\n" +
            "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=";

        private const string Reliable180Tail =
            "\r\nCall-ID: call-1\r\nCSeq: 7 INVITE\r\nRecord-Route: <sip:10.0.0.1;lr>\r\nContact: <sip:100@192.0.2.10:5060;line=dp1>\r\n" +
            "Require: 100rel\r\nRSeq: 1\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n";

        private SipCall RingingReliably(string branch = "z9hG4bKinv1", string callId = "call-1")
        {
            Arrive(Invite(branch: branch, callId: callId).Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSupported: 100rel\r\nRequire: 100rel\r\n"));
            return _handler.Last;
        }

        private int Sends(string start)
        {
            int n = 0;
            foreach (var sent in _channel.Sent)
            {
                n += sent.Text.StartsWith(start) ? 1 : 0;
            }
            return n;
        }

        [Fact]
        public void AnInviteRequiring100relGetsItsReliable180RetransmittedUntilThePrackWhichGets200()
        {
            SipCall call = RingingReliably();
            string tag = LocalTag;
            string ringing = Reliable180Head + tag + Reliable180Tail;
            Assert.Equal(ringing, _channel.Last);
            Assert.Equal(SipCall.Alerting, call.State);

            // Retransmitted on T1 doubling (to T2) while no PRACK came; a PRACK that names another RSeq is not it.
            Run(3600);
            Assert.Equal(4, Sends("SIP/2.0 180 "));
            Assert.Equal(ringing, _channel.Last);
            Arrive(Prack("2 7 INVITE", tag));
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);

            Arrive(Prack("1 7 INVITE", tag).Replace("branch=z9hG4bKpr1", "branch=z9hG4bKpr2"));
            Assert.Equal("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKpr2\r\n" +
                         "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 8 PRACK\r\n" +
                         "User-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", _channel.Last);
            Run(20000);
            Assert.Equal(4, Sends("SIP/2.0 180 "));
            Assert.Equal(SipCall.Alerting, call.State);

            // Once PRACKed, a PRACK again on a new transaction matches nothing.
            Arrive(Prack("1 7 INVITE", tag).Replace("branch=z9hG4bKpr1", "branch=z9hG4bKpr3"));
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);
            Assert.True(_calls.Answer(call, _now));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 7 INVITE\r\n", _channel.Last);
        }

        [Fact]
        public void WithoutAPrackTheInviteIsRefused500After64T1AndAnAnswerStopsThe180()
        {
            SipCall call = RingingReliably();
            Run(31990);
            Assert.Equal(SipCall.Alerting, call.State);
            Run(20);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(500, call.EndStatus);
            Assert.StartsWith("SIP/2.0 500 Server Internal Error\r\n", _channel.Last);

            // Answered before the PRACK: the 200 goes (the 180 had no offer) and the 180 no more.
            SipCall second = RingingReliably("z9hG4bKinv2", "call-2");
            Assert.NotSame(call, second);
            Run(600);
            int ringings = Sends("SIP/2.0 180 ");
            Assert.True(_calls.Answer(second, _now));
            Run(5000);
            Assert.Equal(ringings, Sends("SIP/2.0 180 "));
            Assert.Equal(SipCall.Connected, second.State);
        }

        [Fact]
        public void Only100relSupportedKeepsTheUnreliable180AndABadPrackGets400ChangingNothing()
        {
            Arrive(Invite().Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSupported: 100rel\r\n"));
            SipCall call = _handler.Last;
            Assert.StartsWith("SIP/2.0 180 Ringing\r\n", _channel.Last);
            Assert.Null(FakeChannel.Header(_channel.Last, "RSeq"));
            Assert.Null(FakeChannel.Header(_channel.Last, "Require"));
            string tag = LocalTag;
            int changes = _handler.Changes.Count;

            Arrive(Prack(null, tag));
            Assert.StartsWith("SIP/2.0 400 missing or malformed RAck header\r\n", _channel.Last);
            Arrive(Prack("1 7", tag).Replace("branch=z9hG4bKpr1", "branch=z9hG4bKpr2"));
            Assert.StartsWith("SIP/2.0 400 ", _channel.Last);
            Arrive(Prack("0 7 INVITE", tag).Replace("branch=z9hG4bKpr1", "branch=z9hG4bKpr3"));
            Assert.StartsWith("SIP/2.0 400 ", _channel.Last);
            // Well formed: no reliable provisional of the phone's to match (RFC 3262 3), in its dialog or none.
            Arrive(Prack("1 7 INVITE", tag).Replace("branch=z9hG4bKpr1", "branch=z9hG4bKpr4"));
            Assert.StartsWith("SIP/2.0 481 Call/Transaction Does Not Exist\r\n", _channel.Last);
            Arrive(Prack("1 7 INVITE", "nodialog").Replace("branch=z9hG4bKpr1", "branch=z9hG4bKpr5"));
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);
            Assert.Equal(changes, _handler.Changes.Count);
            Assert.Equal(SipCall.Alerting, call.State);
        }
    }
}
