using System.Text.Json;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Updates;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Tests.Provisioning;
using DeskPhone.Host.Sim;
using DeskPhone.Sip.Transport;
using Xunit;

namespace DeskPhone.Firmware.Tests.Updates
{
    /// <summary>
    /// Updates in the composed phone: the check after a good provisioning run, update_policy, the three statuses,
    /// the stub loader's restart and confirmation, and the bench's /api/update.
    /// </summary>
    public class PhoneUpdatesTests
    {
        private readonly PathHttpServer _server = new PathHttpServer();
        private readonly FakeHttpChannel _provisioning = new FakeHttpChannel();
        private readonly FakeUpdateMedium _flash = new FakeUpdateMedium();
        private readonly SettingsStore _settings = new SettingsStore();
        private PhoneApp _app;
        private BenchRouter _router;
        private long _now;

        public PhoneUpdatesTests()
        {
            _server.Serve(UpdateSet.Two(), "/fw/");
            Assert.Null(_settings.Set("firmware_status", 0, "http://192.0.2.80/fw/update.txt"));
            Assert.Null(_settings.Set("update_key", 0, UpdateSet.KeyHex));
        }

        private void Start(IUpdateLoader loader)
        {
            _app = new PhoneApp(new PhoneParts(_settings, new SipInbox(4, 2048), null)
            {
                LocalHost = "192.0.2.10", Http = _provisioning, UpdateHttp = _server, UpdateMedium = _flash, UpdateLoader = loader,
            });
            _router = new BenchRouter(_app.Core, _app.Text, (code, action) => { }, null, null) { Updates = _app.Updates };
        }

        private void Run(int ms)
        {
            for (long end = _now + ms; _now < end; _now += 10)
            {
                _provisioning.Now = _now;
                _app.Poll(_now);
            }
        }

        private bool Active(int id) => _app.Core.Statuses.IsActive(id);

        private string Param(int id) => _app.Core.Statuses.ParamOf(id);

        private JsonElement Bench(string method, string path, int status)
        {
            BenchResponse r = _router.Handle(method, path, null, null, null);
            Assert.True(status == r.Status, System.Text.Encoding.UTF8.GetString(r.Body));
            return JsonDocument.Parse(r.Body).RootElement.Clone();
        }

        [Fact]
        public void AtStartTheSetIsStagedThenTheUserAppliesItAndItIsConfirmed()
        {
            Start(new StubUpdateLoader());
            Run(200);

            Assert.True(Active(StatusId.PhoneHasFirmwareUpdate));
            Assert.Equal("2.0.0", Param(StatusId.PhoneHasFirmwareUpdate));
            Assert.False(Active(StatusId.PhoneWantsToUpdate));
            JsonElement staged = Bench("GET", "/api/update", 200);
            Assert.Equal(("staged", "2.0.0", ""), (staged.GetProperty("state").GetString(), staged.GetProperty("staged").GetString(), staged.GetProperty("running").GetString()));
            Assert.Equal("version 2.0.0 staged and verified in slot a", staged.GetProperty("last").GetString());

            JsonElement applied = Bench("POST", "/api/update/apply", 200);

            // The stub loader restarted into it: the set is being tried, not yet confirmed.
            Assert.Equal(("trying", "2.0.0", "a"), (applied.GetProperty("state").GetString(), applied.GetProperty("running").GetString(), applied.GetProperty("runningSlot").GetString()));
            Assert.False(Active(StatusId.PhoneHasFirmwareUpdate));
            Run(PhoneUpdates.ConfirmMs + 100);
            JsonElement confirmed = Bench("GET", "/api/update", 200);
            Assert.Equal(("idle", "2.0.0", "a"), (confirmed.GetProperty("state").GetString(), confirmed.GetProperty("running").GetString(), confirmed.GetProperty("runningSlot").GetString()));
            Assert.Equal(("a", "2.0.0", BootRecord.None), (new BootRecordStore(_flash).Load().Active, new BootRecordStore(_flash).Load().ActiveVersion, new BootRecordStore(_flash).Load().State));
            Assert.Equal(409, _router.Handle("POST", "/api/update/apply", null, null, null).Status);
        }

        private BenchResponse AsAdministrator(string path, string adminPassword) =>
            _router.Handle(new BenchRequest("POST", path, null, "local", 0) { AdminPassword = adminPassword });

        [Fact]
        public void DiscardForgetsTheStagedSetAndEveryChangeNeedsTheAdministratorPassword()
        {
            Start(null);
            Run(200);
            JsonElement staged = Bench("GET", "/api/update", 200);
            Assert.Equal(("2.0.0", 3000 + 2048), (staged.GetProperty("staged").GetString(), staged.GetProperty("stagedBytes").GetInt32()));
            Assert.Equal(3000 + 2048, new BootRecordStore(_flash).Load().StagedBytes);

            Assert.Null(_settings.Set("admin_mode_password", 0, "adm"));
            foreach (string action in new[] { "check", "apply", "discard" })
            {
                BenchResponse refused = AsAdministrator("/api/update/" + action, null);
                Assert.Equal(403, refused.Status);
                Assert.Contains("X-Admin-Password", System.Text.Encoding.UTF8.GetString(refused.Body));
            }
            Assert.True(Active(StatusId.PhoneHasFirmwareUpdate));

            BenchResponse discarded = AsAdministrator("/api/update/discard", "adm");
            Assert.Equal(200, discarded.Status);
            JsonElement after = JsonDocument.Parse(discarded.Body).RootElement;
            Assert.Equal(("idle", "", 0), (after.GetProperty("state").GetString(), after.GetProperty("staged").GetString(), after.GetProperty("stagedBytes").GetInt32()));
            Assert.Equal("version 2.0.0 discarded", after.GetProperty("last").GetString());
            Assert.False(Active(StatusId.PhoneHasFirmwareUpdate));
            Assert.Equal(("", BootRecord.None), (new BootRecordStore(_flash).Load().StagedVersion, new BootRecordStore(_flash).Load().State));

            BenchResponse again = AsAdministrator("/api/update/discard", "adm");
            Assert.Equal(409, again.Status);
            Assert.Equal("{\"error\":\"no update is staged\"}", System.Text.Encoding.UTF8.GetString(again.Body));
            Assert.Equal(404, AsAdministrator("/api/update/forget", "adm").Status);
        }

