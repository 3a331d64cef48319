using DeskPhone.Drivers.Audio;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// What the phone built by PhoneApp does with incoming calls: rings (the tones driver), answers, rejects, is Busy
    /// while in a call; Do not disturb and the forwards refuse or redirect; a caller giving up is a missed call.
    /// </summary>
    public class IncomingCallTests
    {
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SipPhone _p;
        private int _calls;

        public IncomingCallTests()
        {
            _p = new SipPhone(null, null, _hw.Drivers);
            _p.Run(100);
            _p.Register();
        }

        private string Invite() => Invite(out _);

        private string Invite(out string branch)
        {
            branch = "z9hG4bKi" + (++_calls);
            _p.Channel.Arrive(Request("INVITE", branch, "call-" + _calls, "<sip:100@10.0.0.1>", 1));
            _p.Run(10);
            string b = branch;
            return _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0") && m.Contains(b) && m.Contains(" INVITE\r\n"));
        }

        private static string Request(string method, string branch, string callId, string to, int cseq) =>
            method + " sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch +
            "\r\nFrom: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " + to + "\r\nCall-ID: " + callId +
            "\r\nCSeq: " + cseq + " " + method +
            "\r\nContact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

        [Fact]
        public void ACallRingsAndTheOwnStatusIsBusy()
        {
            Assert.StartsWith("SIP/2.0 180 Ringing\r\n", Invite());
            Assert.Equal(Tones.Ring, _hw.Drivers.Tones.Current);
            Assert.True(_p.Phone.InCall);
            Assert.Equal(PresenceState.Busy, _p.Phone.Presence.State);
        }

        [Fact]
        public void SilentModeStopsOnlyTheRinger()
        {
            _p.Phone.Statuses.Raise(StatusId.RingerIsSilent, null, "bench", _p.Now);
            Assert.StartsWith("SIP/2.0 180 Ringing\r\n", Invite());
            Assert.Null(_hw.Drivers.Tones.Current);
            _p.Phone.Statuses.Clear(StatusId.RingerIsSilent, _p.Now);
            _p.Run(10);
            Assert.Equal(Tones.Ring, _hw.Drivers.Tones.Current);
        }

        [Fact]
        public void AtTheDeskTheRingerStartsAfterItsDelay()
        {
            _p.Settings.Set("presence_at_desk_delay", 0, "3");
            Assert.True(_p.Phone.ChoosePresence(PresenceState.AtTheDesk, _p.Now));
            Assert.StartsWith("SIP/2.0 180 Ringing\r\n", Invite());
            Assert.Null(_hw.Drivers.Tones.Current);
            _p.Run(2900);
            Assert.Null(_hw.Drivers.Tones.Current);
            _p.Run(200);
            Assert.Equal(Tones.Ring, _hw.Drivers.Tones.Current);
            Assert.Equal("ring", _p.App.Calls.RingerName);
        }

        [Fact]
        public void AnsweringSends200AndStopsTheRingerHangingUpSendsBye()
        {
            Invite();
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _p.Channel.Sent[^1]);
            Assert.Equal("application/sdp", SipChannel.Header(_p.Channel.Sent[^1], "Content-Type"));
            Assert.Null(_hw.Drivers.Tones.Current);
            Assert.True(_p.Phone.InCall);

            Assert.True(_p.App.Calls.Hangup(0, _p.Now));
            Assert.StartsWith("BYE sip:555@10.0.0.1 SIP/2.0\r\n", _p.Channel.Sent[^1]);
            Assert.False(_p.Phone.InCall);
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
            Assert.Equal(1, _p.App.Calls.Received.Count);
        }

        [Fact]
        public void LosingTheNetworkEndsTheCallsWithoutAWord()
        {
            _hw.SetLink(true, _p.Now);
            _p.Run(3000);
            Invite();
            _p.App.Calls.Answer(0, _p.Now);
            int sent = _p.Channel.Sent.Count;

            _hw.SetLink(false, _p.Now);
            _p.Run(3000);
            Assert.False(_p.Phone.InCall);
            Assert.Equal(0, _p.App.Calls.Sessions.Count);
            Assert.Null(_hw.Drivers.Tones.Current);
            Assert.DoesNotContain(_p.Channel.Sent.GetRange(sent, _p.Channel.Sent.Count - sent), m => m.StartsWith("BYE ") || m.StartsWith("SIP/2.0 200"));
        }

        [Fact]
        public void RejectingAnswers486WithoutAMissedCall()
        {
            Invite();
            Assert.True(_p.App.Calls.Hangup(0, _p.Now));
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", _p.Channel.Sent[^1]);
            Assert.Null(_hw.Drivers.Tones.Current);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
        }

        [Fact]
        public void TheCallerGivingUpIsAMissedAndCancelledCall()
        {
            string branch;
            Invite(out branch);
            _p.Channel.Arrive(Request("CANCEL", branch, "call-1", "<sip:100@10.0.0.1>", 1));
            _p.Run(10);

            Assert.StartsWith("SIP/2.0 487 Request Terminated\r\n", _p.Channel.Sent[^1]);
            Assert.Null(_hw.Drivers.Tones.Current);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
            Assert.Equal("1", _p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CanceledCall));
            Assert.Equal("Bob", _p.Phone.Statuses.ParamOf(StatusId.CanceledCall));
            Assert.Equal(1, _p.App.Calls.Missed.Count);

            _p.App.Calls.ClearMissed(_p.Now);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
        }

        [Fact]
        public void DndRefusesWith486AndRecordsAMissedCall()
        {
            _p.Phone.ChoosePresence(PresenceState.DoNotDisturb, _p.Now);
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", Invite());
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
            Assert.Null(_hw.Drivers.Tones.Current);
            Assert.False(_p.Phone.InCall);
        }

        [Fact]
        public void DndWithABusyForwardRedirectsThereAndRecordsAMissedCall()
        {
            _p.Settings.Set("user_dnd", 1, "on");
            _p.Settings.Set("user_fwd_busy", 1, "300");
            string answer = Invite();
            Assert.StartsWith("SIP/2.0 302 Moved Temporarily\r\n", answer);
            Assert.Equal("<sip:300@10.0.0.1>", SipChannel.Header(answer, "Contact"));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
        }

        [Fact]
        public void ForwardAlwaysRedirectsEveryCallWithoutAMissedCall()
        {
            _p.Settings.Set("user_fwd_always", 1, "sip:desk@pbx.example");
            string answer = Invite();
            Assert.StartsWith("SIP/2.0 302 ", answer);
            Assert.Equal("<sip:desk@pbx.example>", SipChannel.Header(answer, "Contact"));
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));

            _p.Settings.Set("user_fwd_always", 1, "200@other.example");
            Assert.Equal("<sip:200@other.example>", SipChannel.Header(Invite(), "Contact"));
        }

        [Fact]
        public void InACallTheBusyForwardAppliesElseTheSecondCallWaits()
        {
            _p.Settings.Set("user_fwd_busy", 1, "300");
            Assert.StartsWith("SIP/2.0 180 ", Invite());
            _p.App.Calls.Answer(0, _p.Now);

            Assert.StartsWith("SIP/2.0 302 ", Invite());
            _p.Settings.Set("user_fwd_busy", 1, "");
            Assert.StartsWith("SIP/2.0 180 ", Invite());
            Assert.Equal(Tones.CallWaiting, _hw.Drivers.Tones.Current);
            Assert.Equal("waiting", _p.App.Calls.RingerName);
        }
    }
}
