using System;
using System.Collections.Generic;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Host.Panel;
using DeskPhone.Host.Simulated;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>The technician's network and identities views as the phone core feeds them to each profile's panel.</summary>
    public class TechnicianMenuGoldenTests
    {
        private GoldenPhone _phone;

        /// <summary>Four identities (two with a registrar), both passwords set, the link up with a MAC; identity 1 registered.</summary>
        private static void Configure(SettingsStore settings, SimulatedPhoneHardware hw)
        {
            void Set(string name, int idx, string value) => Assert.Null(settings.Set(name, idx, value));
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
            hw.Drivers.Ethernet.ReportMacAddress(new byte[] { 0x00, 0x08, 0xDC, 0x1F, 0x2E, 0x3D });
        }

        /// <summary>Each view's golden name and the keys that open it from the idle screen.</summary>
        internal static readonly Dictionary<string, int[]> Views = new()
        {
            ["network"] = new[] { KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Ok },
            ["identities"] = new[] { KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down },
            ["identity-detail"] = new[] { KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down, KeyCode.Ok },
        };

        /// <summary>The phone, built by the composition root, drawing on any panel (the banded equivalence tests use it too).</summary>
        internal void Show(IPanel panel, DisplayProfile profile)
        {
            _phone = new GoldenPhone(profile, panel, Configure);
            _phone.Core.OnRegistrationChanged(1, true, _phone.Now);
            _phone.Run(10);
        }

        internal void Press(params int[] keys) => _phone.Press(keys);

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
            Show(null, ScreenGoldenTests.Profile(profile));
            Press(Views[view]);
            ScreenGoldenTests.ScreenTextMatchesTheDrawing(view + "-" + profile, _phone.Text, _phone.Recorder);
            Golden.Check(view + "-" + profile, _phone.Panel);
        }
    }
}
