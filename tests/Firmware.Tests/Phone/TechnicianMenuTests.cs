using System.Collections.Generic;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Host.Panel;
using DeskPhone.Host.Simulated;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Phone
{
    public class TechnicianMenuTests
    {
        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        /// <summary>The software panel, remembering which rows of the glass each flush sent.</summary>
        private sealed class FlushLog : IPanel
        {
            public readonly SoftwarePanel Inner = new SoftwarePanel(DisplayProfile.Color320x240);
            public readonly List<int> FlushTops = new List<int>();
            public int Width => Inner.Width;
            public int Height => Inner.Height;
            public bool IsColor => Inner.IsColor;
            public void FillRect(int x, int y, int width, int height, int color) => Inner.FillRect(x, y, width, height, color);
            public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth) => Inner.DrawText(text, x, y, color, font, maxWidth);
            public void DrawIcon(int icon, int x, int y) => Inner.DrawIcon(icon, x, y);
            public void Flush(int x, int y, int width, int height) { FlushTops.Add(y); Inner.Flush(x, y, width, height); }
        }

        private static readonly DisplayProfile Profile = DisplayProfile.Color320x240;
        private static readonly int BodyTop = Profile.StatusHeight + Profile.LineHeight + Profile.Margin;
        private static readonly int Columns = Profile.Font.Fit(Profile.Width - 3 * Profile.Margin);

        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SettingsStore _settings = new SettingsStore();
        private readonly FlushLog _panel = new FlushLog();
        private PhoneCore _phone;
        private ScreenFeeder _feeder;
        private long _now;

        private void Start(bool withDrivers = true)
        {
            Set("user_name", 1, "486");
            Set("user_host", 1, "127.0.0.1");
            Set("user_active", 1, "on");
            if (withDrivers)
            {
                _hw.Drivers.Ethernet.ReportMacAddress(new byte[] { 0x02, 0x00, 0x5E, 0x10, 0xAB, 0x0F });
                _hw.SetLink(true, 0);
            }
            _phone = new PhoneCore(_settings, withDrivers ? _hw.Drivers : null, new NoSubscriptions(), 0);
            _feeder = new ScreenFeeder(_phone, new IdleScreen(_panel, Profile), () => new System.DateTime(2026, 11, 24, 10, 15, 0));
            Advance(600);
            _phone.OnRegistrationChanged(1, true, _now);
        }

        private void Set(string name, int idx, string value) => Assert.Null(_settings.Set(name, idx, value));

        private void Advance(long ms)
        {
            long end = _now + ms;
            while (_now < end)
            {
                _now += 10;
                _phone.Poll(_now);
                ScreenStep();
            }
        }

        private void Press(params int[] keys)
        {
            foreach (int key in keys)
            {
                _phone.OnKey(key, KeyAction.Press, _now);
                _phone.OnKey(key, KeyAction.Release, _now);
            }
            ScreenStep(); // the loop's screen step after the keys
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

        private string[] Rows() => _feeder.Menus.Items();

        private bool BodyFlushedBy(System.Action change)
        {
            _panel.FlushTops.Clear();
            change();
            ScreenStep();
            return _panel.FlushTops.Contains(BodyTop);
        }

        private void OpenNetwork() => Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Ok);

        private void OpenIdentities() => Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok);

        [Fact]
        public void MainMenuListsTheTechnicianViewsAndCancelReturnsToTheirEntry()
        {
            Start();
            Press(KeyCode.Menu);
            Assert.Equal(new[] { "Own status", "Notifications", "Network", "Identities", "Lock keyboard" }, Rows());

            Press(KeyCode.Down, KeyCode.Down, KeyCode.Ok);
            Assert.Contains("[menu] Network", Text());
            Press(KeyCode.Cancel);
            Assert.Contains("[menu] Menu", Text());
            Assert.Contains("[item] > Network", Text());

            Press(KeyCode.Down, KeyCode.Ok);
            Assert.Contains("[menu] Identities", Text());
            Press(KeyCode.Cancel);
            Assert.Contains("[item] > Identities", Text());
            Press(KeyCode.Cancel);
            Assert.DoesNotContain("[menu]", Text());
        }

        [Fact]
        public void NetworkViewReadsTheLinkAndTheDhcpSettings()
        {
            Set("network_id_port", 0, "5062");
            Start();
            OpenNetwork();
            Assert.Equal(new[]
            {
                "Link: up", "Mode: DHCP", "Address: 192.168.1.50", "Netmask: by DHCP", "Gateway: by DHCP", "DNS: by DHCP",
                "MAC: 02:00:5E:10:AB:0F", "SIP port: 5062",
            }, Rows());
        }

        [Fact]
        public void NetworkViewShowsStaticSettings()
        {
            Set("dhcp", 0, "off");
            Set("ip_adr", 0, "10.0.0.20");
            Set("netmask", 0, "255.255.255.0");
            Set("gateway", 0, "10.0.0.1");
            Set("dns_server1", 0, "10.0.0.2");
            Set("dns_server2", 0, "10.0.0.3");
            Start();
            OpenNetwork();
            string[] rows = Rows();
            Assert.Contains("Mode: static", rows);
            Assert.Contains("Netmask: 255.255.255.0", rows);
            Assert.Contains("Gateway: 10.0.0.1", rows);
            Assert.Contains("DNS: 10.0.0.2, 10.0.0.3", rows);
        }

        [Fact]
        public void UnusableStaticSettingsAreExplainedOnWrappedRows()
        {
            Set("dhcp", 0, "off");
            Set("ip_adr", 0, "10.0.0.20");
            Set("netmask", 0, "255.255.255.0");
            Set("gateway", 0, "10.1.0.1");
            Start();
            OpenNetwork();
            string[] rows = Rows();
            Assert.All(rows, row => Assert.True(row.Length <= Columns, "row wider than the list: " + row));
            int first = System.Array.FindIndex(rows, r => r.StartsWith("Static settings unusable:"));
            Assert.True(first >= 0);
            string joined = rows[first] + " " + rows[first + 1].Trim() + (rows[first + 2].StartsWith("  ") ? " " + rows[first + 2].Trim() : "");
            Assert.Equal("Static settings unusable: gateway 10.1.0.1 is outside the subnet of 10.0.0.20", joined);
            Assert.Contains("MAC: 02:00:5E:10:AB:0F", rows);
        }

        [Fact]
        public void WithoutDriversTheLinkIsUnknown()
        {
            Start(withDrivers: false);
            OpenNetwork();
            Assert.Contains("Link: unknown", Rows());
            Assert.Contains("Address: none", Rows());
            Assert.Contains("MAC: unknown", Rows());
        }

        [Fact]
        public void AMacOfTheWrongLengthIsUnknown()
        {
            Start();
            _hw.Drivers.Ethernet.ReportMacAddress(new byte[] { 0x02, 0x00, 0x5E });
            OpenNetwork();
            Assert.Contains("MAC: unknown", Rows());
        }

        [Fact]
        public void NetworkViewFollowsTheCableAndRedrawsOnlyWhenItChanged()
        {
            Start();
            OpenNetwork();
            Assert.False(BodyFlushedBy(() => _phone.OnRegistrationChanged(1, false, _now)), "a row that did not change was redrawn");

            Assert.True(BodyFlushedBy(() =>
            {
                _hw.SetLink(false, _now);
                Advance(2100);
            }));
            Assert.Contains("[item] > Link: down", Text());
            Assert.Contains("Address: none", Rows());

            Assert.True(BodyFlushedBy(() =>
            {
                _hw.SetLink(true, _now, "192.168.1.77");
                Advance(600);
            }));
            Assert.Contains("Link: up", Rows());
            Assert.Contains("Address: 192.168.1.77", Rows());
        }

        [Fact]
        public void AddressChangeWithoutLinkChangeRedrawsTheNetworkView()
        {
            Start();
            OpenNetwork();
            Assert.True(BodyFlushedBy(() =>
            {
                _hw.Drivers.Ethernet.ReportAddress("192.168.1.99");
                Advance(10);
            }));
            Assert.Contains("Address: 192.168.1.99", Rows());
        }

        private void FourIdentities()
        {
            Set("user_name", 2, "bob");
            Set("user_host", 2, "pbx.example.com");
            Set("user_active", 2, "on");
            Set("user_pass", 2, "s3cret-pass");
            Set("user_auth_name", 2, "bob-auth");
            Set("user_outbound", 2, "sip:proxy.example.com;lr");
            Set("user_expiry", 2, "600");
            Set("user_name", 3, "carol");
            Set("user_active", 3, "on");
            Set("user_name", 5, "dave");
            Set("user_host", 5, "10.0.0.9");
        }

        [Fact]
        public void IdentitiesListOneRowPerConfiguredIdentityWithItsState()
        {
            FourIdentities();
            Start();
            OpenIdentities();
            Assert.Equal(new[]
            {
                "* 486@127.0.0.1 registered", "  bob@pbx.example.com not registered", "  carol no registrar", "  dave@10.0.0.9 inactive",
            }, Rows());
        }

        [Fact]
        public void ALongAddressIsShortenedSoTheStateStillShows()
        {
            Set("user_name", 2, "technician-account");
            Set("user_host", 2, "registrar.branch-office.example.com");
            Set("user_active", 2, "on");
            Start();
            OpenIdentities();
            string row = Rows()[1];
            Assert.True(row.Length <= Columns, row);
            Assert.EndsWith("~ not registered", row);
            Assert.StartsWith("  technician-account@r", row);
        }

        [Fact]
        public void IdentityDetailsNeverShowThePasswordEvenWithAnAdminPassword()
        {
            FourIdentities();
            Set("admin_mode_password", 0, "admin-secret");
            Start();
            Assert.True(_settings.IsPasswordSet("admin_mode_password"));
            OpenIdentities();
            Press(KeyCode.Down, KeyCode.Ok);
            Assert.Contains("[menu] Identity 2", Text());
            Assert.Equal(new[]
            {
                "Account: bob", "Registrar: pbx.example.com", "Outbound proxy:", "  sip:proxy.example.com;lr", "Auth name: bob-auth",
                "Expiry: 600 s", "Active: yes", "Registration: not registered", "Current identity: no",
            }, Rows());
            string text = Text();
            Assert.DoesNotContain("s3cret", text);
            Assert.DoesNotContain("admin-secret", text);
            Assert.DoesNotContain("****", text);

            Press(KeyCode.Cancel);
            Assert.Contains("[menu] Identities", Text());
            Assert.Contains("[item] >   bob@pbx.example.com not registered", Text());
        }

        [Fact]
        public void IdentityDetailsOfTheCurrentIdentityWithDefaults()
        {
            Start();
            OpenIdentities();
            Press(KeyCode.Ok);
            Assert.Equal(new[]
            {
                "Account: 486", "Registrar: 127.0.0.1", "Outbound proxy: none", "Auth name: (account)",
                "Expiry: 3600 s", "Active: yes", "Registration: registered", "Current identity: yes",
            }, Rows());
        }

        [Fact]
        public void IdentityViewsFollowRegistrationAndSettingChanges()
        {
            FourIdentities();
            Start();
            OpenIdentities();
            Assert.True(BodyFlushedBy(() => _phone.OnRegistrationChanged(2, true, _now)));
            Assert.Contains("  bob@pbx.example.com registered", Rows());
            Assert.False(BodyFlushedBy(() => _phone.Statuses.Raise(StatusId.EthernetUnplugged, null, "test", _now)),
                "a status-line change redrew the unchanged list");

            Press(KeyCode.Down, KeyCode.Ok);
            Assert.True(BodyFlushedBy(() => _phone.OnRegistrationChanged(2, false, _now)));
            Assert.Contains("Registration: not registered", Rows());
            Assert.True(BodyFlushedBy(() => Set("user_expiry", 2, "900")));
            Assert.Contains("Expiry: 900 s", Rows());
        }

        [Fact]
        public void NoConfiguredIdentitySaysSo()
        {
            _phone = new PhoneCore(_settings, null, new NoSubscriptions(), 0);
            _feeder = new ScreenFeeder(_phone, new IdleScreen(_panel, Profile), () => new System.DateTime(2026, 11, 24, 10, 15, 0));
            OpenIdentities();
            Assert.Equal(new[] { "No identity configured" }, Rows());
            Press(KeyCode.Ok);
            Assert.Contains("[menu] Identities", Text());
        }
    }
}
