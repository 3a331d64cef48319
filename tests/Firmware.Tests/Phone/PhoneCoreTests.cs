using System.Collections.Generic;
using System.Text;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Host.Simulated;
using DeskPhone.Sip.Events;
using DeskPhone.Firmware.Tests.Presence;

namespace DeskPhone.Firmware.Tests.Phone
{
    public class PhoneCoreTests
    {
        private sealed class Subscribes : ISubscribeSender
        {
            public readonly List<Subscription> Sent = new List<Subscription>();

            public void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds) => Sent.Add(subscription);
        }

        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly Subscribes _subscribes = new Subscribes();
        private readonly SettingsStore _settings = new SettingsStore();
        private readonly PhoneCore _phone;
        private long _now;

        public PhoneCoreTests()
        {
            _hw.SetLink(true, 0);
            _phone = new PhoneCore(_settings, _hw.Drivers, _subscribes, 0);
            Run(3000);
        }

        private void Run(long ms)
        {
            long end = _now + ms;
            while (_now < end)
            {
                _now += 10;
                _phone.Poll(_now);
            }
        }

        private int Message(string text, int identity = 1)
        {
            byte[] b = Encoding.UTF8.GetBytes(text);
            return _phone.OnMessage(identity, b, 0, b.Length, "call-x", _now);
        }

        private void Press(int key)
        {
            _phone.OnKey(key, KeyAction.Press, _now);
            _phone.OnKey(key, KeyAction.Release, _now);
        }

        [Fact]
        public void FreshPhoneWarnsAboutTheMissingAdminPasswordFirst()
        {
            Assert.Equal(StatusId.PhoneHasNoAdminPassword, _phone.Statuses.StatusLine);
            Assert.True(_phone.Statuses.IsActive(StatusId.PhoneHasNoHttpPassword));
            _settings.Set("admin_mode_password", 0, "s3cret");
            Assert.Equal(StatusId.PhoneHasNoHttpPassword, _phone.Statuses.StatusLine);
            _settings.Set("http_pass", 0, "s3cret");
            Assert.Equal(StatusScheduler.NoMessage, _phone.Statuses.StatusLine);
        }

        [Fact]
        public void DesktopMessageRaisesItsStatusButThePasswordWarningKeepsTheLine()
        {
            Assert.Equal(200, Message("Lunch is ready"));
            Assert.Equal("Lunch is ready", _phone.Desktop.Text);
            Assert.True(_phone.Statuses.IsActive(StatusId.ServerMessageToBeShownDirectly));
            Assert.Equal(StatusId.PhoneHasNoAdminPassword, _phone.Statuses.StatusLine);
        }

        [Fact]
        public void CancelClearsTheMessageOnlyWithCancelDesktop()
        {
            Message("stay");
            Press(KeyCode.Cancel);
            Assert.Equal("stay", _phone.Desktop.Text);

            _settings.Set("cancel_desktop", 0, "on");
            Press(KeyCode.Cancel);
            Assert.Null(_phone.Desktop.Text);
            Assert.False(_phone.Statuses.IsActive(StatusId.ServerMessageToBeShownDirectly));
        }

        [Fact]
        public void UnpluggingEthernetRaisesItsStatusAndPluggingReRegisters()
        {
            _settings.Set("admin_mode_password", 0, "x");
            _settings.Set("http_pass", 0, "x");
            var signals = new CountedSignals();
            _phone.Signals = signals;

            _hw.SetLink(false, _now);
            Run(3000);
            Assert.Equal(StatusId.EthernetUnplugged, _phone.Statuses.StatusLine);

            _hw.SetLink(true, _now);
            Run(1000);
            Assert.False(_phone.Statuses.IsActive(StatusId.EthernetUnplugged));
            Assert.Equal(1, signals.Restored);
        }

        /// <summary>Counts what the core tells the parts over it (PhoneApp's part on the phone).</summary>
        private sealed class CountedSignals : IPhoneSignals
        {
            public int Restored;

            public void NetworkRestored() => Restored++;

            public void RegistrationLost(int identity) { }

            public void IdentityChanged(int identity) { }

            public void FeatureChanged(int identity, int feature) { }

            public void PresenceChanged() { }

            public void RegistrationChanged(int identity, bool registered) { }

            public void CallsNeeded() { }

            public void HeadsetButton(int button, bool down) { }
        }

        /// <summary>
        /// The details of the phone's events of <paramref name="kind"/> from now on, with the passwords set so that
        /// PhoneHasDefaultPasswords does not hold the status line.
        /// </summary>
        private List<string> EventsWithPasswordsSet(string kind)
        {
            var details = new List<string>();
            _phone.Event += (k, detail) => { if (k == kind) details.Add(detail); };
            _settings.Set("admin_mode_password", 0, "x");
            _settings.Set("http_pass", 0, "x");
            return details;
        }