        [Fact]
        public void AfterARestartIntoASetTheStartsCheckWaitsForItsConfirmation()
        {
            Start(null);
            Run(200);
            Assert.Null(_app.Updates.Updater.Apply());

            // The restart: the loader tries the set; a check now would find no slot to write (the tried one runs,
            // the other is the fallback), so the start's check comes once the set is confirmed.
            Start(new StubUpdateLoader());
            Run(200);
            Assert.Equal(("trying", 0), (Bench("GET", "/api/update", 200).GetProperty("state").GetString(), _app.Updates.Updater.Checks));
            Run(PhoneUpdates.ConfirmMs + 200);
            Assert.Equal(1, _app.Updates.Updater.Checks);
            Assert.Equal("up to date: version 2.0.0 runs", _app.Updates.Updater.LastResult);
        }

        [Fact]
        public void AutoUpdateAppliesAVerifiedSetAtOnce()
        {
            Assert.Null(_settings.Set("update_policy", 0, "auto_update"));
            Start(new StubUpdateLoader());
            Run(200);

            Assert.Equal("trying", Bench("GET", "/api/update", 200).GetProperty("state").GetString());
            Assert.False(Active(StatusId.PhoneHasFirmwareUpdate));
        }

        [Fact]
        public void WithoutALoaderTheSetIsStagedAndApplyIsRefusedWithTheReason()
        {
            Start(null);
            Run(200);

            Assert.True(Active(StatusId.PhoneHasFirmwareUpdate));
            var r = _router.Handle("POST", "/api/update/apply", null, null, null);
            Assert.Equal(409, r.Status);
            Assert.Contains("its loader is not built", System.Text.Encoding.UTF8.GetString(r.Body));
            Assert.False(Bench("GET", "/api/update", 200).GetProperty("canApply").GetBoolean());
        }

        [Fact]
        public void AWrongKeyRaisesFirmwareUpdateFailedAndAGoodCheckClearsIt()
        {
            Assert.Null(_settings.Set("update_key", 0, "ff" + UpdateSet.KeyHex.Substring(2)));
            Start(new StubUpdateLoader());
            Run(200);

            Assert.True(Active(StatusId.FirmwareUpdateFailed));
            Assert.Equal("manifest: wrong mac (another key, or altered)", Param(StatusId.FirmwareUpdateFailed));
            Assert.False(Active(StatusId.PhoneHasFirmwareUpdate));
            Assert.Equal("manifest: wrong mac (another key, or altered)", Bench("GET", "/api/update", 200).GetProperty("lastError").GetString());

            Assert.Null(_settings.Set("update_key", 0, UpdateSet.KeyHex));
            Assert.Equal("checking", Bench("POST", "/api/update/check", 202).GetProperty("state").GetString());
            Assert.Equal(409, _router.Handle("POST", "/api/update/check", null, null, null).Status);
            Run(200);

            Assert.False(Active(StatusId.FirmwareUpdateFailed));
            Assert.True(Active(StatusId.PhoneHasFirmwareUpdate));
        }

        [Fact]
        public void AGoodProvisioningRunStartsACheck()
        {
            Assert.Null(_settings.Set("firmware_status", 0, ""));
            Assert.Null(_settings.Set("setting_server", 0, "http://192.0.2.80/phone.xml"));
            _provisioning.Script.Enqueue(FakeHttpChannel.Answer.Xml(
                "<settings><phone-settings><firmware_status>http://192.0.2.80/fw/update.txt</firmware_status></phone-settings></settings>"));
            Start(new StubUpdateLoader());
            Run(300);

            Assert.Equal(new[] { "/fw/update.txt", "/fw/DeskPhone.Sip.pe", "/fw/DeskPhone.Board.pe" }, _server.Paths);
            Assert.True(Active(StatusId.PhoneHasFirmwareUpdate));
        }

        [Fact]
        public void NeverUpdateFetchesNothingAndABadKeyIsNamed()
        {
            Assert.Null(_settings.Set("update_policy", 0, "never_update_firm"));
            Start(new StubUpdateLoader());
            Run(200);
            Assert.Empty(_server.Paths);
            Assert.Contains("never_update_firm", System.Text.Encoding.UTF8.GetString(_router.Handle("POST", "/api/update/check", null, null, null).Body));

            Assert.Null(_settings.Set("update_policy", 0, "ask_for_update"));
            Assert.Null(_settings.Set("update_key", 0, "12ab"));
            var r = _router.Handle("POST", "/api/update/check", null, null, null);
            Assert.Equal(400, r.Status);
            Assert.Contains("update_key must be 64 hex digits", System.Text.Encoding.UTF8.GetString(r.Body));
        }
    }
}
