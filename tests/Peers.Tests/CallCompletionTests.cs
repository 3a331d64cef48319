using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Call back on busy (RFC 6910, docs/calls.md "Call completion") against sipp on loopback: the callee (cc-busy.xml)
    /// answers 486 with Call-Info purpose=call-completion, the monitor (cc-monitor.xml) takes the phone's SUBSCRIBE and
    /// sends NOTIFY queued then ready with the cc-URI, and the call back reaches the callee at that URI
    /// (cc-recall.xml). Each scenario checks the phone's messages (Request-URIs with m=BS, Event, Accept, the
    /// unsubscribe); the test follows the phone's side on the bench.
    /// </summary>
    public class CallCompletionTests
    {
        private const int ScenarioMs = 60000;

        private static string State(PhoneUnderTest phone) =>
            JsonDocument.Parse(phone.Get("api/calls/callback").Body).RootElement.GetProperty("state").GetString();

        private static void Passed(Sipp sipp, PhoneUnderTest phone) =>
            Assert.True(sipp.WaitForExit(ScenarioMs) == 0, "sipp failed:\n" + sipp.Log + phone.Errors);

        [SkippableFact]
        public void ABusyCalleeIsCalledBackWhenTheMonitorSaysItIsReady()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var recall = new Sipp("cc-recall.xml", 0);
            using var monitor = new Sipp("cc-monitor.xml", 0, "-key recall sip:bob@127.0.0.1:" + recall.Port + ";m=BS");
            using var callee = new Sipp("cc-busy.xml", 0, "-key monitor sip:cc@127.0.0.1:" + monitor.Port);

            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"sip:bob@127.0.0.1:" + callee.Port + "\"}").Status);
            Passed(callee, phone);
            Assert.Equal("offered", phone.WaitFor(() => State(phone), s => s == "offered", 15000));
            Assert.Contains("PhoneKnowsCallCanBeCompleted", phone.Get("api/status").Body);

            Assert.Equal(200, phone.Post("api/calls/callback").Status);
            string state = phone.WaitFor(() => State(phone), s => s == "ready", 15000);
            Assert.True(state == "ready", "the monitor's ready NOTIFY did not arrive (" + state + "):\n" + monitor.Log + phone.Errors);
            Assert.Contains("CallBackOnBusyAvailable", phone.Get("api/status").Body);

            Assert.Equal(200, phone.Post("api/calls/callback").Status);
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));
            Passed(monitor, phone);
            Assert.Equal("idle", State(phone));
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Passed(recall, phone);
        }
    }
}
