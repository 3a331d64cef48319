using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Rendering;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Phone
{
    public class ScreenMenusTests
    {
        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        private readonly SettingsStore _settings = new SettingsStore();
        private readonly PhoneCore _phone;
        private readonly SoftwarePanel _panel = new SoftwarePanel(DisplayProfile.Color320x240);
        private readonly ScreenFeeder _feeder;

        public ScreenMenusTests()
        {
            _settings.Set("user_name", 1, "486");
            _phone = new PhoneCore(_settings, null, new NoSubscriptions(), 0);
            _phone.OnRegistrationChanged(1, true, 0);
            _feeder = new ScreenFeeder(_phone, new IdleScreen(_panel, DisplayProfile.Color320x240), () => new System.DateTime(2026, 11, 24, 10, 15, 0));
        }

        private void Press(params int[] keys)
        {
            foreach (int key in keys)
            {
                _phone.OnKey(key, KeyAction.Press, 0);
                _phone.OnKey(key, KeyAction.Release, 0);
            }
        }

        /// <summary>The loop's screen step (PhoneApp.Poll's): compose, then draw unless a failed redraw waits.</summary>
        private void ScreenStep()
        {
            if (_feeder != null && _feeder.Tick())
            {
                _feeder.Screen.Render();
                _feeder.Drawn();
            }
        }

        /// <summary>The screen after the loop's screen step (what the bench shows).</summary>
        private string Text()
        {
            ScreenStep();
            return new ScreenText(_feeder.Screen).GetScreenText();
        }

        [Fact]
        public void MenuChoosesOnlyManualOwnStates()
        {
            Press(KeyCode.Menu);
            Assert.Contains("[menu] Menu", Text());
            Press(KeyCode.Ok);
            string menu = Text();
            Assert.Contains("[menu] Own status", menu);
            Assert.Contains("[item] > * Online", menu);
            Assert.Contains("Do not disturb", menu);
            Assert.DoesNotContain("Busy", menu);
            Assert.DoesNotContain("Offline", menu);

            Press(KeyCode.Down, KeyCode.Ok);

            Assert.Equal(PresenceState.DoNotDisturb, _phone.Presence.State);
            Assert.True(_phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
            Assert.DoesNotContain("[menu]", Text());
        }

        [Fact]
        public void NotificationListNewestFirstAndItsExplanation()
        {
            _phone.Statuses.Raise(StatusId.EthernetUnplugged, null, "test", 5);
            Press(KeyCode.Down);
            string list = Text();
            Assert.Contains("[menu] Notifications (3)", list);
            Assert.Contains("[item] > The Ethernet cable is unplugged", list);

            Press(KeyCode.Ok);
            Assert.Contains("[menu] EthernetUnplugged", Text());
            Assert.Contains("Categories: show directly, important.", Text());

            Press(KeyCode.Cancel, KeyCode.Cancel);
            Assert.DoesNotContain("[menu]", Text());
        }

        [Fact]
        public void KeyboardLockFromTheMenu()
        {
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok);
            Assert.True(_settings.GetBool("keyboard_lock"));
            Assert.True(_phone.Statuses.IsActive(StatusId.PhoneIsLocked));
        }

        [Fact]
        public void CancelOnIdleStillReachesTheDesktopMessage()
        {
            _settings.Set("cancel_desktop", 0, "on");
            byte[] body = System.Text.Encoding.UTF8.GetBytes("hi");
            _phone.OnMessage(1, body, 0, body.Length, null, 0);
            Press(KeyCode.Cancel);
            Assert.Null(_phone.Desktop.Text);
        }
    }
}
