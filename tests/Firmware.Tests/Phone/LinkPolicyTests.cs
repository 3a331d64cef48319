using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Network;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Host.Simulated;
using Xunit;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// Ethernet first, Wi-Fi while the cable is out (LinkPolicy): what the phone sends (REGISTER from the new address),
    /// what it shows (WlanActive, the failure on the status line, /api/link) and when it tries again.
    /// </summary>
    public class LinkPolicyTests
    {
        private const string WifiAddress = "10.1.1.5";
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SimulatedWifi _wifi = new SimulatedWifi(WifiAddress);

        private SipPhone Phone(string ssid, string key = "correct horse")
        {
            _hw.SetLink(true, 0);
            var p = new SipPhone(s =>
            {
                s.Set("wifi_ssid", 0, ssid);
                s.Set("wifi_password", 0, key);
            }, drivers: _hw.Drivers, wifi: _wifi);
            p.Run(1000);
            p.Register();
            p.Run(3000);
            return p;
        }

        private void Unplug(SipPhone p) => _hw.SetLink(false, p.Now);

        private void Plug(SipPhone p) => _hw.SetLink(true, p.Now);

        private static string Contact(string request) => SipChannel.Header(request, "Contact");

        private static JsonElement Link(SipPhone p)
        {
            var router = new BenchRouter(p.Phone, null, (code, action) => { }, null, null);
            BenchResponse r = router.Handle("GET", "/api/link", null, null, null);
            Assert.Equal(200, r.Status);
            return JsonDocument.Parse(Encoding.UTF8.GetString(r.Body)).RootElement;
        }

        [Fact]
        public void WithoutAnSsidThePhoneNeverAsksForWifi()
        {
            SipPhone p = Phone("");
            Unplug(p);
            p.Run(60000);

            Assert.Equal(0, _wifi.Attempts);
            Assert.Equal("none", Link(p).GetProperty("link").GetString());
            Assert.False(p.Phone.Statuses.IsActive(StatusId.WlanActive));
            Assert.True(p.Phone.Statuses.IsActive(StatusId.EthernetUnplugged));
            Assert.Null(p.Phone.Statuses.ParamOf(StatusId.EthernetUnplugged));
        }

        [Fact]
        public void WithTheCableInWifiIsNeverUsed()
        {
            SipPhone p = Phone("lab");
            p.Run(60000);

            Assert.Equal(0, _wifi.Attempts);
            Assert.Equal("ethernet", Link(p).GetProperty("link").GetString());
        }

        [Fact]
        public void TheCableOutMovesTheRegistrationToWifiAndTheCableInMovesItBack()
        {
            SipPhone p = Phone("lab", "correct horse");
            Assert.StartsWith("<sip:100@192.0.2.10:5060;", Contact(p.Last("REGISTER")));
            int registers = p.Count("REGISTER");

            Unplug(p);
            p.Run(3000);
            Assert.Equal(("lab", "correct horse"), (_wifi.LastSsid, _wifi.LastKey));
            Assert.True(p.Phone.Statuses.IsActive(StatusId.WlanActive));
            Assert.Equal(registers + 1, p.Count("REGISTER"));
            string onWifi = p.Last("REGISTER");
            Assert.StartsWith("<sip:100@" + WifiAddress + ":5060;", Contact(onWifi));
            Assert.Contains("SIP/2.0/UDP " + WifiAddress + ":5060;", SipChannel.Header(onWifi, "Via"));
            JsonElement link = Link(p);
            Assert.Equal(("wifi", WifiAddress, "connected"), (link.GetProperty("link").GetString(), link.GetProperty("address").GetString(),
                link.GetProperty("wifi").GetProperty("state").GetString()));
            p.Register();
            // Not within 2 s of that registration: a link report right after one is taken as the boot's (RegistrationClient).
            p.Run(3000);

            Plug(p);
            p.Run(1000);
            Assert.False(p.Phone.Statuses.IsActive(StatusId.WlanActive));
            Assert.False(p.Phone.Statuses.IsActive(StatusId.EthernetUnplugged));
            Assert.Equal(WifiState.Off, _wifi.State);
            Assert.Equal(registers + 2, p.Count("REGISTER"));
            Assert.StartsWith("<sip:100@192.0.2.10:5060;", Contact(p.Last("REGISTER")));
            Assert.Equal("ethernet", Link(p).GetProperty("link").GetString());
        }

        [Fact]
        public void AWrongKeyIsShownAndRetriedWithAGrowingBoundedWait()
        {
            _wifi.SetAccess(SimulatedWifi.RefusesKey);
            SipPhone p = Phone("lab", "wrong");
            Unplug(p);
            var attempts = new List<long>();
            int seen = 0;
            for (long t = 0; t < 1200000; t += 100)
            {
                p.Run(100);
                if (_wifi.Attempts != seen)
                {
                    seen = _wifi.Attempts;
                    attempts.Add(p.Now);
                }
            }

            // 5 s, 10 s, 20 s ... doubling, never more than 5 minutes between two attempts.
            var waits = new List<long>();
            for (int i = 1; i < attempts.Count; i++)
            {
                waits.Add((attempts[i] - attempts[i - 1] + 50) / 1000);
            }
            Assert.Equal(new long[] { 5, 10, 20, 40, 80, 160, 300, 300 }, waits.GetRange(0, 8));
            Assert.All(waits, w => Assert.InRange(w, 5, 300));
            Assert.StartsWith("Wi-Fi: wrong key", p.Phone.Statuses.ParamOf(StatusId.EthernetUnplugged));
            Assert.False(p.Phone.Statuses.IsActive(StatusId.WlanActive));
            JsonElement wifi = Link(p).GetProperty("wifi");
            Assert.Equal("wrong key", wifi.GetProperty("lastFailure").GetString());
            Assert.Equal(attempts.Count, wifi.GetProperty("failures").GetInt32());

            // The right network comes into range: the next attempt joins it, and the failure is gone.
            _wifi.SetAccess(SimulatedWifi.InRange);
            p.Run(301000);
            Assert.True(p.Phone.Statuses.IsActive(StatusId.WlanActive));
            Assert.Null(p.Phone.Statuses.ParamOf(StatusId.EthernetUnplugged));
            Assert.Equal(0, Link(p).GetProperty("wifi").GetProperty("failures").GetInt32());
        }

        [Fact]
        public void ANewKeyIsTriedAtOnceAndTheNetworkLostIsJoinedAgain()
        {
            _wifi.SetAccess(SimulatedWifi.RefusesKey);
            SipPhone p = Phone("lab", "wrong");
            Unplug(p);
            p.Run(3000);
            Assert.Equal(1, _wifi.Attempts);

            _wifi.SetAccess(SimulatedWifi.InRange);
            p.Phone.Settings.Set("wifi_password", 0, "right");
            p.Run(100);
            Assert.Equal((2, "right"), (_wifi.Attempts, _wifi.LastKey));
            Assert.True(p.Phone.Statuses.IsActive(StatusId.WlanActive));

            // The access point goes away: WlanActive is cleared and the phone tries again at once.
            _wifi.SetAccess(SimulatedWifi.OutOfRange);
            p.Run(100);
            Assert.False(p.Phone.Statuses.IsActive(StatusId.WlanActive));
            Assert.Equal(3, _wifi.Attempts);
            Assert.Equal("none", Link(p).GetProperty("link").GetString());
            Assert.StartsWith("Wi-Fi: network not found", p.Phone.Statuses.ParamOf(StatusId.EthernetUnplugged));
        }
    }
}
