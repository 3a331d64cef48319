using System.Text;
using System.Text.Json;
using DeskPhone.Board.Drivers;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Bench;
using DeskPhone.Host.Simulated;
using Xunit;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The LAN-only board image (docs/board-profile.md "Wi-Fi"): a wifi_ssid set there is not ignored silently; with the
    /// cable out the phone says it has no Wi-Fi, where it shows any failed attempt, and the cable's return clears it.
    /// </summary>
    public class NoWifiLinkTests
    {
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();

        private SipPhone Phone(string ssid)
        {
            _hw.SetLink(true, 0);
            var p = new SipPhone(s => s.Set("wifi_ssid", 0, ssid), drivers: _hw.Drivers, wifi: new NoWifiLink());
            p.Run(1000);
            p.Register();
            p.Run(3000);
            return p;
        }

        private static JsonElement Wifi(SipPhone p)
        {
            var router = new BenchRouter(p.Phone, null, (code, action) => { }, null, null);
            BenchResponse r = router.Handle("GET", "/api/link", null, null, null);
            return JsonDocument.Parse(Encoding.UTF8.GetString(r.Body)).RootElement.GetProperty("wifi");
        }

        [Fact]
        public void AnSsidOnTheLanOnlyImageIsReportedWhileTheCableIsOut()
        {
            SipPhone p = Phone("lab");
            Assert.Equal("off", Wifi(p).GetProperty("state").GetString());

            _hw.SetLink(false, p.Now);
            p.Run(3000);

            Assert.Equal("Wi-Fi: LAN-only build, no Wi-Fi", p.Phone.Statuses.ParamOf(StatusId.EthernetUnplugged));
            Assert.False(p.Phone.Statuses.IsActive(StatusId.WlanActive));
            JsonElement wifi = Wifi(p);
            Assert.Equal(("failed", NoWifiLink.Reason, 1), (wifi.GetProperty("state").GetString(), wifi.GetProperty("lastFailure").GetString(), wifi.GetProperty("failures").GetInt32()));

            _hw.SetLink(true, p.Now);
            p.Run(1000);
            Assert.False(p.Phone.Statuses.IsActive(StatusId.EthernetUnplugged));
            Assert.Equal((0, JsonValueKind.Null), (Wifi(p).GetProperty("failures").GetInt32(), Wifi(p).GetProperty("lastFailure").ValueKind));
        }
    }
}
