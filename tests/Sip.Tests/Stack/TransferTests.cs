using System.Collections.Generic;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// Transfer and Replaces over the INVITE sessions, on a fake channel in virtual time: the REFERs and NOTIFYs the
    /// phone sends compared byte for byte, the peer's NOTIFYs driving the call, incoming REFER and INVITE with Replaces,
    /// and the RFC answers to bad ones (no state change).
    /// </summary>
    public class TransferTests
    {
        private const string PeerSdp =
            "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly FakeChannel _channel;
        private readonly RecordingSessions _handler = new RecordingSessions();
        private readonly SipUserAgent _ua;
        private readonly CallSessions _calls;
        // How the phone's transfers ended, as the handler heard them (the sessions tell a handler that is an ITransferHandler).
        private List<string> _outcomes => _handler.Transfers;
        private long _now;
        private int _requests;

        public TransferTests()
        {
            _channel = new FakeChannel(_inbox);
            _ua = new SipUserAgent(_inbox) { Udp = _channel, LocalHost = "192.0.2.10" };
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "100", Registrar = "10.0.0.1", Password = "pw" });
            _calls = new CallSessions(_ua, _handler, true);
            _ua.Route(new RecordingHandler());
        }

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
            int start = text.IndexOf(";" + name + "=") + name.Length + 2;
            int end = start;
            while (end < text.Length && text[end] != ';' && text[end] != '>' && text[end] != '\r')
            {
                end++;
            }
            return text.Substring(start, end - start);
        }

        private string Sent(int fromEnd) => _channel.Sent[_channel.Sent.Count - 1 - fromEnd].Text;

        /// <summary>The messages sent since <paramref name="before"/> messages had been sent.</summary>
        private List<string> SentSince(int before)
        {
            var list = new List<string>();
            for (int i = before; i < _channel.Sent.Count; i++)
            {
                list.Add(_channel.Sent[i].Text);
            }
            return list;
        }

        private static string Invite(string callId, string fromTag, string extra = "") =>
            "INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + callId + fromTag + ";rport\r\n" +
            "Record-Route: <sip:10.0.0.1;lr>\r\n" +
            "From: \"Alice\" <sip:200@10.0.0.1>;tag=" + fromTag + "\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 7 INVITE\r\n" +
            "Contact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\n" + extra +
            "Content-Type: application/sdp\r\nContent-Length: " + PeerSdp.Length + "\r\n\r\n" + PeerSdp;

        /// <summary>An incoming call from Alice (Call-ID call-1, her tag a1), answered and acknowledged; its local tag.</summary>
        private string Connected(out SipCall call)
        {
            Arrive(Invite("call-1", "a1"));
            call = _handler.Last;
            string tag = Param(FakeChannel.Header(_channel.Last, "To"), "tag");
            _calls.Answer(call, _now);
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack1\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 7 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            Assert.Equal(SipCall.Connected, call.State);
            return tag;
        }

        /// <summary>A request from Alice in the dialog of call-1 (tags as she sees them: hers a1, the phone's <paramref name="tag"/>).</summary>
        private string FromAlice(string method, string tag, string extra, string contentType = null, string body = "")
        {
            _requests++;
            return method + " sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKr" + _requests + "\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>" + tag + "\r\nCall-ID: call-1\r\n" +
                   "CSeq: " + (20 + _requests) + " " + method + "\r\nContact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\n" + extra +
                   (contentType != null ? "Content-Type: " + contentType + "\r\n" : "") + "Content-Length: " + body.Length + "\r\n\r\n" + body;
        }

        private string Notify(string tag, string sipfrag, string state) =>
            FromAlice("NOTIFY", ";tag=" + tag, "Event: refer\r\nSubscription-State: " + state + "\r\n", "message/sipfrag;version=2.0", sipfrag);

        /// <summary>A response to a request the phone sent (its Via, From, To, Call-ID and CSeq echoed).</summary>
        private static string Response(string request, int status, string reason, string toTag = null, string extra = "", string body = "")
        {
            string to = FakeChannel.Header(request, "To");
            return "SIP/2.0 " + status + " " + reason + "\r\nVia: " + FakeChannel.Header(request, "Via") + "\r\n" +
                   "From: " + FakeChannel.Header(request, "From") + "\r\nTo: " + to + (toTag != null ? ";tag=" + toTag : "") + "\r\n" +
                   "Call-ID: " + FakeChannel.Header(request, "Call-ID") + "\r\nCSeq: " + FakeChannel.Header(request, "CSeq") + "\r\n" + extra +
                   (body.Length > 0 ? "Content-Type: application/sdp\r\n" : "") + "Content-Length: " + body.Length + "\r\n\r\n" + body;
        }

        [Fact]
        public void BlindTransferSendsReferInTheDialogAndTheTargetsAnswerEndsTheCallWithBye()
        {
            string tag = Connected(out SipCall call);
            Assert.True(_calls.Transfer(call, "300", _now, out string error), error);

            string refer = _channel.Last;
            string branch = Param(FakeChannel.Header(refer, "Via"), "branch");
            Assert.Equal(
                "REFER sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n" +
                "Route: <sip:10.0.0.1;lr>\r\nFrom: <sip:100@10.0.0.1>;tag=" + tag + "\r\nTo: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\n" +
                "Call-ID: call-1\r\nCSeq: 1 REFER\r\nContact: <sip:100@192.0.2.10:5060;line=dp1>\r\nRefer-To: <sip:300@10.0.0.1>\r\n" +
                "Referred-By: <sip:100@10.0.0.1>\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n", refer);
            Assert.Equal("10.0.0.1", _channel.Sent[_channel.Sent.Count - 1].Host);
            Assert.Equal(CallSessions.TransferPending, call.TransferStatus);

            Arrive(Response(refer, 202, "Accepted"));
            Arrive(Notify(tag, "SIP/2.0 100 Trying\r\n", "active;expires=60"));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 21 NOTIFY\r\n", _channel.Last);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Empty(_outcomes);

            Arrive(Notify(tag, "SIP/2.0 200 OK\r\n", "terminated;reason=noresource"));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Sent(1));
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Contains("\r\nCSeq: 2 BYE\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal("transferred", call.EndReason);
            Assert.Equal(new[] { call.Id + " 200" }, _outcomes);
        }

        [Theory]
        [InlineData("Event: refer;id=1")]
        [InlineData("Event: REFER")]
        [InlineData("o: Refer ; id=1")]
        [InlineData("Event:\trefer\r\n ;id=1")]
        public void AReferNotifyIsKnownByItsEventInAnyCaseWithItsParameters(string evt)
        {
            string tag = Connected(out SipCall call);
            _calls.Transfer(call, "300", _now, out _);
            Arrive(Response(_channel.Last, 202, "Accepted"));
            Arrive(FromAlice("NOTIFY", ";tag=" + tag, evt + "\r\nSubscription-State: terminated\r\n", "Message/SipFrag; version=2.0",
                "SIP/2.0 200 OK\r\n"));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Sent(1));
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Equal(new[] { call.Id + " 200" }, _outcomes);
        }

        [Theory]
        [InlineData("Event: referx")]
        [InlineData("Event: refer-status")]
        [InlineData("Event: dialog;refer")]
        [InlineData("Event: re fer")]
        [InlineData("Event: presence")]
        [InlineData("Event: ")]
        [InlineData("")]
        public void ANotifyOfAnotherEventIsNoTransfersNews(string evt)
        {
            string tag = Connected(out SipCall call);
            _calls.Transfer(call, "300", _now, out _);
            Arrive(Response(_channel.Last, 202, "Accepted"));
            Arrive(FromAlice("NOTIFY", ";tag=" + tag, evt + (evt.Length > 0 ? "\r\n" : "") + "Subscription-State: terminated\r\n",
                "message/sipfrag", "SIP/2.0 200 OK\r\n"));
            Assert.DoesNotContain(_channel.Sent, p => p.Text.StartsWith("BYE "));
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(CallSessions.TransferPending, call.TransferStatus);
            Assert.Empty(_outcomes);
        }

        [Theory]
        [InlineData("SIP/2.0 486 Busy Here\r\n", "terminated;reason=noresource", 486)]
        [InlineData("SIP/2.0 180 Ringing\r\n", "terminated;reason=timeout", 408)]
        public void ATransferTheTargetRefusesKeepsTheCall(string sipfrag, string state, int status)
        {
            string tag = Connected(out SipCall call);
            _calls.Transfer(call, "sip:300@10.0.0.1", _now, out _);
            Arrive(Response(_channel.Last, 202, "Accepted"));
            int before = _channel.Sent.Count;
            Arrive(Notify(tag, sipfrag, state));

            Assert.Equal(new[] { "SIP/2.0 200 OK" }, SentSince(before).ConvertAll(m => m.Substring(0, m.IndexOf("\r\n"))));
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(status, call.TransferStatus);
            Assert.Equal(new[] { call.Id + " " + status }, _outcomes);
            // A late NOTIFY of the finished subscription is refused; a new transfer can be asked.
            Arrive(Notify(tag, "SIP/2.0 200 OK\r\n", "terminated"));
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.True(_calls.Transfer(call, "301", _now, out _));
        }

        [Fact]
        public void ARefusedReferOrNoOutcomeAtAllKeepsTheCall()
        {
            Connected(out SipCall call);
            _calls.Transfer(call, "300", _now, out _);
            Assert.False(_calls.Transfer(call, "301", _now, out string error));
            Assert.Equal("a transfer of this call is in progress", error);
            Arrive(Response(_channel.Last, 403, "Forbidden"));
            Assert.Equal(403, call.TransferStatus);
            Assert.Equal(SipCall.Connected, call.State);

            _calls.Transfer(call, "300", _now, out _);
            Arrive(Response(_channel.Last, 202, "Accepted"));
            Run(CallSessions.TransferTimeoutMs + 100);
            Assert.Equal(408, call.TransferStatus);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(new[] { call.Id + " 403", call.Id + " 408" }, _outcomes);
        }

        [Fact]
        public void AttendedTransferRefersTheHeldPartyToTheConsultedOneWithReplacesAndEndsBoth()
        {
            string tag = Connected(out SipCall held);
            SipCall consult = _calls.Dial(1, "300", _now, out _);
            string invite = _channel.Last;
            Arrive(Response(invite, 200, "OK", "b7", "Contact: <sip:300@10.0.0.8:5064>\r\n", PeerSdp));
            Assert.Equal(SipCall.Connected, consult.State);

            Assert.True(_calls.Transfer(held, consult, _now, out string error), error);
            string refer = _channel.Last;
            string callId = consult.CallId;
            string localTag = Param(FakeChannel.Header(invite, "From"), "tag");
            Assert.StartsWith("REFER sip:200@10.0.0.9:5062 SIP/2.0\r\n", refer);
            Assert.Equal("<sip:300@10.0.0.8:5064?Replaces=" + callId.Replace("@", "%40") + "%3Bto-tag%3Db7%3Bfrom-tag%3D" + localTag + ">",
                         FakeChannel.Header(refer, "Refer-To"));

            Arrive(Response(refer, 202, "Accepted"));
            int before = _channel.Sent.Count;
            Arrive(Notify(tag, "SIP/2.0 200 OK\r\n", "terminated;reason=noresource"));
            List<string> sent = SentSince(before);
            Assert.Equal(3, sent.Count);
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", sent[1]);
            Assert.StartsWith("BYE sip:300@10.0.0.8:5064 SIP/2.0\r\n", sent[2]);
            Assert.Equal(SipCall.Ended, held.State);
            Assert.Equal(SipCall.Ended, consult.State);
            Assert.Equal("transferred", consult.EndReason);
            Assert.Equal(0, _calls.Count);
        }

        [Fact]
        public void AnIncomingReferIsAccepted202AndTheNewCallsProgressGoesBackInNotifys()
        {
            string tag = Connected(out SipCall call);
            int before = _channel.Sent.Count;
            Arrive(FromAlice("REFER", ";tag=" + tag, "Refer-To: <sip:300@10.0.0.1>\r\nReferred-By: <sip:200@10.0.0.1>\r\n"));

            List<string> sent = SentSince(before);
            Assert.Equal(4, sent.Count);
            Assert.StartsWith("SIP/2.0 202 Accepted\r\n", sent[0]);
            string notify = sent[1];
            string branch = Param(FakeChannel.Header(notify, "Via"), "branch");
            Assert.Equal(
                "NOTIFY sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport\r\nMax-Forwards: 70\r\n" +
                "Route: <sip:10.0.0.1;lr>\r\nFrom: <sip:100@10.0.0.1>;tag=" + tag + "\r\nTo: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\n" +
                "Call-ID: call-1\r\nCSeq: 1 NOTIFY\r\nContact: <sip:100@192.0.2.10:5060;line=dp1>\r\nEvent: refer\r\n" +
                "Subscription-State: active;expires=60\r\nUser-Agent: DeskPhone\r\nContent-Type: message/sipfrag\r\nContent-Length: 20\r\n\r\n" +
                "SIP/2.0 100 Trying\r\n", notify);
            // Alice waits on hold (sendonly, in her dialog) before the phone calls the target.
            string hold = sent[2];
            Assert.StartsWith("INVITE sip:200@10.0.0.9:5062 SIP/2.0\r\n", hold);
            Assert.Equal("call-1", FakeChannel.Header(hold, "Call-ID"));
            Assert.Equal("2 INVITE", FakeChannel.Header(hold, "CSeq"));
            Assert.Contains("\r\na=sendonly\r\n", hold);
            string invite = sent[3];
            Assert.StartsWith("INVITE sip:300@10.0.0.1 SIP/2.0\r\n", invite);
            Assert.Null(FakeChannel.Header(invite, "Replaces"));
            // RFC 3892 3: the INVITE the REFER triggers carries the REFER's Referred-By.
            Assert.Equal("<sip:200@10.0.0.1>", FakeChannel.Header(invite, "Referred-By"));
            SipCall placed = _handler.Last;
            Assert.True(placed.Outgoing);

            Arrive(Response(invite, 180, "Ringing", "c3"));
            Assert.StartsWith("NOTIFY ", _channel.Last);
            Assert.Equal("active;expires=60", FakeChannel.Header(_channel.Last, "Subscription-State"));
            Assert.EndsWith("\r\n\r\nSIP/2.0 180 Ringing\r\n", _channel.Last);

            Arrive(Response(invite, 200, "OK", "c3", "Contact: <sip:300@10.0.0.8:5064>\r\n", PeerSdp));
            Assert.StartsWith("ACK sip:300@10.0.0.8:5064 ", Sent(1));
            Assert.Equal("terminated;reason=noresource", FakeChannel.Header(_channel.Last, "Subscription-State"));
            Assert.Equal("4 NOTIFY", FakeChannel.Header(_channel.Last, "CSeq"));
            Assert.EndsWith("\r\n\r\nSIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Equal(SipCall.Connected, placed.State);

            // The transferor hangs up its leg; the new call stays.
            Arrive(FromAlice("BYE", ";tag=" + tag, ""));
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(1, _calls.Count);
        }

        [Fact]
        public void AReferWithReplacesCallsTheTargetWithTheReplacesHeaderAndAFailureIsNotified()
        {
            string tag = Connected(out _);
            Arrive(FromAlice("REFER", ";tag=" + tag, "Refer-To: <sip:300@10.0.0.8:5064?Replaces=abc%40h%3Bto-tag%3Dx1%3Bfrom-tag%3Dy1>\r\n"));
            string invite = _channel.Last;
            Assert.StartsWith("INVITE sip:300@10.0.0.8:5064 SIP/2.0\r\n", invite);
            Assert.Equal("abc@h;to-tag=x1;from-tag=y1", FakeChannel.Header(invite, "Replaces"));
            Assert.Equal("<sip:300@10.0.0.8:5064>", FakeChannel.Header(invite, "To"));

            Arrive(Response(invite, 486, "Busy Here", "c3"));
            Assert.StartsWith("NOTIFY ", _channel.Last);
            Assert.Equal("terminated;reason=noresource", FakeChannel.Header(_channel.Last, "Subscription-State"));
            Assert.EndsWith("\r\n\r\nSIP/2.0 486 Busy Here\r\n", _channel.Last);
        }

        [Theory]
        [InlineData("", "Refer-To: <sip:300@10.0.0.1>\r\n", 481)]
        [InlineData(";tag=nosuch", "Refer-To: <sip:300@10.0.0.1>\r\n", 481)]
        [InlineData("TAG", "", 400)]
        [InlineData("TAG", "Refer-To: <sip:300@10.0.0.1>\r\nRefer-To: <sip:301@10.0.0.1>\r\n", 400)]
        [InlineData("TAG", "Refer-To: <sip:300@10.0.0.1?Replaces=nothing>\r\n", 400)]
        [InlineData("TAG", "Refer-To: <mailto:bob@example.com>\r\n", 400)]
        public void BadRefersGetTheRfcAnswerAndChangeNothing(string toTag, string referTo, int status)
        {
            string tag = Connected(out SipCall call);
            int before = _channel.Sent.Count;
            Arrive(FromAlice("REFER", toTag == "TAG" ? ";tag=" + tag : toTag, referTo));

            List<string> sent = SentSince(before);
            Assert.Single(sent);
            Assert.StartsWith("SIP/2.0 " + status + " ", sent[0]);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(1, _calls.Count);
        }

        [Fact]
        public void AnInviteWithReplacesTakesTheConfirmedDialogsPlaceAtOnce()
        {
            string tag = Connected(out SipCall old);
            int before = _channel.Sent.Count;
            Arrive(Invite("call-2", "d4", "Replaces: call-1;to-tag=" + tag + ";from-tag=a1\r\nRequire: replaces\r\n"));

            List<string> sent = SentSince(before);
            Assert.Equal(3, sent.Count);
            Assert.StartsWith("SIP/2.0 100 Trying\r\n", sent[0]);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", sent[1]);
            Assert.Contains("\r\nCall-ID: call-2\r\n", sent[1]);
            Assert.EndsWith("a=sendrecv\r\n", sent[1]);
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", sent[2]);
            Assert.Contains("\r\nCall-ID: call-1\r\n", sent[2]);
            Assert.Equal(SipCall.Ended, old.State);
            Assert.Equal("replaced", old.EndReason);
            SipCall now = _calls.Slot(0) ?? _calls.Slot(1);
            Assert.Equal("call-2", now.CallId);
            Assert.Equal(SipCall.Connected, now.State);
        }

        [Fact]
        public void AnInviteWithReplacesForTheCallsOwnEarlyDialogCancelsIt()
        {
            SipCall dialled = _calls.Dial(1, "300", _now, out _);
            string invite = _channel.Last;
            Arrive(Response(invite, 180, "Ringing", "e5"));
            string localTag = Param(FakeChannel.Header(invite, "From"), "tag");
            int before = _channel.Sent.Count;
            Arrive(Invite("call-2", "d4", "Replaces: " + dialled.CallId + ";to-tag=" + localTag + ";from-tag=e5\r\n"));

            List<string> sent = SentSince(before);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", sent[1]);
            Assert.StartsWith("CANCEL sip:300@10.0.0.1 SIP/2.0\r\n", sent[2]);
        }

        [Theory]
        [InlineData("Replaces: nosuch;to-tag=TAG;from-tag=a1\r\n", 481)]
        [InlineData("Replaces: call-1;to-tag=TAG;from-tag=a1;early-only\r\n", 486)]
        [InlineData("Replaces: call-1;to-tag=TAG\r\n", 400)]
        [InlineData("Replaces: call-1;to-tag=TAG;from-tag=a1\r\nReplaces: call-1;to-tag=TAG;from-tag=a1\r\n", 400)]
        public void AnInviteWithBadReplacesIsRefusedAndChangesNothing(string replaces, int status)
        {
            string tag = Connected(out SipCall call);
            int before = _channel.Sent.Count;
            Arrive(Invite("call-2", "d4", replaces.Replace("TAG", tag)));

            List<string> sent = SentSince(before);
            Assert.Single(sent);
            Assert.StartsWith("SIP/2.0 " + status + " ", sent[0]);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(1, _calls.Count);
        }

        [Fact]
        public void AnInviteWithReplacesForACallRingingHereIsRefused481()
        {
            Arrive(Invite("call-1", "a1"));
            SipCall ringing = _handler.Last;
            string tag = Param(FakeChannel.Header(_channel.Last, "To"), "tag");
            Arrive(Invite("call-2", "d4", "Replaces: call-1;to-tag=" + tag + ";from-tag=a1\r\n"));
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);
            Assert.Equal(SipCall.Alerting, ringing.State);
            Assert.Equal(1, _calls.Count);
        }
    }
}
