using System.IO;
using System.Linq;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A desk user whose extension also rings on another device (kamailio forks the call to every contact registered
    /// for 100: the simulator and a baresip): the other device answers, kamailio cancels the phone's branch with
    /// <c>Reason: SIP;cause=200;text="Call completed elsewhere"</c> (RFC 3326, tm's local_cancel_reason). The call was
    /// taken, so the phone must not count it as missed (no PhoneHasMissedCalls, no CanceledCall, the missed list empty,
    /// the message LED off), while a caller who gives up is still a missed call.
    /// </summary>
    public class AnsweredElsewhereTests
    {
        [SkippableFact]
        public void ACallAnsweredOnAnotherDeviceOfTheExtensionIsNotAMissedCall()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio("proxy.cfg");
            using PhoneUnderTest phone = KamailioTests.Phone("100", kamailio);
            using var otherDevice = new Baresip("100", ";auth_pass=pw100;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60", answerMode: "manual");
            using var caller = new Baresip("200", ";auth_pass=pw200;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60");
            Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 15000), "phone not registered:\n" + kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 100"), n => n >= 2, 15000) >= 2, "the other device not registered:\n" + otherDevice.Log + kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 200"), n => n >= 1, 15000) >= 1, "the caller not registered:\n" + caller.Log + kamailio.Log);

            // 200 calls 100: both devices ring; the other one answers.
            caller.Dial("sip:100@127.0.0.1");
            Assert.Equal("incoming", phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 15000));
            Assert.True(otherDevice.WaitForEvent("CALL_INCOMING"), "the other device does not ring:\n" + otherDevice.Log);
            otherDevice.Accept();
            Assert.True(caller.WaitForEvent("CALL_ESTABLISHED"), "not established:\n" + caller.Log + kamailio.Log);
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
            // The CANCEL the phone got says why (the simulator's trace keeps its last 64 messages whole).
            Assert.Contains("cause=200", phone.Get("api/trace").Body);
            string why = "\nphone: " + phone.Get("api/status").Body + "\ncalls: " + phone.Get("api/calls/log").Body + "\nkamailio:\n" + kamailio.Log;

            // Nothing missed: no status, an empty missed list, the message LED off, no notice on the idle screen.
            string idle = phone.ScreenSettled();
            Assert.False(CallTests.StatusActive(phone, "PhoneHasMissedCalls"), why);
            Assert.False(CallTests.StatusActive(phone, "CanceledCall"), why);
            JsonElement log = JsonDocument.Parse(phone.Get("api/calls/log").Body).RootElement;
            Assert.Equal(0, log.GetProperty("missedCount").GetInt32());
            Assert.Empty(log.GetProperty("missed").EnumerateArray());
            Assert.Equal("off off", phone.Led("message"));
            Assert.DoesNotContain("missed", idle);
            caller.Hangup();
            Assert.True(otherDevice.WaitForEvent("CALL_CLOSED"), otherDevice.Log);

            // The same extension, the caller giving up while both ring: a missed call as before.
            caller.Dial("sip:100@127.0.0.1");
            Assert.Equal("incoming", phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 15000));
            Assert.True(caller.WaitForEvent("CALL_RINGING"), caller.Events);
            caller.Hangup();
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
            Assert.True(phone.WaitFor(() => CallTests.StatusActive(phone, "PhoneHasMissedCalls"), a => a), "the caller's giving up is no missed call:\n" + phone.Get("api/status").Body);
            Assert.Equal(1, JsonDocument.Parse(phone.Get("api/calls/log").Body).RootElement.GetProperty("missed").GetArrayLength());
        }
    }
}
