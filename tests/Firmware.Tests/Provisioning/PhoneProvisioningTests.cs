using System;
using System.Text.Json;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Sip.Transport;
using Xunit;

namespace DeskPhone.Firmware.Tests.Provisioning
{
    /// <summary>Provisioning in the composed phone: the boot run, the statuses and the bench's /api/provisioning.</summary>
    public class PhoneProvisioningTests
    {
        private const string Doc = "<settings><phone-settings><ring_volume>11</ring_volume><gizmo>1</gizmo></phone-settings></settings>";

        private readonly FakeHttpChannel _http = new FakeHttpChannel();
        private readonly SettingsStore _settings = new SettingsStore();
        private PhoneApp _app;
        private BenchRouter _router;
        private long _now;

        private void Start(string url, DeskPhone.Firmware.Phone.WallClock clock = null)
        {
            Assert.Null(_settings.Set("setting_server", 0, url));
            _app = new PhoneApp(new PhoneParts(_settings, new SipInbox(4, 2048), null) { LocalHost = "192.0.2.10", Http = _http, WallClock = clock });
            _router = new BenchRouter(_app.Core, _app.Text, (code, action) => { }, null, null) { Provisioning = _app.Provisioning };
        }

        private void Run(int ms)
        {
            for (long end = _now + ms; _now < end; _now += 10)
            {
                _http.Now = _now;
                _app.Poll(_now);
            }
        }

        private bool Active(int id) => _app.Core.Statuses.IsActive(id);