        [Fact]
        public void StatusEventsNameTheStatusLineAndPopUp()
        {
            List<string> details = EventsWithPasswordsSet(PhoneEventKind.Status);
            Run(100);

            _hw.SetLink(false, _now);
            Run(3000);

            Assert.Contains("line=EthernetUnplugged popup=none", details);
        }

        [Fact]
        public void AStatusEventComesOnlyWhenWhatHoldsTheScreenChanges()
        {
            List<string> details = EventsWithPasswordsSet(PhoneEventKind.Status);
            _hw.SetLink(false, _now);
            Run(3000);
            int before = details.Count;

            // Below EthernetUnplugged: the scheduler changes, the status line and the pop-up do not.
            _phone.Statuses.Raise(StatusId.PhoneHasVoiceMessages, null, "test", _now);
            _phone.Statuses.Raise(StatusId.PhoneHasTextMessages, null, "test", _now);
            Run(100);

            Assert.Equal("line=EthernetUnplugged popup=none", details[before - 1]);
            Assert.Equal(before, details.Count);
        }

        [Fact]
        public void TheStatusEventTellsWhatTheTurnLeftOnceFromTheLoop()
        {
            List<string> details = EventsWithPasswordsSet(PhoneEventKind.Status);
            Run(100);
            int before = details.Count;

            // A MESSAGE's handling raises its status outside the loop's turn: the event waits for the turn.
            Assert.Equal(200, Message("Lunch"));
            Assert.Equal(before, details.Count);
            Run(10);
            Assert.Equal(new[] { "line=ServerMessageToBeShownDirectly popup=none" }, details.GetRange(before, details.Count - before));

            // Raised and cleared again between two turns: the status line ends as it was, nothing to tell.
            before = details.Count;
            _phone.Statuses.Raise(StatusId.EthernetUnplugged, null, "test", _now);
            _phone.Statuses.Clear(StatusId.EthernetUnplugged, _now);
            Run(10);
            Assert.Equal(before, details.Count);
        }

        [Fact]
        public void LedEventsCarryColourAndPattern()
        {
            _phone.EventDetails = true;
            List<string> details = EventsWithPasswordsSet(PhoneEventKind.Leds);

            _hw.SetLink(false, _now);
            Run(3000);

            // EthernetUnplugged lights the message LED (docs/leds.md); the event says how.
            string message = details.FindLast(d => d.StartsWith("message "));
            Assert.NotNull(message);
            Assert.Equal(3, message.Split(' ').Length);
            Assert.NotEqual("off", message.Split(' ')[2]);
            Assert.Equal(LedNames.Color(_phone.Leds.ColorOf(LedMap.Message)) + " " + LedNames.Pattern(_phone.Leds.PatternOf(LedMap.Message)),
                message.Substring("message ".Length));
        }

        [Fact]
        public void LedEventsCarryNoWordsWhileNothingShowsThePhonesEvents()
        {
            List<string> details = EventsWithPasswordsSet(PhoneEventKind.Leds);

            _hw.SetLink(false, _now);
            Run(3000);

            // The LED changed (the screen still hears of it), but no text was made for it.
            Assert.NotEmpty(details);
            Assert.All(details, d => Assert.Null(d));
        }

        [Fact]
        public void UsbDevicesRaiseUsbEventsWithTheirKind()
        {
            var details = new List<string>();
            _phone.Event += (kind, detail) => { if (kind == PhoneEventKind.Usb) details.Add(detail); };

            _hw.Usb.AttachHeadset();
            Run(2000);
            _hw.Usb.Detach(1);
            Run(2000);

            Assert.Equal(new[] { "port 2 headset connected", "port 2 headset disconnected" }, details);
        }

        [Fact]
        public void RegistrationDrivesIdentityStatusesAndPresence()
        {
            _settings.Set("user_name", 1, "486");
            _settings.Set("user_host", 1, "pbx.example.com");
            _phone.OnRegistrationChanged(1, false, _now);
            Assert.True(_phone.Statuses.IsActive(StatusId.Identity01IsNotRegistered));
            Assert.True(_phone.Statuses.IsActive(StatusId.CurrentIdentityIsNotRegistered));

            _phone.OnRegistrationChanged(1, true, _now);
            Assert.False(_phone.Statuses.IsActive(StatusId.Identity01IsNotRegistered));
            Assert.Equal(PresenceState.Online, _phone.Presence.State);

            _phone.OnRegistrationChanged(1, false, _now);
            Assert.True(_phone.Presence.LostRegistration);
        }

        [Fact]
        public void IdentityWithoutRegistrarIsReachedDirectly()
        {
            _settings.Set("user_name", 1, "486");
            _phone.OnRegistrationChanged(1, false, _now);
            Assert.False(_phone.Statuses.IsActive(StatusId.Identity01IsNotRegistered));
            Assert.Equal(PresenceState.Online, _phone.Presence.State);
        }

