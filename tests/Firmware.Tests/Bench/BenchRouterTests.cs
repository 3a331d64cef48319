using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Board.Settings;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Bench
{
    public class BenchRouterTests
    {
        private sealed class Screen : IScreenSource
        {
            public string GetScreenText() => "status: clock";
            public byte[] GetScreenPng() => null;
        }

        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        private readonly SettingsStore _settings = new SettingsStore(
            new FileSettingsMedium(System.IO.Directory.CreateTempSubdirectory("bench-settings").FullName), new Random(1));
        private readonly PhoneCore _phone;
        private readonly List<string> _keys = new List<string>();
        private readonly BenchRouter _router;

        public BenchRouterTests()
        {
            _phone = new PhoneCore(_settings, null, new NoSubscriptions(), 0);
            _router = new BenchRouter(_phone, new Screen(), (code, action) => _keys.Add(KeyCode.Name(code) + " " + action), null, null);
        }

        private BenchResponse Call(string method, string path, string query = null, string body = null, string auth = null) =>
            _router.Handle(method, path, query, body == null ? null : Encoding.UTF8.GetBytes(body), auth);

        private static JsonElement Json(BenchResponse r) => JsonDocument.Parse(r.Body).RootElement;

        [Fact]
        public void StatusListsActiveMessagesWithExplanations()
        {
            BenchResponse r = Call("GET", "/api/status");
            Assert.Equal(200, r.Status);
            JsonElement json = Json(r);
            Assert.Equal("PhoneHasNoAdminPassword", json.GetProperty("statusLine").GetString());
            JsonElement first = json.GetProperty("active")[0];
            Assert.Contains("On the status line", first.GetProperty("explain").GetString());
        }

        [Fact]
        public void RaiseAndClearFromTheBench()
        {
            Assert.Equal(200, Call("POST", "/api/status/EthernetUnplugged/raise", "param=bench%20test").Status);
            Assert.True(_phone.Statuses.IsActive(StatusId.EthernetUnplugged));
            Assert.Equal("bench test", _phone.Statuses.ParamOf(StatusId.EthernetUnplugged));
            Assert.Equal("bench", _phone.Statuses.SourceOf(StatusId.EthernetUnplugged));
            Assert.Equal(200, Call("POST", "/api/status/EthernetUnplugged/clear").Status);
            Assert.False(_phone.Statuses.IsActive(StatusId.EthernetUnplugged));
            Assert.Equal(404, Call("POST", "/api/status/NoSuchStatus/raise").Status);
            Assert.Equal(400, Call("POST", "/api/status/EthernetUnplugged/toggle").Status);
        }

        [Fact]
        public void ExplainAndScreen()
        {
            Call("POST", "/api/status/RingerIsSilent/raise");
            Assert.Contains("it is blocked", Encoding.UTF8.GetString(Call("GET", "/api/explain/RingerIsSilent").Body));
            Assert.Equal("status: clock\n", Encoding.UTF8.GetString(Call("GET", "/api/screen").Body));
            Assert.Equal(501, Call("GET", "/api/screen.png").Status);
        }

        [Fact]
        public void KeysGoThroughTheKeyPath()
        {
            Assert.Equal(200, Call("POST", "/api/keys/ok/press").Status);
            Assert.Equal(200, Call("POST", "/api/keys/F3/hold").Status);
            Assert.Equal(new[] { "OK Press", "OK Release", "F3 Press", "F3 LongPress" }, _keys);
            BenchResponse bad = Call("POST", "/api/keys/banana/press");
            Assert.Equal(400, bad.Status);
            Assert.Contains("unknown key banana", Json(bad).GetProperty("error").GetString());
        }

        [Fact]
        public void SettingsReadAndWriteWithValidation()
        {
            Assert.Equal(200, Call("POST", "/api/settings/cancel_desktop", null, "on").Status);
            Assert.True(_settings.GetBool("cancel_desktop"));
            BenchResponse bad = Call("POST", "/api/settings/user_expiry", "idx=2", "5");
            Assert.Equal(400, bad.Status);
            Assert.Contains("user_expiry[2]", Json(bad).GetProperty("error").GetString());
            Assert.Equal(404, Call("GET", "/api/settings/no_such_setting").Status);
            Assert.Equal("on", Json(Call("GET", "/api/settings/cancel_desktop")).GetProperty("value").GetString());
        }

        [Theory]
        [InlineData("user_host", "idx=13", "user_host: index 13 is out of range 1..12")]
        [InlineData("user_host", null, "user_host: index 0 is out of range 1..12")]
        [InlineData("cancel_desktop", "idx=2", "cancel_desktop: is not indexed (index 2 given)")]
        [InlineData("user_host", "idx=x", "idx must be a number")]
        public void ReadingAnIndexTheSettingDoesNotHaveIsRefused(string name, string query, string error)
        {
            BenchResponse bad = Call("GET", "/api/settings/" + name, query);

            Assert.Equal(400, bad.Status);
            Assert.Equal(error, Json(bad).GetProperty("error").GetString());
            Assert.Equal(200, Call("GET", "/api/settings/user_host", "idx=12").Status);
        }

        [Fact]
        public void PresenceOnlyManualStates()
        {
            Assert.Equal(200, Call("POST", "/api/presence/dnd").Status);
            Assert.Equal(PresenceState.DoNotDisturb, _phone.Presence.ManualChoice);
            Assert.Equal(400, Call("POST", "/api/presence/busy").Status);
            Assert.Equal(400, Call("POST", "/api/presence/sleepy").Status);
        }

        [Fact]
        public void UnknownPathsAndDeviceOnlyLimits()
        {
            Assert.Equal(404, Call("GET", "/nothing").Status);
            Assert.Equal(404, Call("DELETE", "/api/status").Status);
            Assert.Equal(501, Call("POST", "/api/ethernet/unplug").Status);
            Assert.Equal(400, Call("POST", "/api/modules/7/plug").Status);
            Assert.Equal(72, Json(Call("GET", "/api/leds")).GetArrayLength());
            Assert.Equal(12, Json(Call("GET", "/api/registration")).GetArrayLength());
        }
    }
}
