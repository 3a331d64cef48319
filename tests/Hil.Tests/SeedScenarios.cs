using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;

namespace DeskPhone.Hil.Tests
{
    /// <summary>The black-box scenarios of the HIL suite: SIP in, the bench interface out.</summary>
    public class SeedScenarios : IClassFixture<PhoneUnderTest>
    {
        private readonly PhoneUnderTest _phone;

        public SeedScenarios(PhoneUnderTest phone)
        {
            _phone = phone;
        }

        private static string Message(string user, string text, string callId = null) =>
            "MESSAGE sip:" + user + "@127.0.0.1 SIP/2.0\n" +
            "Via: SIP/2.0/UDP LOCAL;branch=z9hG4bK" + Guid.NewGuid().ToString("N").Substring(0, 10) + ";rport\n" +
            "From: <sip:pbx@127.0.0.1>;tag=1\nTo: <sip:" + user + "@127.0.0.1>\n" +
            "Call-ID: " + (callId ?? Guid.NewGuid().ToString("N")) + "\nCSeq: 1 MESSAGE\nMax-Forwards: 70\n" +
            "Content-Type: text/plain\nContent-Length: " + System.Text.Encoding.UTF8.GetByteCount(text) + "\n\n" + text;

        [SkippableFact]
        public void SipsakMessageIsAnswered200AndShownOnTheScreen()
        {
            Skip.IfNot(Sipsak.Installed, Sipsak.Missing);
            string output = Sipsak.Message("486", "127.0.0.1", _phone.SipPort, "Hello from sipsak");

            Assert.Contains("SIP/2.0 200 OK", output);
            string screen = _phone.WaitFor(_phone.Screen, s => s.Contains("Hello from sipsak"));
            Assert.Contains("[message] Hello from sipsak", screen);
        }

        [Fact]
        public void OwnStatusChosenWithTheKeys()
        {
            foreach (string key in new[] { "MENU", "OK", "DOWN", "OK" })
            {
                Assert.Equal(200, _phone.Post("api/keys/" + key + "/press").Status);
            }
            try
            {
                Assert.Equal("dnd", JsonDocument.Parse(_phone.Get("api/presence").Body).RootElement.GetProperty("state").GetString());
                // The screen is composed in the phone's next loop turn after the keys, so wait for it.
                Assert.Contains("[identity] 486 - Do not disturb", _phone.WaitFor(_phone.Screen, s => s.Contains("[identity] 486 - Do not disturb")));
            }
            finally
            {
                _phone.Post("api/presence/online");
            }
        }

        [Fact]
        public async System.Threading.Tasks.Task ScreenIsAvailableAsPng()
        {
            using var http = new System.Net.Http.HttpClient();
            byte[] png = await http.GetByteArrayAsync(_phone.BenchUrl + "api/screen.png");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png.Take(4).ToArray());
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(new byte[] { 0, 0, 1, 64, 0, 0, 0, 240, 8, 2 }, png.Skip(16).Take(10).ToArray());
            // Compressed: the 230,640 bytes of 320x240 RGB scanlines come as a few KB (the bench page fetches it often).
            Assert.True(png.Length < 20000, png.Length + " bytes");
            int idatLength = (png[33] << 24) | (png[34] << 16) | (png[35] << 8) | png[36];
            Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
            using var zlib = new System.IO.Compression.ZLibStream(new System.IO.MemoryStream(png, 41, idatLength), System.IO.Compression.CompressionMode.Decompress);
            var scanlines = new System.IO.MemoryStream();
            zlib.CopyTo(scanlines);
            Assert.Equal(240 * (1 + 320 * 3), scanlines.Length);
        }

        [SkippableFact]
        public void MessageToAnotherUserIs404()
        {
            Skip.IfNot(Sipsak.Installed, Sipsak.Missing);
            string output = Sipsak.Message("999", "127.0.0.1", _phone.SipPort, "nobody home");

            Assert.Contains("SIP/2.0 404 Not Found", output);
            Assert.DoesNotContain("nobody home", _phone.ScreenSettled());
        }

