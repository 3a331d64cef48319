using System;
using System.Collections.Generic;
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

        /// <summary>Each view's golden name and the keys that open it from the idle screen.</summary>
        internal static readonly Dictionary<string, int[]> Views = new()
        {
            ["network"] = new[] { KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Ok },
            ["identities"] = new[] { KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down },
            ["identity-detail"] = new[] { KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down, KeyCode.Ok },
        };

        private void Show(string profileName)
        {
            DisplayProfile profile = ScreenGoldenTests.Profile(profileName);
            _panel = new SoftwarePanel(profile);
            Show(_panel, profile);
        }

        /// <summary>The phone core feeding its screen to any panel (the banded equivalence tests use it too).</summary>
        internal void Show(IPanel panel, DisplayProfile profile) =>
            new ScreenFeeder(_phone, new IdleScreen(panel, profile), () => new DateTime(2026, 11, 24, 10, 15, 0));

        internal void Press(params int[] keys)
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
            Check("network", profile);
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("480x272")]
        [InlineData("128x64")]
        public void IdentitiesViewMatchesItsGolden(string profile)
        {
            Check("identities", profile);
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("480x272")]
        [InlineData("128x64")]
        public void IdentityDetailMatchesItsGolden(string profile)
        {
            Check("identity-detail", profile);
        }

        private void Check(string view, string profile)
        {
            Show(profile);
            Press(Views[view]);
            Golden.Check(view + "-" + profile, _panel);
        }
    }
}
