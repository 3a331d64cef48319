using DeskPhone.Sip.Session;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// Dialogs beyond the basic call (docs/calls.md): forking and early media, a re-INVITE without SDP, session timers
    /// (RFC 4028) in virtual time; asserted on the bytes the phone sends.
    /// </summary>
    public partial class CallSessionTests
    {
        private string Ringing180(string invite, string tag, string body = "", int status = 180, string reason = "Ringing") =>
            Response(invite, status, reason, "", body).Replace(";tag=b1\r\n", ";tag=" + tag + "\r\n");

        private string Ok(string invite, string tag, string extra = "", string body = PeerSdp) =>
            Response(invite, 200, "OK", extra, body).Replace(";tag=b1\r\n", ";tag=" + tag + "\r\n");

        private static string LocalTagOf(string response) => Param(FakeChannel.Header(response, "To"), "tag");

        [Fact]
        public void ForkedRingingMakesEarlyDialogsAndAnotherBranchs200IsAcknowledgedAndEndedWithBye()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Ringing180(invite, "fa"));
            Arrive(Ringing180(invite, "fb"));
            Assert.Equal(SipCall.Ringing, call.State);
            Assert.Equal(2, call.EarlyDialogs);

            Arrive(Ok(invite, "fa"));
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(0, call.EarlyDialogs);
            Assert.Contains("\r\nTo: <sip:200@10.0.0.1>;tag=fa\r\n", _channel.Last);

            int before = _channel.Sent.Count;
            string other = PeerSdp.Replace("m=audio 4000", "m=audio 4100");
            Arrive(Ok(invite, "fb", "", other).Replace("Contact: <sip:200@10.0.0.9:5062>", "Contact: <sip:200@10.0.0.8:5064>"));
            Assert.Equal(before + 2, _channel.Sent.Count);
            string ack = Sent(1);
            string bye = Sent(0);
            Assert.StartsWith("ACK sip:200@10.0.0.8:5064 SIP/2.0\r\n", ack);
            Assert.Contains("\r\nTo: <sip:200@10.0.0.1>;tag=fb\r\n", ack);
            Assert.Contains("\r\nCSeq: 1 ACK\r\n", ack);
            Assert.StartsWith("BYE sip:200@10.0.0.8:5064 SIP/2.0\r\n", bye);
            Assert.Contains("\r\nTo: <sip:200@10.0.0.1>;tag=fb\r\n", bye);
            Assert.Contains("\r\nCSeq: 2 BYE\r\n", bye);
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(4000, call.MediaPort);

            // Its retransmission gets the ACK again, no second BYE; the answered dialog is untouched.
            Arrive(Ok(invite, "fb", "", other));
            Assert.StartsWith("ACK ", _channel.Last);
            Assert.Equal(before + 3, _channel.Sent.Count);
            _calls.Hangup(call, 486, _now);
            Assert.Contains("\r\nTo: <sip:200@10.0.0.1>;tag=fa\r\n", _channel.Last);
        }

        [Fact]
        public void A183WithSdpIsEarlyMediaTowardItsAddressUntilThe200()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            string early = PeerSdp.Replace("10.0.0.9", "10.0.0.7").Replace("m=audio 4000", "m=audio 4200");
            int changes = _handler.Changes.Count;
            Arrive(Ringing180(invite, "e1", early, 183, "Session Progress"));
            Assert.Equal(SipCall.Ringing, call.State);
            Assert.True(call.EarlyMedia);
            Assert.Equal("10.0.0.7", call.MediaAddress);
            Assert.Equal(4200, call.MediaPort);
            Assert.Equal(Sdp.Pcma, call.Codec);
            Assert.True(_handler.Changes.Count > changes);

            // A 200 without SDP keeps the early answer (RFC 3261 13.2.1).
            Arrive(Ok(invite, "e1", "", ""));
            Assert.Equal(SipCall.Connected, call.State);
            Assert.Equal(4200, call.MediaPort);
        }

        [Fact]
        public void AReInviteWithoutSdpGetsTheSessionAsOfferInThe200AndTheAnswerComesInTheAck()
        {
            string tag = Connected(out SipCall call);
            Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKre8\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 8 INVITE\r\n" +
                   "Contact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.EndsWith("\r\n\r\n" + Answer("sendrecv"), _channel.Last);

            string answer = PeerSdp.Replace("m=audio 4000 RTP/AVP 8 0 101", "m=audio 4400 RTP/AVP 8 101");
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack8\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: call-1\r\nCSeq: 8 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + answer.Length + "\r\n\r\n" + answer);
            Assert.Equal(4400, call.MediaPort);
            Assert.Equal(Sdp.Pcma, call.Codec);
        }

        [Fact]
        public void AsRefresherThePhoneReInvitesAtHalfTheIntervalAndTheAnswerRearmsIt()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Ok(invite, "t1", "Session-Expires: 90;refresher=uac\r\nRequire: timer\r\n"));
            Assert.Equal(SipCall.Connected, call.State);
            long connected = _now;

            while (!_channel.Last.StartsWith("INVITE ") && _now < connected + 60000)
            {
                Run(10);
            }
            Assert.InRange(_now - connected, 44980, 45020);
            string refresh = _channel.Last;
            Assert.Contains("\r\nCSeq: 2 INVITE\r\n", refresh);
            Assert.Contains("\r\nSupported: timer\r\nSession-Expires: 90;refresher=uac\r\n", refresh);
            Assert.EndsWith("a=sendrecv\r\n", refresh);
            // The session as agreed (PCMA): one version up from the offer, and the same again in the next refresh.
            Assert.Contains("o=DeskPhone 1 2 IN IP4", refresh);
            Arrive(Response(refresh, 200, "OK", "Session-Expires: 90;refresher=uac\r\n", PeerSdp).Replace(";tag=t1;tag=b1", ";tag=t1"));
            Assert.StartsWith("ACK ", _channel.Last);

            // The next refresh 45 s after that answer; the call stays up.
            long answered = _now;
            while (!_channel.Last.StartsWith("INVITE ") && _now < answered + 60000)
            {
                Run(10);
            }
            Assert.Contains("\r\nCSeq: 3 INVITE\r\n", _channel.Last);
            Assert.Contains("o=DeskPhone 1 2 IN IP4", _channel.Last);
            Assert.InRange(_now - answered, 44980, 45020);
            Assert.Equal(SipCall.Connected, call.State);
        }

        [Fact]
        public void AsRefresherThePhoneUsesUpdateWhenThePeerAllowsIt()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Ok(invite, "t1", "Session-Expires: 120;refresher=uac\r\nAllow: INVITE, ACK, BYE, UPDATE\r\n"));
            Run(60000);
            string update = _channel.Sent.FindLast(s => s.Text.StartsWith("UPDATE ")).Text;
            Assert.StartsWith("UPDATE sip:200@10.0.0.9:5062 SIP/2.0\r\n", update);
            Assert.Contains("\r\nCSeq: 2 UPDATE\r\n", update);
            Assert.Contains("\r\nSupported: timer\r\nSession-Expires: 120;refresher=uac\r\n", update);
            Assert.EndsWith("Content-Length: 0\r\n\r\n", update);
            Assert.Equal(SipCall.Connected, call.State);
        }

        [Fact]
        public void WhenThePeerRefreshesAndDoesNotThePhoneSendsByeBeforeTheSessionExpires()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Ok(invite, "t1", "Session-Expires: 90;refresher=uas\r\n"));
            long connected = _now;
            while (call.State == SipCall.Connected && _now < connected + 120000)
            {
                Run(10);
            }
            // 90 s less the smaller of 32 s and a third of 90 s (RFC 4028 10).
            Assert.InRange(_now - connected, 59980, 60020);
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
            Assert.Equal(408, call.EndStatus);
            Assert.Equal("session expired", call.EndReason);
            Assert.Empty(_channel.Sent.FindAll(s => s.Text.StartsWith("INVITE ") && s.Text.Contains("CSeq: 2 INVITE")));
        }

        [Fact]
        public void A422IsAnsweredWithTheInviteAgainAtItsMinSe()
        {
            SipCall call = Dial();
            string invite = _channel.Last;
            Arrive(Response(invite, 422, "Session Interval Too Small", "Min-SE: 300\r\n"));
            Assert.StartsWith("ACK ", Sent(1));
            string again = _channel.Last;
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", again);
            Assert.Contains("\r\nCSeq: 2 INVITE\r\n", again);
            Assert.Contains("\r\nSupported: timer, 100rel\r\nSession-Expires: 300\r\nMin-SE: 300\r\n", again);
            Assert.Equal(FakeChannel.Header(invite, "Call-ID"), FakeChannel.Header(again, "Call-ID"));

            // A second 422 naming nothing larger ends the call.
            Arrive(Response(again, 422, "Session Interval Too Small", "Min-SE: 300\r\n"));
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(422, call.EndStatus);
        }

        [Fact]
        public void AnIncomingInviteBelowMinSeGets422AndAnotherIsAnsweredWithItsTimer()
        {
            Arrive(Invite().Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSupported: timer\r\nSession-Expires: 60\r\n"));
            Assert.StartsWith("SIP/2.0 422 Session Interval Too Small\r\n", _channel.Last);
            Assert.Equal("90", FakeChannel.Header(_channel.Last, "Min-SE"));
            Assert.Equal(0, _calls.Count);

            Arrive(Invite(branch: "z9hG4bKinv2", callId: "call-2").Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSupported: timer\r\nSession-Expires: 1800\r\n"));
            SipCall call = _handler.Last;
            _calls.Answer(call, _now);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Contains("\r\nRequire: timer\r\nSession-Expires: 1800;refresher=uac\r\n", _channel.Last);
            Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack2\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>;tag=" + LocalTagOf(_channel.Last) + "\r\nCall-ID: call-2\r\nCSeq: 7 ACK\r\n" +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

            // The caller refreshes; without it the phone hangs up at 1800 - 32 s.
            long answered = _now;
            while (call.State == SipCall.Connected && _now < answered + 1800000)
            {
                Run(100);
            }
            Assert.InRange(_now - answered, 1767900, 1768100);
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\n", _channel.Last);
        }
    }
}

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>A stream transport that records what goes out on which connection.</summary>
    internal sealed class RecordingStream : DeskPhone.Sip.Transport.ISipTransport
    {
        public readonly System.Collections.Generic.List<(string Text, object Connection)> Sent = new System.Collections.Generic.List<(string, object)>();

        public string Name => "TCP";
        public int LocalPort => 5060;

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            Sent.Add((System.Text.Encoding.UTF8.GetString(data, 0, length), connection));
            return true;
        }
    }

    public partial class CallSessionTests
    {
        [Fact]
        public void ACallThatCameOverTcpSendsItsByeAndReInviteOnThatConnection()
        {
            var tcp = new RecordingStream();
            object connection = new object();
            InviteOverTcp(tcp, connection);
            SipCall call = _handler.Last;
            Assert.True(_calls.Answer(call, _now));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", tcp.Sent[tcp.Sent.Count - 1].Text);

            Assert.True(_calls.Hold(call, true, _now));
            var reinvite = tcp.Sent[tcp.Sent.Count - 1];
            Assert.StartsWith("INVITE sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=", reinvite.Text);
            Assert.Same(connection, reinvite.Connection);

            int udp = _channel.Sent.Count;
            Run(600);
            _calls.Hangup(call, 486, _now);
            var bye = tcp.Sent[tcp.Sent.Count - 1];
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=", bye.Text);
            Assert.Same(connection, bye.Connection);
            Assert.Equal(udp, _channel.Sent.Count);
        }
        [Fact]
        public void TheDialogsTagsAreReadFromItsHeadersAFromWithParametersAfterItsTagStillMatches()
        {
            // The caller's From has a parameter after its tag and a quoted name with a ';': the dialog keeps its URI and
            // tag (RFC 3261 12.2.1.1), so the phone's BYE carries them, and requests are matched by the tags in place.
            Arrive(Invite().Replace("From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\n", "From: \"Al;ice\" <sip:200@10.0.0.1>;TAG=a1;x=tag\r\n"));
            SipCall call = _handler.Last;
            Assert.Equal("Al;ice", call.RemoteName);
            Assert.Equal("sip:200@10.0.0.1", call.RemoteUri);
            string tag = LocalTag;
            _calls.Answer(call, _now);
            string bye = CallerBye("<sip:200@10.0.0.1>;tag=a2", tag);
            Arrive(bye);
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);
            Arrive(bye.Replace("tag=a2", "tag=a1").Replace("tag=" + tag, "tag=" + tag + "x").Replace("bye1", "bye2"));
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);
            Assert.Equal(SipCall.Connected, call.State);

            Assert.True(_calls.Hangup(call, 486, _now));
            Assert.Contains("\r\nFrom: <sip:100@10.0.0.1>;tag=" + tag + "\r\nTo: \"Al;ice\" <sip:200@10.0.0.1>;tag=a1\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
        }

        [Fact]
        public void ACallersByeWithItsTagsEndsTheCallWhateverFollowsTheTagInItsFrom()
        {
            Arrive(Invite().Replace("tag=a1\r\n", "tag=a1;x=1\r\n"));
            SipCall call = _handler.Last;
            string tag = LocalTag;
            _calls.Answer(call, _now);
            Arrive(CallerBye("\"Alice\" <sip:200@10.0.0.1>;tag=a1;x=1", tag));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal("200", call.RemoteUser);
        }

        // The device test's twin (tests/Device.Tests/CallerNameTests.cs): nanoCLR's string searches are wrong after
        // non-ASCII text, so the URI, name and tags are read from the kept header's characters.
        [Theory]
        [InlineData("\"M\u00fcller\"", "M\u00fcller", "\"M\u00fcller\"")]
        [InlineData("\"\ud83d\ude00 M\u00fcller <1>\"", "\ud83d\ude00 M\u00fcller <1>", "\"\ud83d\ude00 M\u00fcller <1>\"")]
        [InlineData("\"M\u00fcller \\\"B\\\" \\\\;tag=x\"", "M\u00fcller \"B\" \\;tag=x", "\"M\u00fcller \\\"B\\\" \\\\;tag=x\"")]
        public void ACallersNonAsciiOrEscapedNameKeepsItsUriNumberAndTags(string from, string name, string echoed)
        {
            Arrive(Invite().Replace("From: \"Alice\"", "From: " + from));
            SipCall call = _handler.Last;
            Assert.Equal(name, call.RemoteName);
            Assert.Equal("sip:200@10.0.0.1", call.RemoteUri);
            Assert.Equal("200", call.RemoteUser);
            string tag = LocalTag;
            _calls.Answer(call, _now);
            string bye = CallerBye("<sip:200@10.0.0.1>;tag=a2", tag);
            Arrive(bye);
            Assert.StartsWith("SIP/2.0 481 ", _channel.Last);
            Assert.Equal(SipCall.Connected, call.State);

            Assert.True(_calls.Hangup(call, 486, _now));
            Assert.Contains("\r\nFrom: <sip:100@10.0.0.1>;tag=" + tag + "\r\nTo: " + echoed + " <sip:200@10.0.0.1>;tag=a1\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(name, call.RemoteName);
        }
    }
}
