using System;
using DeskPhone.Firmware.App;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Transport;
using Xunit;

namespace DeskPhone.Firmware.Tests.Time
{
    /// <summary>Network time in the composed phone: settings, statuses and the clock on the screen model.</summary>
    public class NetworkTimeTests
    {
        private static readonly DateTime Server = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

        private readonly FakeNtpChannel _ntp = new FakeNtpChannel();
        private readonly SettingsStore _settings = new SettingsStore();
        private readonly PhoneApp _app;
        private long _now;

        public NetworkTimeTests()
        {
            // Nothing on the status line but the clock: the password reminders are blocked, the NTP statuses are
            // asserted by id and are not shown directly.
            Assert.Null(_settings.Set("status_msgs_that_are_blocked", 0, "PhoneHasNoAdminPassword PhoneHasNoHttpPassword"));
            Assert.Null(_settings.Set("status_msgs_that_show_directly", 0, ""));
            // The caller's clock (what the simulator's host gives): used only while no NTP server is set.
            _app = new PhoneApp(new PhoneParts(_settings, new SipInbox(4, 2048), null)
            {
                LocalHost = "192.0.2.10",
                WallClock = () => new DateTime(2025, 6, 1, 8, 30, 0),
                Ntp = _ntp,
            });
        }

        private void Run(int ms)
        {
            for (long end = _now + ms; _now < end; _now += 10)
            {
                _ntp.Now = _now;
                _app.Poll(_now);
            }
        }

        private string StatusLine()
        {
            foreach (string line in _app.Text.GetScreenText().Split('\n'))
            {
                if (line.StartsWith("[status]"))
                {
                    return line.TrimEnd('\r');
                }
            }
            return null;
        }

        private bool Active(int id) => _app.Core.Statuses.IsActive(id);

        private System.Text.Json.JsonElement BenchTime()
        {
            var router = new DeskPhone.Firmware.Bench.BenchRouter(_app.Core, _app.Text, (code, action) => { }, null, null) { Time = _app.Time };
            DeskPhone.Firmware.Bench.BenchResponse r = router.Handle("GET", "/api/time", null, null, null);
            Assert.Equal(200, r.Status);
            return System.Text.Json.JsonDocument.Parse(r.Body).RootElement.Clone();
        }

        [Fact]
        public void TheBenchSaysWhatTheClockSaysAndWhereItComesFrom()
        {
            Run(100);
            var clock = BenchTime();
            Assert.True(clock.GetProperty("known").GetBoolean());
            Assert.Equal("2025-06-01 08:30:00", clock.GetProperty("local").GetString());
            Assert.Equal("clock", clock.GetProperty("source").GetString());
            Assert.Equal("off", clock.GetProperty("ntpState").GetString());

            Assert.Null(_settings.Set("timezone_offset_minutes", 0, "60"));
            Assert.Null(_settings.Set("ntp_server", 0, "127.0.0.7"));
            Run(100);
            var waiting = BenchTime();
            Assert.False(waiting.GetProperty("known").GetBoolean());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, waiting.GetProperty("local").ValueKind);
            Assert.Equal(("waiting", "127.0.0.7", 1), (waiting.GetProperty("ntpState").GetString(), waiting.GetProperty("ntpServer").GetString(), waiting.GetProperty("ntpRequests").GetInt32()));

            _ntp.Inbound.Enqueue(NtpServerAnswer.For(_ntp.LastRequest, Server, Server));
            Run(100);
            var synced = BenchTime();
            Assert.Equal(("ntp", "synchronized", 60), (synced.GetProperty("source").GetString(), synced.GetProperty("ntpState").GetString(), synced.GetProperty("timezoneOffsetMinutes").GetInt32()));
            Assert.StartsWith("2026-12-03 11:00:", synced.GetProperty("local").GetString());
        }

        [Fact]
        public void WithoutAServerTheCallersClockIsShownAndNothingIsSent()
        {
            Run(1000);
            Assert.Empty(_ntp.Sent);
            Assert.Equal("[status] Sun 01.06. 08:30", StatusLine());
            Assert.False(Active(StatusId.PhoneWaitsOnNtpServer));
            Assert.Equal("clock", _app.Time.Source);
        }

