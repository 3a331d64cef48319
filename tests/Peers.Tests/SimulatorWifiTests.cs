using System.IO;
using System.Linq;
using System.Text.Json;
using DeskPhone.Domain.Status;
using DeskPhone.Hil.Tests;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The simulator's second link (docs/simulator.md "Links"): registered with kamailio over Ethernet (127.0.0.1), the
    /// cable pulled with a Wi-Fi network set, the phone shows WlanActive and registers again from the Wi-Fi address
    /// (127.0.0.2); the cable back, WlanActive goes and the phone registers from 127.0.0.1 again.
    /// </summary>
    public class SimulatorWifiTests
    {
        private const string Wifi = "<wifi_ssid perm=\"\">lab</wifi_ssid><wifi_password perm=\"\">correct horse</wifi_password>";

        private static bool Active(PhoneUnderTest phone, string id) =>
            phone.Status().GetProperty("active").EnumerateArray().Any(s => s.GetProperty("id").GetString() == id);

        private static JsonElement Link(PhoneUnderTest phone) => JsonDocument.Parse(phone.Get("api/link").Body).RootElement;

        /// <summary>kamailio's log lines of the phone's registrations, in order.</summary>
        private static string[] Registrations(Kamailio k) =>
            k.Log.Split('\n').Where(l => l.Contains("PEERTEST registered 486")).ToArray();

        [SkippableFact]
        public void TheCableOutMovesTheRegistrationToWifiAndTheCableInBringsItBack()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio();
            using PhoneUnderTest phone = KamailioTests.Phone("486", kamailio, 3600, Wifi);
            Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 10000), "not registered:\n" + kamailio.Log);
            string first = Registrations(kamailio).Last();
            Assert.Contains("src=127.0.0.1 contact=<sip:486@127.0.0.1:", first);
            Assert.Equal("ethernet", Link(phone).GetProperty("link").GetString());
            int before = Registrations(kamailio).Length;
            // Not within 2 s of the first registration (a link report right after one is taken as the boot's).
            System.Threading.Thread.Sleep(2500);

            Assert.Equal(200, phone.Post("api/link/ethernet/down").Status);
            // WlanActive on the status API and drawn (show directly for 5 s), after the cable's 2 s debounce.
            Assert.True(phone.WaitFor(() => Active(phone, "WlanActive"), a => a, 10000), "WlanActive not raised: " + phone.Get("api/link").Body);
            string wlan = StatusCatalog.Description(StatusId.WlanActive);
            Assert.Contains(wlan, phone.WaitFor(phone.Screen, s => s.Contains(wlan), 4000));
            string onWifi = phone.WaitFor(() => Registrations(kamailio).Skip(before).FirstOrDefault(l => l.Contains("src=127.0.0.2")), l => l != null, 10000);
            Assert.True(onWifi != null, "no REGISTER from the Wi-Fi address:\n" + kamailio.Log);
            Assert.Contains("contact=<sip:486@127.0.0.2:" + phone.SipPort + ";", onWifi);
            JsonElement link = Link(phone);
            Assert.Equal(("wifi", "127.0.0.2"), (link.GetProperty("link").GetString(), link.GetProperty("address").GetString()));
            Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 10000));
            Assert.Equal("wifi", JsonDocument.Parse(phone.Get("api/system").Body).RootElement.GetProperty("link").GetString());
            int onWifiCount = Registrations(kamailio).Length;
            // Again not within 2 s of the registration over Wi-Fi.
            System.Threading.Thread.Sleep(2500);

            Assert.Equal(200, phone.Post("api/link/ethernet/up").Status);
            Assert.False(phone.WaitFor(() => Active(phone, "WlanActive"), a => !a, 10000), "WlanActive still raised");
            string back = phone.WaitFor(() => Registrations(kamailio).Skip(onWifiCount).FirstOrDefault(l => l.Contains("src=127.0.0.1")), l => l != null, 10000);
            Assert.True(back != null, "no REGISTER from the Ethernet address again:\n" + kamailio.Log);
            Assert.Contains("contact=<sip:486@127.0.0.1:" + phone.SipPort + ";", back);
            Assert.Equal("ethernet", Link(phone).GetProperty("link").GetString());
            Assert.DoesNotContain(wlan, phone.Screen());
        }

        [SkippableFact]
        public void AnAccessPointThatRefusesTheKeyIsReportedAndTriedAgain()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio();
            using PhoneUnderTest phone = KamailioTests.Phone("486", kamailio, 3600, Wifi);
            Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 10000));

            Assert.Equal(200, phone.Post("api/link/wifi/reject").Status);
            Assert.Equal(200, phone.Post("api/link/ethernet/down").Status);
            // The attempt is EthernetUnplugged's parameter (after its description on the status line; cut on a 320 px panel).
            string param = phone.WaitFor(() => phone.Status().GetProperty("active").EnumerateArray()
                .Where(s => s.GetProperty("id").GetString() == "EthernetUnplugged").Select(s => s.GetProperty("param").GetString()).FirstOrDefault(),
                p => p != null && p.StartsWith("Wi-Fi: wrong key"), 10000);
            Assert.StartsWith("Wi-Fi: wrong key", param);
            Assert.Equal("wrong key", Link(phone).GetProperty("wifi").GetProperty("lastFailure").GetString());
            Assert.False(Active(phone, "WlanActive"));

            // The key is accepted at the next attempt (5 s after the first failure).
            Assert.Equal(200, phone.Post("api/link/wifi/up").Status);
            Assert.True(phone.WaitFor(() => Active(phone, "WlanActive"), a => a, 15000), "not on Wi-Fi after the retry: " + phone.Get("api/link").Body);
        }
    }
}
