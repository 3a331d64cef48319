using System.Text;
using System.Text.Json;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Firmware.Tests.Provisioning;
using DeskPhone.Host.Sim;
using DeskPhone.Sip.Transport;
using Xunit;

namespace DeskPhone.Firmware.Tests.Updates
{
    /// <summary>
    /// A staged set is started only while the phone has no call: starting it restarts the phone, which would cut the
    /// call (a Snom phone updates when idle). With auto_update the set waits for the call's end; the user's apply
    /// during a call is refused with the reason and done when the call ends.
    /// </summary>
    public class UpdateDuringCallTests
    {
        private readonly PathHttpServer _server = new PathHttpServer();
        private readonly SettingsStore _settings = new SettingsStore();
        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly SipChannel _sip;
        private readonly PhoneApp _app;
        private readonly BenchRouter _router;
        private long _now;

        public UpdateDuringCallTests()
        {
            _server.Serve(UpdateSet.Two(), "/fw/");
            _settings.Set("user_active", 1, "on");
            _settings.Set("user_name", 1, "100");
            _settings.Set("user_host", 1, "10.0.0.1");
            Assert.Null(_settings.Set("update_key", 0, UpdateSet.KeyHex));
            _sip = new SipChannel(_inbox);
            _app = new PhoneApp(new PhoneParts(_settings, _inbox, _sip)
            {
                LocalHost = "192.0.2.10", Http = new FakeHttpChannel(), UpdateHttp = _server, UpdateMedium = new FakeUpdateMedium(),
                UpdateLoader = new StubUpdateLoader(),
            });
            _router = new BenchRouter(_app.Core, _app.Text, (code, action) => { }, null, null) { Updates = _app.Updates, CallLayer = _app };
            Run(100);
        }

        private void Run(int ms)
        {
            for (long end = _now + ms; _now < end;)
            {
                _now += 10;
                _app.Poll(_now);
            }
        }

        private (int Status, JsonElement Json) Bench(string method, string path)
        {
            BenchResponse r = _router.Handle(method, path, null, null, null);
            return (r.Status, JsonDocument.Parse(r.Body).RootElement.Clone());
        }

        private string State => Bench("GET", "/api/update").Json.GetProperty("state").GetString();

        /// <summary>An incoming call answered from the bench; returns its id.</summary>
        private int AnsweredCall()
        {
            _sip.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKu1\r\n" +
                        "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: u1\r\nCSeq: 1 INVITE\r\n" +
                        "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            Run(10);
            int id = Bench("GET", "/api/calls").Json[0].GetProperty("id").GetInt32();
            Assert.Equal(200, Bench("POST", "/api/calls/" + id + "/answer").Status);
            Assert.True(_app.Core.InCall);
            return id;
        }

        private void StageDuringTheCall()
        {
            Assert.Null(_settings.Set("firmware_status", 0, "http://192.0.2.80/fw/update.txt"));
            Assert.Equal(202, Bench("POST", "/api/update/check").Status);
            Run(500);
        }

        [Fact]
        public void AutoUpdateWaitsForTheCallToEnd()
        {
            Assert.Null(_settings.Set("update_policy", 0, "auto_update"));
            int call = AnsweredCall();
            StageDuringTheCall();

            // Before: the stub loader restarted into 2.0.0 in the middle of the call ("trying").
            Assert.Equal("staged", State);
            Assert.True(_app.Core.Statuses.IsActive(StatusId.PhoneHasFirmwareUpdate));
            Run(5000);
            Assert.Equal("staged", State);

            Assert.Equal(200, Bench("POST", "/api/calls/" + call + "/hangup").Status);
            Run(100);
            JsonElement after = Bench("GET", "/api/update").Json;
            Assert.Equal(("trying", "2.0.0"), (after.GetProperty("state").GetString(), after.GetProperty("running").GetString()));
            Assert.False(_app.Core.Statuses.IsActive(StatusId.PhoneHasFirmwareUpdate));
        }

        [Fact]
        public void TheUsersApplyDuringACallIsRefusedWithTheReasonAndDoneWhenTheCallEnds()
        {
            int call = AnsweredCall();
            StageDuringTheCall();
            Assert.Equal("staged", State);

            BenchResponse refused = _router.Handle("POST", "/api/update/apply", null, null, null);
            Assert.Equal(409, refused.Status);
            Assert.Equal("{\"error\":\"a call is in progress: the update starts when it ends\"}", Encoding.UTF8.GetString(refused.Body));
            Run(1000);
            Assert.Equal("staged", State);

            Assert.Equal(200, Bench("POST", "/api/calls/" + call + "/hangup").Status);
            Run(100);
            Assert.Equal("trying", State);
        }

        [Fact]
        public void AnApplyAskedForDuringACallAndThenDiscardedIsForgotten()
        {
            int call = AnsweredCall();
            StageDuringTheCall();
            Assert.Equal(409, _router.Handle("POST", "/api/update/apply", null, null, null).Status);
            Assert.Equal(200, Bench("POST", "/api/update/discard").Status);
            // The same set offered again and staged (from its slot) while the call goes on: nobody asked to start it.
            Assert.Equal(202, Bench("POST", "/api/update/check").Status);
            Run(500);
            Assert.Equal("staged", State);

            Assert.Equal(200, Bench("POST", "/api/calls/" + call + "/hangup").Status);
            Run(100);
            Assert.Equal("staged", State);
        }
    }
}