        [Fact]
        public void StatusCategoriesApplyLive()
        {
            _settings.Set("status_msgs_that_are_blocked", 0, "PhoneHasNoAdminPassword");
            Assert.Equal(StatusId.PhoneHasNoHttpPassword, _phone.Statuses.StatusLine);
        }

        [Fact]
        public void PopUpDismissedByCancelBeforeTheDesktopMessage()
        {
            _settings.Set("cancel_desktop", 0, "on");
            Message("keep");
            _phone.Statuses.Raise(StatusId.PhoneProvisioningStarting, null, "test", _now);
            Press(KeyCode.Cancel);
            Assert.Equal(StatusScheduler.NoMessage, _phone.Statuses.PopUp);
            Assert.Equal("keep", _phone.Desktop.Text);
        }

        [Fact]
        public void InfoBoxFromAnUntrustedHostIsRefused()
        {
            byte[] b = Encoding.UTF8.GetBytes("<InfoBoxQueue><InfoBox><Line pos=\"1\"><Text>x</Text></Line></InfoBox></InfoBoxQueue>");
            Assert.Equal(403, _phone.OnNotify(0, null, "application/snomxml", "192.0.2.1", false, b, 0, b.Length, _now));
            _settings.Set("mb_trusted_hosts", 0, "192.0.2.1");
            Assert.Equal(200, _phone.OnNotify(0, null, "application/snomxml", "192.0.2.1", false, b, 0, b.Length, _now));
            Assert.Equal("x", _phone.InfoBoxes.Current.LineText(0));
        }

        [Fact]
        public void VoiceMessagesBlinkTheMessageLed()
        {
            byte[] b = Encoding.UTF8.GetBytes("Messages-Waiting: yes\r\nVoice-Message: 2/0\r\n");
            Assert.Equal(200, _phone.OnNotify(1, "message-summary", "application/simple-message-summary", "10.0.0.1", true, b, 0, b.Length, _now));
            Assert.True(_phone.Statuses.IsActive(StatusId.CurrentIdentityHasVoiceMessages));
            Assert.Equal(LedPattern.BlinkSlow, _hw.Drivers.Leds.PatternOf(LedMap.Message));
        }

        [Fact]
        public void BlfKeyBlinksWhenTheColleagueRings()
        {
            _settings.Set("fkey", 1, "blf sip:bob@pbx");
            Subscription s = Assert.Single(_subscribes.Sent);
            Assert.Equal("dialog", s.EventPackage);
            byte[] b = Encoding.UTF8.GetBytes("<dialog-info version=\"1\" state=\"full\"><dialog id=\"1\" direction=\"recipient\"><state>early</state></dialog></dialog-info>");
            Assert.Equal(200, KeyNotify.Send(_phone.Monitored, 0, "application/dialog-info+xml", b, "active", 3600, _now));
            Assert.Equal(LedPattern.BlinkFast, _hw.Drivers.Leds.PatternOf(LedMap.FunctionKey(0)));
            Assert.True(_phone.Statuses.IsActive(StatusId.MonitoredExtensionIsRinging));
        }

        [Fact]
        public void DoNotDisturbRaisesItsStatus()
        {
            _phone.OnRegistrationChanged(1, true, _now);
            Assert.True(_phone.ChoosePresence(PresenceState.DoNotDisturb, _now));
            Assert.True(_phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
            Assert.False(_phone.ChoosePresence(PresenceState.Busy, _now));
        }

        [Fact]
        public void ModuleKeysShowTheLabelsOfTheirDefinitionsWhenTheModuleConnectsAndWhenTheyChange()
        {
            _settings.Set("expansion_key", 2, "blf sip:carol@10.0.0.1");
            _settings.Set("expansion_key", 19, "speed 200");
            _hw.Modules.Plug();
            _hw.Modules.Plug();
            Run(6000);
            Assert.Equal("carol", _hw.Modules.Modules[0].Labels[1]);
            Assert.Equal("speed 200", _hw.Modules.Modules[1].Labels[0]);
            Assert.Null(_hw.Modules.Modules[0].Labels[0]);

            _settings.Set("expansion_key", 2, "blf sip:dave@10.0.0.1");
            Run(200);
            Assert.Equal("dave", _hw.Modules.Modules[0].Labels[1]);
            _settings.Set("expansion_key", 2, "none");
            Run(200);
            Assert.Equal("", _hw.Modules.Modules[0].Labels[1]);
        }

        [Fact]
        public void ExpansionModulePlugShowsUxmConnected()
        {
            _hw.Modules.Plug();
            Run(6000);
            Assert.True(_phone.Statuses.IsActive(StatusId.UxmConnected));
        }
    }
}
