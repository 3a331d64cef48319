using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// auto_dial (Snom's setting): the dialing screen dials what was typed once that many seconds passed since the last
    /// digit, in virtual time, asserted on the drawn screen's text and the INVITE on the wire; 0 leaves it waiting.
    /// </summary>
    public class AutoDialTests : DialingScreenTests
    {
        [Fact]
        public void TheDialingScreenDialsAfterTheTimeoutCountedFromTheLastDigit()
        {
            _p.Settings.Set("auto_dial", 0, "3");
            Key(KeyCode.Hook);
            Key(KeyCode.Digit2);
            _p.Run(2000);
            Key(KeyCode.Digit0);
            _p.Run(2000);
            Key(KeyCode.Digit7);
            // 2.9 s after the last digit: still dialing, nothing sent.
            _p.Run(2900);
            Assert.Equal(0, Invites);
            Assert.Contains("\n[call] 207_\n", Screen);

            _p.Run(200);
            Assert.Equal(1, Invites);
            Assert.StartsWith("INVITE sip:207@10.0.0.1 SIP/2.0\r\n", _p.Channel.Sent.FindLast(m => m.StartsWith("INVITE ")));
            Assert.Contains("\n[call] <call> Calling 207\n", Screen);
        }

        [Fact]
        public void WithAutoDialOffOrNothingTypedTheDialingScreenWaits()
        {
            Key(KeyCode.Hook);
            Key(KeyCode.Digit5);
            _p.Run(60000);
            Assert.Equal(0, Invites);
            Assert.Contains("\n[call] 5_\n", Screen);

            // Deleting the last digit leaves nothing to dial: the timer does not dial an empty number.
            _p.Settings.Set("auto_dial", 0, "1");
            Key(KeyCode.Softkey2);
            _p.Run(5000);
            Assert.Equal(0, Invites);
            Assert.Contains("\n[call] _\n", Screen);
        }
    }
}