        [Fact]
        public void WaitsForTheServerThenShowsItsTimeInTheLocalZone()
        {
            Assert.Null(_settings.Set("timezone_offset_minutes", 0, "60"));
            Assert.Null(_settings.Set("ntp_server", 0, "127.0.0.7"));
            Run(100);
            Assert.True(Active(StatusId.PhoneWaitsOnNtpServer));
            Assert.False(_app.Time.Known);
            Assert.Equal("none", _app.Time.Source);
            Assert.DoesNotContain("01.06.", StatusLine());
            Assert.Single(_ntp.Sent);
            Assert.Equal(("127.0.0.7", 123), (_ntp.Sent[0].Host, _ntp.Sent[0].Port));

            _ntp.Inbound.Enqueue(NtpServerAnswer.For(_ntp.LastRequest, Server, Server));
            Run(100);
            Assert.False(Active(StatusId.PhoneWaitsOnNtpServer));
            Assert.False(Active(StatusId.PhoneCannotReachNtpServer));
            Assert.Equal("ntp", _app.Time.Source);
            Assert.Equal("[status] Thu 03.12. 11:00", StatusLine());
        }

        [Fact]
        public void TheStatusLineFollowsDaylightSavingInANamedZone()
        {
            // One second before the EU change (29 March 2026, 01:00 UTC) in Germany: 01:59:59, then 03:00.
            Assert.Null(_settings.Set("timezone", 0, "GER+1"));
            Assert.Null(_settings.Set("ntp_server", 0, "127.0.0.7"));
            Run(100);
            DateTime before = new DateTime(2026, 3, 29, 0, 59, 59, DateTimeKind.Utc);
            _ntp.Inbound.Enqueue(NtpServerAnswer.For(_ntp.LastRequest, before, before));
            Run(10);
            Assert.Equal("[status] Sun 29.03. 01:59", StatusLine());
            Assert.Equal(60, BenchTime().GetProperty("offsetMinutes").GetInt32());
            Run(1_000);
            Assert.Equal("[status] Sun 29.03. 03:00", StatusLine());
            var clock = BenchTime();
            Assert.Equal(("GER+1", 120), (clock.GetProperty("timezone").GetString(), clock.GetProperty("offsetMinutes").GetInt32()));
        }

        [Fact]
        public void WithoutANamedZoneTheOffsetSettingIsTheZoneAndAZoneFollowsItsSetting()
        {
            DateTime noon = new DateTime(2026, 7, 1, 12, 0, 0);
            Assert.Null(_settings.Set("timezone_offset_minutes", 0, "-150"));
            Assert.Equal(new DateTime(2026, 7, 1, 9, 30, 0), _app.Time.ToLocal(noon));
            Assert.Null(_settings.Set("timezone", 0, "GER+1"));
            Assert.Equal(new DateTime(2026, 7, 1, 14, 0, 0), _app.Time.ToLocal(noon));
            Assert.Null(_settings.Set("timezone", 0, ""));
            Assert.Equal(-150, _app.Time.OffsetAt(noon));
        }

        [Fact]
        public void AnUnansweredServerIsReportedAndASecondServerIsTried()
        {
            Assert.Null(_settings.Set("ntp_server", 0, "127.0.0.7:1123"));
            Run(13_000);
            Assert.True(Active(StatusId.PhoneCannotReachNtpServer));
            Assert.False(Active(StatusId.PhoneWaitsOnNtpServer));
            Assert.Equal(3, _ntp.Sent.Count);

            Assert.Null(_settings.Set("ntp_server", 0, "127.0.0.8"));
            Run(100);
            Assert.False(Active(StatusId.PhoneCannotReachNtpServer));
            Assert.True(Active(StatusId.PhoneWaitsOnNtpServer));
            Assert.Equal("127.0.0.8", _ntp.Sent[^1].Host);

            Assert.Null(_settings.Set("ntp_server", 0, ""));
            Run(100);
            Assert.False(Active(StatusId.PhoneWaitsOnNtpServer));
            Assert.Equal("[status] Sun 01.06. 08:30", StatusLine());
        }

        [Fact]
        public void ABadServerSettingIsRefusedAndNothingChanges()
        {
            Assert.NotNull(_settings.Set("ntp_server", 0, "host:99999"));
            Run(100);
            Assert.Empty(_ntp.Sent);
            Assert.Equal("", _settings.Get("ntp_server"));
        }
    }
}
