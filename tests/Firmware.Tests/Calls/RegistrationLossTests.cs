using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// An identity that loses its registration (the registrar refuses the refresh, or the identity is removed) ends
    /// its calls on the wire, and the status line says why; a re-registration after a setting change does not.
    /// </summary>
    public class RegistrationLossTests
    {
        private readonly SipPhone _p = new SipPhone();
        private int _n;

        public RegistrationLossTests()
        {
            _p.Run(100);
            // A short registration, so that its refresh comes within a minute of virtual time.
            _p.Answer(_p.Last("REGISTER"), 200, "Contact: <sip:100@192.0.2.10:5060;line=dp1>;expires=60\r\n");
        }

        private void Ring()
        {
            _n++;
            _p.Invite("z9hG4bKl" + _n, "l" + _n, "\"Bob\" <sip:555@10.0.0.1>");
        }

        private void AckAnswer(int n)
        {
            string ok = _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200") && m.Contains("Call-ID: l" + n + "\r\n"));
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKla" + n +
                              "\r\nFrom: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " + SipChannel.Header(ok, "To") + "\r\nCall-ID: l" + n +
                              "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
        }

        [Fact]
        public void ARefusedRefreshEndsTheConnectedCallWithByeAndRefusesTheRingingOneWith480()
        {
            Ring();
            _p.App.Calls.Answer(0, _p.Now);
            AckAnswer(1);
            Ring();
            int registers = _p.Count("REGISTER");
            while (_p.Count("REGISTER") == registers)
            {
                _p.Run(1000);
                Assert.True(_p.Now < 70_000, "no refresh");
            }
            int sent = _p.Channel.Sent.Count;
            _p.Answer(_p.Last("REGISTER"), 403);

            var after = _p.Channel.Sent.GetRange(sent, _p.Channel.Sent.Count - sent);
            Assert.Contains(after, m => m.StartsWith("BYE sip:555@10.0.0.1 SIP/2.0\r\n") && m.Contains("Call-ID: l1\r\n"));
            Assert.Contains(after, m => m.StartsWith("SIP/2.0 480 Temporarily Unavailable\r\n") && m.Contains("Call-ID: l2\r\n"));
            Assert.False(_p.App.Calls.InCall);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.StatusLineSystemMessage));
            // The status line or, behind a more important one, a notice under the body.
            Assert.Matches(@"\n?\[(status|notice)\] Call ended: registration lost\n", _p.App.Text.GetScreenText());
        }

        [Fact]
        public void RemovingTheIdentityEndsItsCalls()
        {
            Ring();
            _p.App.Calls.Answer(0, _p.Now);
            AckAnswer(1);
            _p.Settings.Set("user_active", 1, "off");
            _p.Run(10);
            Assert.NotNull(_p.Last("BYE"));
            Assert.False(_p.App.Calls.InCall);
        }

        [Fact]
        public void ASettingChangeThatReRegistersKeepsTheCall()
        {
            Ring();
            _p.App.Calls.Answer(0, _p.Now);
            AckAnswer(1);
            _p.Settings.Set("user_realname", 1, "Alice");
            _p.Run(10);
            Assert.Null(_p.Last("BYE"));
            Assert.True(_p.App.Calls.InCall);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.StatusLineSystemMessage));
        }
    }
}
