using System;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Settings;
using DeskPhone.Host.Panel;
using DeskPhone.Host.Simulated;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>The technician's network and identities views as the phone core feeds them to each profile's panel.</summary>
    public class TechnicianMenuGoldenTests
    {
        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SettingsStore _settings = new SettingsStore();
        private readonly PhoneCore _phone;
        private SoftwarePanel _panel;
        private long _now;

        public TechnicianMenuGoldenTests()
        {
            Set("user_name", 1, "486");
            Set("user_host", 1, "127.0.0.1");
            Set("user_active", 1, "on");
            Set("user_name", 2, "bob");
            Set("user_host", 2, "pbx.example.com");
            Set("user_outbound", 2, "sip:proxy.example.com;lr");
            Set("user_active", 2, "on");
            Set("user_name", 3, "carol");
            Set("user_active", 3, "on");
            Set("admin_mode_password", 0, "admin-secret");
            Set("http_pass", 0, "bench-secret");
            _hw.Drivers.Ethernet.ReportMacAddress(new byte[] { 0x00, 0x08, 0xDC, 0x1F, 0x2E, 0x3D });
            _hw.SetLink(true, 0);
            _phone = new PhoneCore(_settings, _hw.Drivers, new NoSubscriptions(), 0);
            for (_now = 10; _now <= 600; _now += 10)
            {
                _phone.Poll(_now);
            }
            _phone.OnRegistrationChanged(1, true, _now);
        }

        private void Set(string name, int idx, string value) => Assert.Null(_settings.Set(name, idx, value));

        private void Show(string profileName)
        {
            DisplayProfile profile = profileName == "320x240" ? DisplayProfile.Color320x240
                : profileName == "480x272" ? DisplayProfile.Color480x272 : DisplayProfile.Mono128x64;
            _panel = new SoftwarePanel(profile);
            new ScreenFeeder(_phone, new IdleScreen(_panel, profile), () => new DateTime(2026, 11, 24, 10, 15, 0));
        }

        private void Press(params int[] keys)
        {
            foreach (int key in keys)
            {
                _phone.OnKey(key, KeyAction.Press, _now);
                _phone.OnKey(key, KeyAction.Release, _now);
            }
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("480x272")]
        [InlineData("128x64")]
        public void NetworkViewMatchesItsGolden(string profile)
        {
            Show(profile);
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Ok);
            Golden.Check("network-" + profile, _panel);
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("480x272")]
        [InlineData("128x64")]
        public void IdentitiesViewMatchesItsGolden(string profile)
        {
            Show(profile);
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down);
            Golden.Check("identities-" + profile, _panel);
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("480x272")]
        [InlineData("128x64")]
        public void IdentityDetailMatchesItsGolden(string profile)
        {
            Show(profile);
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down, KeyCode.Ok);
            Golden.Check("identity-detail-" + profile, _panel);
        }
    }
}
