using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The user hangs up a call whose INVITE nothing answered yet (the proxy or the callee is down): the CANCEL must
    /// wait for a provisional (RFC 3261 9.1), so the call lasts until the INVITE times out (Timer B, 32 s). Meanwhile the
    /// screen says the phone is cancelling, and the timeout's 408 is not explained as "No answer": the user gave up.
    /// </summary>
    public class CancelBeforeAnyAnswerTests
    {
        private readonly SipPhone _p = new SipPhone();

        [Fact]
        public void TheScreenSaysCancellingAtOnceAndTheTimeoutIsNotExplained()
        {
            _p.App.Calls.Dial(1, "200", _p.Now, out _);
            _p.Run(100);
            Assert.Contains("Calling 200", _p.App.Text.GetScreenText());

            _p.App.Calls.Hangup(0, _p.Now);
            _p.Run(100);
            Assert.Contains("Cancelling 200", _p.App.Text.GetScreenText());
            Assert.Null(_p.Last("CANCEL"));
            // The change the hang-up reports is not a second dial.
            Assert.Equal(1, _p.App.Calls.Dialled.Count);

            _p.Run(33000);
            Assert.Equal(0, _p.App.Calls.Sessions.Count);
            Assert.DoesNotContain("Cancelling", _p.App.Text.GetScreenText());
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.StatusLineSystemMessage), _p.Phone.Statuses.ParamOf(StatusId.StatusLineSystemMessage));
        }
    }
}
