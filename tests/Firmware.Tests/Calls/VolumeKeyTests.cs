using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The volume keys and ring_volume: the speaker's tones play at the ringer volume, the keys step it (saved, shown on
    /// the status line), a ringing call follows at once. Before, ring_volume did nothing and the keys were dead.
    /// </summary>
    public class VolumeKeyTests : DialingScreenTests
    {
        private string StatusLine => _p.App.Text.GetScreenText().Split('\n')[0];

        [Fact]
        public void TheKeysStepTheRingerVolumeAndTheToneFollows()
        {
            Assert.Equal("8", _p.Settings.Get("ring_volume", 0));
            Key(KeyCode.VolumeUp);
            Assert.Equal("9", _p.Settings.Get("ring_volume", 0));
            Assert.Equal("[status] Ringer volume 9", StatusLine);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.StatusLineSystemMessage));
            // A short tone at the new level says how loud it is.
            Assert.Equal(9, _hw.Speaker.Level);

            for (int i = 0; i < 8; i++)
            {
                Key(KeyCode.VolumeUp);
            }
            Assert.Equal("15", _p.Settings.Get("ring_volume", 0));
            Assert.Equal("[status] Ringer volume 15", StatusLine);

            // Held down, the key repeats: a step each time.
            Key(KeyCode.VolumeDown);
            for (int i = 0; i < 3; i++)
            {
                _p.Phone.OnKey(KeyCode.VolumeDown, KeyAction.Repeat, _p.Now);
            }
            Assert.Equal("11", _p.Settings.Get("ring_volume", 0));
        }

        [Fact]
        public void ARingingCallFollowsTheKeysAndTheSettingAndZeroIsSilent()
        {
            Assert.Null(_p.Settings.Set("ring_volume", 0, "4"));
            _p.Invite("z9hG4bKv1", "v1", "\"Bob\" <sip:555@10.0.0.1>");
            _p.Run(100);
            Assert.NotEqual(0, _hw.Speaker.Hertz);
            Assert.Equal(4, _hw.Speaker.Level);

            Key(KeyCode.VolumeDown);
            _p.Run(50);
            Assert.Equal(3, _hw.Speaker.Level);
            Assert.Equal(3, _p.Phone.Drivers.Tones.Level);

            Assert.Null(_p.Settings.Set("ring_volume", 0, "0"));
            Assert.Equal(0, _hw.Speaker.Level);
        }
    }
}
