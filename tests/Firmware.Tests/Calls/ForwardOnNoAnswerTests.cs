using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// Forward on no answer (user_fwd_timeout with user_fwd_timeout_rings): a ringing call is redirected with 302 to
    /// the target once its rings ran out, in virtual time, and counts as missed; an answered one is not.
    /// </summary>
    public class ForwardOnNoAnswerTests
    {
        private readonly SipPhone _p = new SipPhone(s =>
        {
            s.Set("user_fwd_timeout", 1, "200");
            s.Set("user_fwd_timeout_rings", 1, "2");
        });

        public ForwardOnNoAnswerTests()
        {
            _p.Run(100);
            _p.Register();
        }

        private string Ring()
        {
            _p.Invite("z9hG4bKf1", "f1", "\"Bob\" <sip:555@10.0.0.1>");
            return _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 180 "));
        }

        private string Final() => _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 3") || m.StartsWith("SIP/2.0 2"));

        [Fact]
        public void AfterTheRingsTheCallIsRedirectedWith302ToTheTarget()
        {
            string ringing = Ring();
            Assert.Equal(7000, 2 * PhoneCalls.RingCycleMs);
            // Within one loop turn (10 ms) of the seventh second after the 180.
            _p.Run(7000 - 30);
            Assert.Null(Final());
            Assert.True(_p.App.Calls.InCall);

            _p.Run(40);
            Assert.Equal("SIP/2.0 302 Moved Temporarily\r\n" +
                         "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKf1\r\n" +
                         "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\n" +
                         "To: " + SipChannel.Header(ringing, "To") + "\r\n" +
                         "Call-ID: f1\r\n" +
                         "CSeq: 1 INVITE\r\n" +
                         "Contact: <sip:200@10.0.0.1>\r\n" +
                         "User-Agent: DeskPhone\r\n" +
                         "Content-Length: 0\r\n\r\n", Final());
            Assert.Contains(";tag=", SipChannel.Header(ringing, "To"));
            Assert.False(_p.App.Calls.InCall);
            Assert.Equal(1, _p.App.Calls.Missed.Count);
            Assert.Equal("1", _p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityForewardsAfterTimeout));
        }

        [Fact]
        public void AnAnsweredCallIsNotForwarded()
        {
            Ring();
            _p.Run(3000);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(5000);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Final());
            Assert.True(_p.App.Calls.InCall);
        }

        [Fact]
        public void WithoutATargetTheCallKeepsRinging()
        {
            _p.Settings.Set("user_fwd_timeout", 1, "");
            Ring();
            _p.Run(60_000);
            Assert.Null(Final());
            Assert.True(_p.App.Calls.InCall);
        }
    }
}
