using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Status;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>What the phone answers an INVITE under DND, forwards and calls (there is no call layer yet).</summary>
    public class IncomingCallTests
    {
        private readonly SipPhone _p = new SipPhone();
        private int _calls;

        public IncomingCallTests()
        {
            _p.Run(100);
            _p.Register();
        }

        private string Invite()
        {
            string branch = "z9hG4bKi" + (++_calls);
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch +
                              "\r\nFrom: <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: call-" + _calls +
                              "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
            return _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0") && m.Contains(branch));
        }

        [Fact]
        public void WithoutDndOrForwardItIsTemporarilyUnavailable()
        {
            Assert.StartsWith("SIP/2.0 480 ", Invite());
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
        }

        [Fact]
        public void DndRefusesWith486AndRecordsAMissedCall()
        {
            _p.Phone.ChoosePresence(PresenceState.DoNotDisturb, _p.Now);
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", Invite());
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
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
        public void InACallTheBusyForwardApplies()
        {
            var calls = new FakeCalls();
            _p.Phone.AttachCallState(calls);
            _p.Settings.Set("user_fwd_busy", 1, "300");
            Assert.StartsWith("SIP/2.0 480 ", Invite());

            calls.Set(true);
            Assert.StartsWith("SIP/2.0 302 ", Invite());
            _p.Settings.Set("user_fwd_busy", 1, "");
            Assert.StartsWith("SIP/2.0 486 ", Invite());
        }
    }
}
