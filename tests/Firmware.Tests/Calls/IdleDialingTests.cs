using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// Dialing from the idle screen before the handset is lifted, as on a Snom phone: the first digit typed opens the
    /// dialing screen with it, OK dials on the speaker, lifting the handset dials on the handset; the drawn screen and
    /// the INVITE on the wire. Before, a digit on the idle screen did nothing: a number could only be typed after the
    /// handset, the speaker or the headset key.
    /// </summary>
    public class IdleDialingTests : DialingScreenTests
    {
        private string LastInvite => _p.Channel.Sent.FindLast(m => m.StartsWith("INVITE "));

        private void Type(params int[] keys)
        {
            foreach (int k in keys)
            {
                Key(k);
            }
        }

        [Fact]
        public void ADigitOpensTheDialingScreenWithoutSoundAndOkDialsOnTheSpeaker()
        {
            Type(KeyCode.Digit2, KeyCode.Digit0, KeyCode.Digit0);
            Assert.Contains("\n[call] <call> Dial\n[call] 200_\n", Screen);
            Assert.DoesNotContain("[call] <audio>", Screen);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.AudioDeviceIsSpeaker));
            Assert.Equal(0, Invites);

            Key(KeyCode.Ok);
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", LastInvite);
            Assert.Contains("\n[call] <call> Calling 200\n[call] <audio> Speaker\n", Screen);
        }

        [Fact]
        public void LiftingTheHandsetDialsWhatIsTypedOnTheHandset()
        {
            Type(KeyCode.Star, KeyCode.Digit9, KeyCode.Digit7);
            Assert.Contains("\n[call] *97_\n", Screen);
            Key(KeyCode.Hook);
            Assert.Equal(0, Invites);
            Assert.Contains("\n[call] <audio> Handset\n", Screen);
            Key(KeyCode.Hash);
            Assert.StartsWith("INVITE sip:*97@10.0.0.1 SIP/2.0\r\n", LastInvite);
        }

        [Fact]
        public void CancelClosesItAndALockedKeyboardOrAHotLineOpensNothingFromADigit()
        {
            Key(KeyCode.Digit5);
            Assert.Contains("\n[call] 5_\n", Screen);
            Key(KeyCode.Cancel);
            Assert.DoesNotContain("[call]", Screen);

            // A hot line dials when the phone goes off hook, not when a digit is typed.
            Assert.Null(_p.Settings.Set("auto_dial", 0, "1"));
            Assert.Null(_p.Settings.Set("auto_dial_target", 0, "300"));
            Key(KeyCode.Digit5);
            Assert.Equal(0, Invites);
            Assert.Contains("\n[call] 5_\n", Screen);
            Key(KeyCode.Cancel);

            Assert.Null(_p.Settings.Set("keyboard_lock", 0, "on"));
            Key(KeyCode.Digit5);
            Assert.False(_p.App.Calls.Pad.Dialing);
            Assert.DoesNotContain("[call]", Screen);
        }
    }
}
