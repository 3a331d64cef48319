using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using DeskPhone.Board.Settings;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Web
{
    /// <summary>The web interface's routes through the router, as both HTTP fronts call it (docs/web.md).</summary>
    public class WebRoutesTests
    {
        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        private sealed class FakeTarget : IBenchTarget
        {
            public int Reboots;
            public string Platform => "test board";
            public long FreeMemory => 41234;
            public bool Reboot() { Reboots++; return true; }
        }

        private readonly string _folder = Directory.CreateTempSubdirectory("web-settings").FullName;
        private readonly SettingsStore _settings;
        private readonly PhoneCore _phone;
        private readonly BenchRouter _router;

        public WebRoutesTests()
        {
            _settings = new SettingsStore(new FileSettingsMedium(_folder), new Random(1));
            _phone = new PhoneCore(_settings, null, new NoSubscriptions(), 0);
            _router = new BenchRouter(_phone, null, (code, action) => { }, null, null);
        }

        private BenchResponse Call(string method, string path, string query = null, string body = null, string admin = null)
        {
            byte[] bytes = body == null ? null : Encoding.UTF8.GetBytes(body);
            var request = new BenchRequest(method, query == null ? path : path + "?" + query, null, "local", bytes == null ? 0 : bytes.Length)
            {
                AdminPassword = admin,
                Body = bytes,
            };
            return _router.Handle(request);
        }

        private static JsonElement Json(BenchResponse r) => JsonDocument.Parse(r.Body).RootElement;

        private static string Text(BenchResponse r) => Encoding.UTF8.GetString(r.Body);

        private static string RepoRoot() =>
            typeof(WebRoutesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value;

        private static string Gunzip(byte[] data)
        {
            using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return Encoding.UTF8.GetString(plain.ToArray());
        }

        [Fact]
        public void ThePageIsServedGzippedAndIsTheCheckedInSource()
        {
            BenchResponse page = Call("GET", "/admin");
            Assert.Equal(200, page.Status);
            Assert.Equal("text/html; charset=utf-8", page.ContentType);
            Assert.Equal("Content-Encoding", page.ExtraHeaderName);
            Assert.Equal("gzip", page.ExtraHeaderValue);
            // The array in the image is exactly the page in firmware/Web (tools/web/pack-admin-page.py makes one from the other).
            string source = File.ReadAllText(Path.Combine(RepoRoot(), "firmware", "Web", "admin.html"));
            Assert.Equal(source, Gunzip(page.Body));
            Assert.True(page.Body.Length < source.Length / 2, "the page should shrink to under half: " + page.Body.Length);
        }

        [Fact]
        public void TheRootIsTheWebInterfaceWhereThereIsNoBenchPage()
        {
            Assert.Equal("gzip", Call("GET", "/").ExtraHeaderValue);
            _router.Page = Encoding.UTF8.GetBytes("<html>bench");
            BenchResponse root = Call("GET", "/");
            Assert.Equal("<html>bench", Text(root));
            Assert.Null(root.ExtraHeaderName);
            Assert.Equal("gzip", Call("GET", "/admin/").ExtraHeaderValue);
            Assert.Equal(404, Call("POST", "/admin").Status);
        }

        [Fact]
        public void SettingsListingGivesDefinitionsValuesAndPages()
        {
            Assert.Null(_settings.Set("user_realname", 3, "Jane \"J\" Doe"));
            Assert.Null(_settings.Set("user_pass", 3, "sip-secret"));
            Assert.Null(_settings.Set("admin_mode_password", 0, "adm"));
            var all = new List<JsonElement>();
            int pages = 0;
            string from = "0";
            while (from != null)
            {
                BenchResponse r = Call("GET", "/api/settings", "idx=3&from=" + from);
                Assert.Equal(200, r.Status);
                Assert.True(r.Body.Length < 2 * 4096, "one page stays small: " + r.Body.Length);
                JsonElement json = Json(r);
                all.AddRange(json.GetProperty("settings").EnumerateArray());
                JsonElement next = json.GetProperty("next");
                from = next.ValueKind == JsonValueKind.Null ? null : next.GetInt32().ToString();
                pages++;
            }
            Assert.True(pages > 1, "the table takes more than one page");
            Assert.Equal(_settings.DefinitionCount, all.Count);
            JsonElement name = all.Single(s => s.GetProperty("name").GetString() == "user_realname");
            Assert.Equal("Jane \"J\" Doe", name.GetProperty("value").GetString());
            Assert.Equal(3, name.GetProperty("idx").GetInt32());
            Assert.Equal(12, name.GetProperty("maxIndex").GetInt32());
            Assert.Equal("text", name.GetProperty("kind").GetString());
            Assert.Equal("Display name", name.GetProperty("description").GetString());
            JsonElement expiry = all.Single(s => s.GetProperty("name").GetString() == "user_expiry");
            Assert.Equal(60, expiry.GetProperty("min").GetInt32());
            Assert.Equal(86400, expiry.GetProperty("max").GetInt32());
            JsonElement tones = all.Single(s => s.GetProperty("name").GetString() == "tone_scheme");
            Assert.Equal(0, tones.GetProperty("idx").GetInt32());
            Assert.Contains("GER", tones.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
            // Write-only: neither the SIP password nor a password's hash leaves the phone, only whether one is set.
            foreach (string secret in new[] { "user_pass", "admin_mode_password" })
            {
                JsonElement s = all.Single(e => e.GetProperty("name").GetString() == secret);
                Assert.Equal("", s.GetProperty("value").GetString());
                Assert.True(s.GetProperty("set").GetBoolean());
                Assert.True(s.GetProperty("admin").GetBoolean());
            }
            Assert.DoesNotContain("sip-secret", string.Join("", all.Select(e => e.GetRawText())));
            Assert.DoesNotContain("pbkdf2", string.Join("", all.Select(e => e.GetRawText())));
            Assert.False(all.Single(e => e.GetProperty("name").GetString() == "http_pass").GetProperty("set").GetBoolean());
        }

        [Fact]
        public void SettingsListingFiltersByPrefixAndRefusesBadNumbers()
        {
            JsonElement json = Json(Call("GET", "/api/settings", "prefix=user_&idx=12"));
            string[] names = json.GetProperty("settings").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToArray();
            Assert.Contains("user_host", names);
            Assert.All(names, n => Assert.StartsWith("user_", n));
            // fkey stops at 16: index 17 lists only settings that have it.
            string[] keys = Json(Call("GET", "/api/settings", "prefix=fkey&idx=17")).GetProperty("settings").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToArray();
            Assert.Empty(keys);
            Assert.Equal(400, Call("GET", "/api/settings", "from=x").Status);
            Assert.Equal(400, Call("GET", "/api/settings", "idx=0").Status);
            Assert.Contains("\"error\"", Text(Call("GET", "/api/settings", "idx=-1")));
        }

        [Fact]
        public void StatusIdsListTheCatalogInPages()
        {
            var ids = new List<string>();
            string from = "0";
            while (from != null)
            {
                JsonElement json = Json(Call("GET", "/api/status/ids", "from=" + from));
                ids.AddRange(json.GetProperty("ids").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
                JsonElement next = json.GetProperty("next");
                from = next.ValueKind == JsonValueKind.Null ? null : next.GetInt32().ToString();
            }
            Assert.Equal(DeskPhone.Domain.Status.StatusId.Count, ids.Count);
            Assert.Contains("EthernetUnplugged", ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(400, Call("GET", "/api/status/ids", "from=abc").Status);
        }

        [Fact]
        public void ExportGivesTheChangedSettingsAsXml()
        {
            Assert.Null(_settings.Set("user_realname", 2, "Front <desk>"));
            Assert.Null(_settings.Set("user_pass", 2, "never-exported"));
            BenchResponse r = Call("GET", "/api/settings.xml");
            Assert.Equal(200, r.Status);
            Assert.StartsWith("application/xml", r.ContentType);
            Assert.Equal("Content-Disposition", r.ExtraHeaderName);
            string xml = Text(r);
            Assert.Contains("<user_realname idx=\"2\" perm=\"\">Front &lt;desk&gt;</user_realname>", xml);
            Assert.DoesNotContain("never-exported", xml);
            Assert.DoesNotContain("tone_scheme", xml);
            Assert.Contains("<tone_scheme perm=\"\">USA</tone_scheme>", Text(Call("GET", "/api/settings.xml", "all=on")));
        }

        [Fact]
        public void PasswordHashesAreExportedOnlyWithTheAdministratorPassword()
        {
            Assert.Null(_settings.Set("admin_mode_password", 0, "adm"));
            Assert.Null(_settings.Set("user_realname", 1, "Desk"));

            // Anyone who may read the settings gets them, but no hash to guess the passwords against offline.
            string open = Text(Call("GET", "/api/settings.xml"));
            Assert.Contains("<user_realname idx=\"1\" perm=\"\">Desk</user_realname>", open);
            Assert.DoesNotContain("admin_mode_password", open);
            Assert.DoesNotContain(PasswordHash.Prefix, open);

            string full = Text(Call("GET", "/api/settings.xml", admin: "adm"));
            Assert.Contains("<admin_mode_password perm=\"\">" + PasswordHash.Prefix, full);
            // A wrong one is refused (and counted: the back-off of docs/security.md).
            Assert.Equal(403, Call("GET", "/api/settings.xml", admin: "wrong").Status);
        }

        [Fact]
        public void ImportAppliesWhatTheStoreTakesAndReportsTheRest()
        {
            const string file = "<settings><phone-settings><user_realname idx=\"1\" perm=\"\">Imported</user_realname>" +
                                "<user_expiry idx=\"1\" perm=\"\">5</user_expiry><no_such_setting perm=\"\">x</no_such_setting></phone-settings></settings>";
            BenchResponse r = Call("POST", "/api/settings.xml", body: file);
            Assert.Equal(200, r.Status);
            JsonElement json = Json(r);
            Assert.Equal(1, json.GetProperty("applied").GetInt32());
            Assert.Equal("no_such_setting", json.GetProperty("unknown")[0].GetString());
            Assert.Contains("user_expiry", json.GetProperty("errors")[0].GetString());
            Assert.Equal("Imported", _settings.Get("user_realname", 1));
            // Saved: a fresh store on the same folder loads it.
            var reloaded = new SettingsStore(new FileSettingsMedium(_folder), new Random(2));
            reloaded.Load();
            Assert.Equal("Imported", reloaded.Get("user_realname", 1));
        }

        [Fact]
        public void AMalformedImportChangesNothing()
        {
            Assert.Null(_settings.Set("user_realname", 1, "Kept"));
            BenchResponse r = Call("POST", "/api/settings.xml", body: "<settings><phone-settings><user_realname idx=\"1\">Lost</user_realname>");
            Assert.Equal(400, r.Status);
            Assert.Contains("nothing imported", Json(r).GetProperty("error").GetString());
            Assert.Equal("Kept", _settings.Get("user_realname", 1));
            Assert.Equal(400, Call("POST", "/api/settings.xml").Status);
            Assert.Equal(404, Call("DELETE", "/api/settings.xml").Status);
        }

        [Fact]
        public void ImportRebootAndResetNeedTheAdministratorPassword()
        {
            Assert.Null(_settings.Set("admin_mode_password", 0, "adm"));
            _router.Target = new FakeTarget();
            const string file = "<settings><phone-settings><http_pass perm=\"\"></http_pass></phone-settings></settings>";
            Assert.Equal(403, Call("POST", "/api/settings.xml", body: file).Status);
            Assert.Equal(403, Call("POST", "/api/reboot").Status);
            Assert.Equal(0, ((FakeTarget)_router.Target).Reboots);
        }

        [Fact]
        public void TheMacIsTheEthernetLinksTheOneProvisioningNames()
        {
            Assert.Equal(JsonValueKind.Null, Json(Call("GET", "/api/system")).GetProperty("mac").ValueKind);

            // Before, the status page asked the target (the board's natives again, lower case; the simulator: none) while
            // {mac} in the provisioning URL and the technician menu took the Ethernet driver's.
            var hardware = new DeskPhone.Host.Simulated.SimulatedPhoneHardware();
            hardware.Drivers.Ethernet.ReportMacAddress(new byte[] { 0x00, 0x04, 0x13, 0xAA, 0xBB, 0xCC });
            var router = new BenchRouter(new PhoneCore(_settings, hardware.Drivers, new NoSubscriptions(), 0), null, (code, action) => { }, null, null);
            BenchResponse r = router.Handle(new BenchRequest("GET", "/api/system", null, "local", 0));
            Assert.Equal("00:04:13:AA:BB:CC", Json(r).GetProperty("mac").GetString());
        }

        [Fact]
        public void SystemFiguresComeFromTheTarget()
        {
            JsonElement none = Json(Call("GET", "/api/system"));
            Assert.Equal(JsonValueKind.Null, none.GetProperty("freeMemory").ValueKind);
            Assert.Equal(JsonValueKind.Null, none.GetProperty("platform").ValueKind);
            Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", none.GetProperty("firmware").GetString());
            Assert.True(none.GetProperty("uptimeSeconds").GetInt64() >= 0);
            Assert.Equal(501, Call("POST", "/api/reboot").Status);

            var target = new FakeTarget();
            _router.Target = target;
            JsonElement some = Json(Call("GET", "/api/system"));
            Assert.Equal(41234, some.GetProperty("freeMemory").GetInt64());
            Assert.Equal("test board", some.GetProperty("platform").GetString());
            BenchResponse reboot = Call("POST", "/api/reboot");
            Assert.Equal(202, reboot.Status);
            Assert.Equal(1, target.Reboots);
            Assert.Equal(404, Call("GET", "/api/reboot").Status);
        }

        [Fact]
        public void RegistrationSaysWhyEachIdentityIsOrIsNotRegistered()
        {
            Assert.Null(_settings.Set("user_active", 2, "on"));
            JsonElement[] rows = Json(Call("GET", "/api/registration")).EnumerateArray().ToArray();
            Assert.Equal("no registrar", rows[0].GetProperty("state").GetString());
            Assert.Equal("no registrar", rows[1].GetProperty("state").GetString());
            Assert.Equal("inactive", rows[2].GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("reason").ValueKind);
        }
    
        [Fact]
        public void RegistrationCarriesTheRegistrarsLastAnswer()
        {
            var p = new SipPhone();
            var router = new BenchRouter(p.Phone, null, (code, action) => { }, null, null) { Registrations = p.App.Binding.Registrations };
            p.Run(100);
            p.Answer(p.Last("REGISTER"), 403);
            JsonElement refused = Json(router.Handle("GET", "/api/registration", null, null, null))[0];
            Assert.False(refused.GetProperty("registered").GetBoolean());
            Assert.Equal("not registered", refused.GetProperty("state").GetString());
            Assert.Equal(403, refused.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(refused.GetProperty("reason").GetString()));
        }
}
}
