using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// Snom's hot and warm line (auto_dial_target with auto_dial): off hook the phone dials the target at once (auto_dial
    /// 1 or 2) or after auto_dial seconds without a digit (3 or more), in virtual time, asserted on the INVITE's
    /// Request-URI on the wire and the drawn screen; a digit typed first cancels the warm line; bad targets are refused.
    /// </summary>
    public class HotLineTests : DialingScreenTests
    {
        private void Shows(string text) => Assert.True(Screen.Contains(text), Screen);

        private void ShowsNo(string text) => Assert.False(Screen.Contains(text), Screen);

        private string LastInvite => _p.Channel.Sent.FindLast(m => m.StartsWith("INVITE "));

        [Fact]
        public void TheHandsetLiftedDialsTheHotLineAtOnce()
        {
            Assert.Null(_p.Settings.Set("auto_dial", 0, "2"));
            Assert.Null(_p.Settings.Set("auto_dial_target", 0, "200"));
            Key(KeyCode.Hook);

            Assert.Equal(1, Invites);
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", LastInvite);
            Shows("\n[call] <call> Calling 200\n[call] <audio> Handset\n[call] Hot line: 200\n");
        }

        [Fact]
        public void TheSpeakerKeyAndALineKeyDialTheHotLineOnTheSpeaker()
        {
            _p.Settings.Set("auto_dial", 0, "1");
            _p.Settings.Set("auto_dial_target", 0, "sip:door@10.0.0.7:5070");
            Key(KeyCode.Speaker);
            Assert.StartsWith("INVITE sip:door@10.0.0.7:5070 SIP/2.0\r\n", LastInvite);
            Shows("\n[call] <audio> Speaker\n[call] Hot line: sip:door@10.0.0.7:5070\n");
            // Busy there: the call ends, the phone is idle again.
            _p.Answer(LastInvite, 486);
            _p.Run(100);
            ShowsNo("[call] <audio>");

            // F1 is a line key by default (fkey1 line): on the idle phone it goes off hook on the speaker.
            Key(KeyCode.FunctionKey1);
            Assert.Equal(2, Invites);
            Shows("\n[call] <audio> Speaker\n[call] Hot line: sip:door@10.0.0.7:5070\n");
        }

        [Fact]
        public void TheWarmLineCountsDownAndDialsWhenNoDigitIsTyped()
        {
            _p.Settings.Set("auto_dial", 0, "5");
            _p.Settings.Set("auto_dial_target", 0, "200");
            Key(KeyCode.Hook);
            Assert.Equal(0, Invites);
            Shows("\n[call] <call> Dial\n[call] _\n[call] Warm line: 200 in 5 s\n[call] <audio> Handset\n[softkey 1] Dial\n");

            _p.Run(1000);
            Shows("\n[call] Warm line: 200 in 4 s\n");
            _p.Run(3900);
            Assert.Equal(0, Invites);
            Shows("\n[call] Warm line: 200 in 1 s\n");

            _p.Run(200);
            Assert.Equal(1, Invites);
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", LastInvite);
            Shows("\n[call] <call> Calling 200\n[call] <audio> Handset\n[call] Warm line: 200\n");
        }

        [Fact]
        public void ADigitTypedFirstCancelsTheWarmLineAndTheNumberIsDialledAsUsual()
        {
            _p.Settings.Set("auto_dial", 0, "4");
            _p.Settings.Set("auto_dial_target", 0, "200");
            Key(KeyCode.Hook);
            _p.Run(2000);
            Key(KeyCode.Digit3);
            Shows("\n[call] <call> Dial\n[call] 3_\n");
            ShowsNo("Warm line");

            // The warm line's time passes without a call to 200; auto_dial dials what was typed 4 s after the digit.
            _p.Run(3900);
            Assert.Equal(0, Invites);
            _p.Run(200);
            Assert.Equal(1, Invites);
            Assert.StartsWith("INVITE sip:3@10.0.0.1 SIP/2.0\r\n", LastInvite);
            ShowsNo("Warm line");
        }

        [Fact]
        public void WithoutATargetOrWithAutoDialOffGoingOffHookOnlyOpensTheDialingScreen()
        {
            _p.Settings.Set("auto_dial", 0, "1");
            Key(KeyCode.Hook);
            _p.Run(5000);
            Assert.Equal(0, Invites);
            Shows("\n[call] <call> Dial\n[call] _\n");
            Key(KeyCode.Hook, KeyAction.Release);

            _p.Settings.Set("auto_dial", 0, "0");
            _p.Settings.Set("auto_dial_target", 0, "200");
            Key(KeyCode.Hook);
            _p.Run(5000);
            Assert.Equal(0, Invites);
            Shows("\n[call] <call> Dial\n[call] _\n");
            Key(KeyCode.Hook, KeyAction.Release);

            // No target: a line key on the idle phone stays unused, as before (auto_dial 0 too).
            _p.Settings.Set("auto_dial_target", 0, "");
            Key(KeyCode.FunctionKey1);
            ShowsNo("[call]");
        }

        [Fact]
        public void ATargetThatCannotBeCalledIsRefusedWithTheReason()
        {
            foreach (string bad in new[] { "sip:", "sip:@pbx", "@pbx", "200@", "2 00", "sip:200@bad host", "200@pbx:99999", "tel:200" })
            {
                string error = _p.Settings.Set("auto_dial_target", 0, bad);
                Assert.True(error != null, bad);
                Assert.Contains("is not a number, user@host or sip: URI", error);
            }
            Assert.Equal("", _p.Settings.Get("auto_dial_target"));
            Assert.Contains("out of range 0..60", _p.Settings.Set("auto_dial", 0, "61"));
            foreach (string good in new[] { "200", "+4930123", "*97", "reception", "200@pbx.example.com:5070", "sip:200@10.0.0.7;transport=tcp", "sips:pbx.example.com" })
            {
                Assert.True(_p.Settings.Set("auto_dial_target", 0, good) == null, good);
            }
            Assert.Null(_p.Settings.Set("auto_dial_target", 0, " 200 "));
            Assert.Equal("200", _p.Settings.Get("auto_dial_target"));
        }
    }
}
