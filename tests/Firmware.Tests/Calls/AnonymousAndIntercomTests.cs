using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Audio;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// Anonymous calling (user_anonymous_call: RFC 3323 anonymous From, Privacy: id, RFC 3325 P-Preferred-Identity,
    /// AnonymousIdOn) and intercom calls answered automatically under answer_after_policy (Call-Info answer-after,
    /// Alert-Info alert-autoanswer), on the phone built by PhoneApp.
    /// </summary>
    public class AnonymousAndIntercomTests
    {
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SipPhone _p;
        private int _n;

        public AnonymousAndIntercomTests()
        {
            _p = new SipPhone(null, null, _hw.Drivers);
            _p.Run(100);
            _p.Register();
        }

        private void Ring(string extra)
        {
            _n++;
            _p.Invite("z9hG4bKi" + _n, "i" + _n, "\"Door\" <sip:900@10.0.0.1>", extra);
        }

        private string Answered(int n) => _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK\r\n") && m.Contains("Call-ID: i" + n + "\r\n"));

        [Fact]
        public void AnAnonymousCallHidesTheCallerAndAsksForPrivacy()
        {
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.AnonymousIdOn));
            _p.Settings.Set("user_anonymous_call", 1, "on");
            _p.Run(10);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.AnonymousIdOn));
            int registers = _p.Count("REGISTER");

            Assert.NotNull(_p.App.Calls.Dial(1, "200", _p.Now, out _));
            string invite = _p.Last("INVITE");
            string tag = SipChannel.Header(invite, "From").Split(";tag=")[1];
            Assert.Equal("INVITE sip:200@10.0.0.1 SIP/2.0\r\n" +
                         "Via: " + SipChannel.Header(invite, "Via") + "\r\n" +
                         "Max-Forwards: 70\r\n" +
                         "From: \"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=" + tag + "\r\n" +
                         "To: <sip:200@10.0.0.1>\r\n" +
                         "Call-ID: " + SipChannel.Header(invite, "Call-ID") + "\r\n" +
                         "CSeq: 1 INVITE\r\n" +
                         "Contact: <sip:100@192.0.2.10:5060;line=dp1>\r\n" +
                         "Allow: " + SipChannel.Header(invite, "Allow") + "\r\n" +
                         "User-Agent: DeskPhone\r\n" +
                         "Privacy: id\r\n" +
                         "P-Preferred-Identity: <sip:100@10.0.0.1>\r\n" +
                         "Supported: timer, 100rel\r\n" +
                         "Content-Type: application/sdp\r\n" +
                         "Content-Length: " + SipChannel.Body(invite).Length + "\r\n\r\n" + SipChannel.Body(invite), invite);
            Assert.Equal(registers, _p.Count("REGISTER"));

            // The CANCEL carries the same From (RFC 3261 9.1).
            _p.Answer(invite, 180);
            _p.App.Calls.Hangup(0, _p.Now);
            Assert.StartsWith("\"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=", SipChannel.Header(_p.Last("CANCEL"), "From"));
        }

        [Fact]
        public void WithoutTheSettingTheCallerIsNamedAndNoPrivacyIsAsked()
        {
            _p.App.Calls.Dial(1, "200", _p.Now, out _);
            string invite = _p.Last("INVITE");
            Assert.StartsWith("<sip:100@10.0.0.1>;tag=", SipChannel.Header(invite, "From"));
            Assert.Null(SipChannel.Header(invite, "Privacy"));
            Assert.Null(SipChannel.Header(invite, "P-Preferred-Identity"));
        }

        [Fact]
        public void AnIntercomCallRingsLikeAnyOtherWhileThePolicyIsOff()
        {
            Ring("Call-Info: <sip:10.0.0.1>;answer-after=0\r\n");
            _p.Run(5000);
            Assert.Null(Answered(1));
            Assert.Equal(Tones.Ring, _hw.Drivers.Tones.Current);
        }

        [Fact]
        public void AnIntercomCallIsAnsweredOnTheSpeakerWithoutRingingUnderAlways()
        {
            _p.Settings.Set("answer_after_policy", 0, "always");
            Ring("Call-Info: <sip:10.0.0.1>;answer-after=0\r\n");
            Assert.NotNull(Answered(1));
            Assert.Null(_hw.Drivers.Tones.Current);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.AudioDeviceIsSpeaker));
        }

        [Fact]
        public void AnswerAfterWaitsItsSecondsAndAlertInfoAutoanswerIsAnsweredAtOnce()
        {
            _p.Settings.Set("answer_after_policy", 0, "always");
            Ring("Call-Info: <sip:10.0.0.1>;answer-after=3\r\n");
            _p.Run(2900);
            Assert.Null(Answered(1));
            _p.Run(200);
            Assert.NotNull(Answered(1));

            Ring("Alert-Info: <http://10.0.0.1/ring>;info=alert-autoanswer\r\n");
            Assert.NotNull(Answered(2));
        }

        [Fact]
        public void UnderIdleASecondIntercomCallRings()
        {
            _p.Settings.Set("answer_after_policy", 0, "idle");
            Ring("Call-Info: <sip:10.0.0.1>;answer-after=0\r\n");
            Assert.NotNull(Answered(1));
            Ring("Call-Info: <sip:10.0.0.1>;answer-after=0\r\n");
            _p.Run(2000);
            Assert.Null(Answered(2));
            Assert.Equal(Tones.CallWaiting, _hw.Drivers.Tones.Current);
        }
    }
}