        [Fact]
        public void CancelClearsTheMessageOnlyWithCancelDesktopOn()
        {
            string old = _phone.Set("cancel_desktop", "off");
            try
            {
                Assert.Equal("SIP/2.0 200 OK", _phone.SendSip(Message("486", "stays put")));
                Assert.Contains("stays put", _phone.WaitFor(_phone.Screen, s => s.Contains("stays put")));
                _phone.Post("api/keys/CANCEL/press");
                Assert.Contains("stays put", _phone.ScreenSettled());

                _phone.Set("cancel_desktop", "on");
                _phone.Post("api/keys/CANCEL/press");
                string screen = _phone.WaitFor(_phone.Screen, s => !s.Contains("stays put"));
                Assert.DoesNotContain("stays put", screen);
                Assert.DoesNotContain(_phone.Status().GetProperty("active").EnumerateArray(),
                    s => s.GetProperty("id").GetString() == "ServerMessageToBeShownDirectly");
            }
            finally
            {
                _phone.Set("cancel_desktop", old);
            }
        }

        [Fact]
        public void FilterRegistrarRefusesAForeignHost()
        {
            string oldHost = _phone.Set("user_host", "127.0.0.1", 1);
            string oldFilter = _phone.Set("filter_registrar", "on");
            try
            {
                Assert.Equal("SIP/2.0 403 Forbidden (filter_registrar: not from the registrar)",
                    _phone.SendSip(Message("486", "from a stranger"), "127.0.0.2"));
                Assert.Equal("SIP/2.0 200 OK", _phone.SendSip(Message("486", "from the registrar"), "127.0.0.1"));
                string screen = _phone.WaitFor(_phone.Screen, s => s.Contains("from the registrar"));
                Assert.Contains("from the registrar", screen);
                Assert.DoesNotContain("from a stranger", screen);
            }
            finally
            {
                _phone.Set("filter_registrar", oldFilter);
                _phone.Set("user_host", oldHost, 1);
            }
        }

        [Fact]
        public void PasswordWarningWinsTheStatusLineOverAServerMessage()
        {
            _phone.SendSip(Message("486", "important news"));
            Assert.Equal("PhoneHasNoAdminPassword", _phone.StatusLine());
            Assert.StartsWith("[status] No administrator password is set", _phone.Screen());
        }

        [Fact]
        public void EthernetUnpluggedShowsOnTheStatusLineAndTheMessageLed()
        {
            _phone.Set("http_pass", "pw");
            _phone.Password = "pw";
            _phone.Set("admin_mode_password", "pw");
            _phone.AdminPassword = "pw";
            try
            {
                Assert.Equal(200, Post("api/ethernet/unplug"));
                string line = _phone.WaitFor(_phone.StatusLine, s => s == "EthernetUnplugged");
                Assert.Equal("EthernetUnplugged", line);
                JsonElement led = Leds().First(l => l.GetProperty("led").GetString() == "message");
                Assert.Equal("red", led.GetProperty("color").GetString());
                Assert.Equal("blink-fast", led.GetProperty("pattern").GetString());

                Assert.Equal(200, Post("api/ethernet/plug"));
                Assert.NotEqual("EthernetUnplugged", _phone.WaitFor(_phone.StatusLine, s => s != "EthernetUnplugged"));
            }
            finally
            {
                _phone.Set("http_pass", "");
                _phone.Set("admin_mode_password", "");
                _phone.Password = null;
                _phone.AdminPassword = null;
            }
        }

        [Fact]
        public void PopUpTimesOutInItsTime()
        {
            string old = _phone.Set("status_msgs_to_pop_up", "StatusLineSystemMessage:2");
            try
            {
                var clock = Stopwatch.StartNew();
                _phone.Post("api/status/StatusLineSystemMessage/raise?param=hil");
                Assert.Equal("StatusLineSystemMessage", _phone.Status().GetProperty("popUp").GetString());
                string popUp = _phone.WaitFor(() => _phone.Status().GetProperty("popUp").GetString(), p => p == null, 10000);
                Assert.Null(popUp);
                Assert.InRange(clock.ElapsedMilliseconds, 1500, 10000);
            }
            finally
            {
                _phone.Post("api/status/StatusLineSystemMessage/clear");
                _phone.Set("status_msgs_to_pop_up", old);
            }
        }

        private int Post(string path) => _phone.Post(path).Status;

        private JsonElement[] Leds() => JsonDocument.Parse(_phone.Get("api/leds").Body).RootElement.EnumerateArray().ToArray();
    }
}