        /// <summary>Provisioning once a day at <paramref name="time"/> (prov_polling_mode abs), <paramref name="answers"/> documents to serve, started.</summary>
        private void StartDaily(string time, int answers, DeskPhone.Firmware.Phone.WallClock clock)
        {
            Assert.Null(_settings.Set("prov_polling_enabled", 0, "on"));
            Assert.Null(_settings.Set("prov_polling_mode", 0, "abs"));
            Assert.Null(_settings.Set("prov_polling_time", 0, time));
            for (int i = 0; i < answers; i++)
            {
                _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc));
            }
            Start("http://192.0.2.80/phone.xml", clock);
        }

        private int Runs() => Bench("GET", "/api/provisioning", 200).GetProperty("runs").GetInt32();

        private JsonElement Bench(string method, string path, int status)
        {
            BenchResponse r = _router.Handle(method, path, null, null, null);
            Assert.True(status == r.Status, System.Text.Encoding.UTF8.GetString(r.Body));
            return JsonDocument.Parse(r.Body).RootElement.Clone();
        }

        [Fact]
        public void TheBootRunAppliesTheDocumentAndTheStatusesComeAndGo()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc));
            Start("http://192.0.2.80/phone.xml");

            Run(10);
            Assert.True(Active(StatusId.PhoneProvisioningStarting));
            Run(10);
            Assert.False(Active(StatusId.PhoneProvisioningStarting));
            Assert.True(Active(StatusId.PhoneProvisioningInProgress));
            Assert.Equal("0", _app.Core.Statuses.ParamOf(StatusId.PhoneProvisioningInProgress));
            Run(100);

            Assert.False(Active(StatusId.PhoneProvisioningInProgress));
            Assert.False(Active(StatusId.PhoneProvisioningFailed));
            Assert.Equal(11, _settings.GetInt("ring_volume"));
            JsonElement state = Bench("GET", "/api/provisioning", 200);
            Assert.Equal("idle", state.GetProperty("state").GetString());
            Assert.Equal("boot", state.GetProperty("trigger").GetString());
            Assert.True(state.GetProperty("last").GetProperty("ok").GetBoolean());
            Assert.Equal("1 applied, 1 unknown kept, 0 refused", state.GetProperty("last").GetProperty("result").GetString());
            Assert.Equal("gizmo", state.GetProperty("last").GetProperty("unknown")[0].GetString());
        }

        [Fact]
        public void ARunAskedForBeforeTheNetworkIsUpIsTheBootRun()
        {
            var hardware = new DeskPhone.Host.Simulated.SimulatedPhoneHardware();
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc));
            Assert.Null(_settings.Set("setting_server", 0, "http://192.0.2.80/phone.xml"));
            _app = new PhoneApp(new PhoneParts(_settings, new SipInbox(4, 2048), null) { Drivers = hardware.Drivers, LocalHost = "192.0.2.10", Http = _http });
            _router = new BenchRouter(_app.Core, _app.Text, (code, action) => { }, null, null) { Provisioning = _app.Provisioning };
            Run(100);
            Assert.Equal(0, Runs());

            Bench("POST", "/api/provisioning/run", 202);
            Run(200);
            Assert.Equal("idle", Bench("GET", "/api/provisioning", 200).GetProperty("state").GetString());
            hardware.SetLink(true, _now);
            Run(200);
            JsonElement state = Bench("GET", "/api/provisioning", 200);
            Assert.Equal(1, state.GetProperty("runs").GetInt32());
            Assert.Equal("bench", state.GetProperty("trigger").GetString());
        }

        [Fact]
        public void WithModeAbsTheScheduleRunsOnceADayAtTheLocalTimeOfPollingTime()
        {
            DateTime local = new DateTime(2026, 12, 7, 8, 58, 0);
            // The relative period (an hour) must not start runs of its own in abs mode.
            Assert.Null(_settings.Set("prov_polling_period", 0, "3600"));
            StartDaily("9:00", 3, () => local.AddMilliseconds(_now));

            Run(200);
            Assert.Equal(1, Runs());
            Assert.Equal("boot", Bench("GET", "/api/provisioning", 200).GetProperty("trigger").GetString());

            // 08:58 + 119.5 s: not yet 09:00.
            Run(119300);
            Assert.Equal(1, Runs());
            Run(1000);
            JsonElement at9 = Bench("GET", "/api/provisioning", 200);
            Assert.Equal(2, at9.GetProperty("runs").GetInt32());
            Assert.Equal("schedule", at9.GetProperty("trigger").GetString());

            // The rest of the day (an hour's period would have run again) goes by without a run; the next 09:00 runs.
            local = local.AddHours(23).AddMinutes(59);
            Run(1000);
            Assert.Equal(2, Runs());
            local = local.AddMinutes(1);
            Run(1000);
            Assert.Equal(3, Runs());
        }

        [Fact]
        public void ChangingPollingTimeMovesTheDailyRun()
        {
            DateTime local = new DateTime(2026, 12, 7, 10, 0, 0);
            StartDaily("09:00", 2, () => local.AddMilliseconds(_now));
            Run(200);
            Assert.Equal(1, Runs());

            // 09:00 has passed today: the next run was tomorrow's; 10:01 is still ahead today.
            Assert.Null(_settings.Set("prov_polling_time", 0, "10:01"));
            Run(50000);
            Assert.Equal(1, Runs());
            Run(15000);
            Assert.Equal(2, Runs());
            Assert.Equal("schedule", Bench("GET", "/api/provisioning", 200).GetProperty("trigger").GetString());
        }

        [Fact]
        public void AFailedRunRaisesFailedWithTheReasonAndASuccessClearsIt()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
            Start("http://192.0.2.80/phone.xml");
            Run(200);

            Assert.True(Active(StatusId.PhoneProvisioningFailed));
            Assert.Equal("HTTP 404", _app.Core.Statuses.ParamOf(StatusId.PhoneProvisioningFailed));
            Assert.Contains("HTTP 404", _app.Core.Statuses.Explain(StatusId.PhoneProvisioningFailed, _now));

            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc));
            JsonElement started = Bench("POST", "/api/provisioning/run", 202);
            Assert.Equal("starting", started.GetProperty("state").GetString());
            Bench("POST", "/api/provisioning/run", 409);
            Run(200);

            Assert.False(Active(StatusId.PhoneProvisioningFailed));
            JsonElement done = Bench("GET", "/api/provisioning", 200);
            Assert.Equal("bench", done.GetProperty("trigger").GetString());
            Assert.Equal(2, done.GetProperty("runs").GetInt32());
        }

        [Fact]
        public void WithoutAUrlNothingRunsAndTheBenchSaysWhy()
        {
            Start("");
            Run(1000);

            Assert.Empty(_http.Opens);
            JsonElement state = Bench("GET", "/api/provisioning", 200);
            Assert.Equal(JsonValueKind.Null, state.GetProperty("last").ValueKind);
            JsonElement refused = Bench("POST", "/api/provisioning/run", 400);
            Assert.Equal("no provisioning URL (setting_server is empty)", refused.GetProperty("error").GetString());
        }

        [Fact]
        public void TheScheduleFollowsTheSettings()
        {
            for (int i = 0; i < 2; i++)
            {
                _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc));
            }
            Start("http://192.0.2.80/phone.xml");
            Run(1000);
            Assert.Single(_http.Opens);

            Assert.Null(_settings.Set("prov_polling_period", 0, "60"));
            Assert.Null(_settings.Set("prov_polling_enabled", 0, "on"));
            Run(59000);
            Assert.Single(_http.Opens);
            Run(2000);
            Assert.Equal(2, _http.Opens.Count);
        }
    }
}
