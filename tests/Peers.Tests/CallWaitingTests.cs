using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Call waiting, At the desk and a busy callee against real peers on loopback (docs/calls.md, "Incoming calls" and
    /// "Call screen"): two baresips call the phone one after the other, the second waits while the first is talked to
    /// and answering it holds the first; under At the desk the ringer starts after its delay; a sipp callee answers 486
    /// and the phone says "Busy" on its status line. Asserted on the peers' SIP traces and the phone's bench state and
    /// screen.
    /// </summary>
    public class CallWaitingTests
    {
        private static JsonElement CallOf(PhoneUnderTest phone, string number) =>
            CallTests.Calls(phone).FirstOrDefault(c => c.GetProperty("number").GetString() == number);

        private static string StateOf(PhoneUnderTest phone, string number)
        {
            JsonElement call = CallOf(phone, number);
            return call.ValueKind == JsonValueKind.Undefined ? "none" : call.GetProperty("state").GetString();
        }

        [SkippableFact]
        public void ASecondCallWaitsAndAnsweringItHoldsTheFirst()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var first = new Baresip("200");
            using var second = new Baresip("201");

            first.Dial(CallTests.PhoneUri(phone));
            Assert.Equal("incoming", phone.WaitFor(() => StateOf(phone, "200"), s => s == "incoming", 15000));
            Assert.Equal(200, phone.Post("api/calls/" + CallOf(phone, "200").GetProperty("id").GetInt32() + "/answer").Status);
            Assert.True(first.WaitForEvent("CALL_ESTABLISHED"), "the first call was not established:\n" + first.Log + phone.Errors);

            // The second caller hears ringing (the phone's 180) while the first call goes on.
            second.Dial(CallTests.PhoneUri(phone));
            Assert.Equal("incoming", phone.WaitFor(() => StateOf(phone, "201"), s => s == "incoming", 15000));
            Assert.True(second.WaitForEvent("CALL_RINGING"), "the waiting caller got no 180:\n" + second.Log);
            Assert.Equal("connected", StateOf(phone, "200"));
            Assert.Contains("Call from 201", phone.WaitFor(() => phone.Screen(), t => t.Contains("Call from 201")));

            // Answering it holds the first call (a re-INVITE with a=sendonly to 200) and connects the second.
            Assert.Equal(200, phone.Post("api/calls/" + CallOf(phone, "201").GetProperty("id").GetInt32() + "/answer").Status);
            Assert.True(second.WaitForEvent("CALL_ESTABLISHED"), "the waiting call was not established:\n" + second.Log + phone.Errors);
            Assert.True(first.WaitForLines("a=sendonly") >= 1, "the first call was not held:\n" + first.Log);
            Assert.Equal("held", phone.WaitFor(() => StateOf(phone, "200"), s => s == "held", 15000));
            Assert.Equal("connected", StateOf(phone, "201"));
            Assert.Contains("Connected: 201", phone.WaitFor(() => phone.Screen(), t => t.Contains("Connected: 201")));

            // The second caller hangs up; the held call stays held until the phone hangs it up too.
            second.Hangup();
            Assert.Equal("none", phone.WaitFor(() => StateOf(phone, "201"), s => s == "none", 15000));
            Assert.Equal("held", StateOf(phone, "200"));
            Assert.Equal(200, phone.Post("api/calls/" + CallOf(phone, "200").GetProperty("id").GetInt32() + "/hangup").Status);
            Assert.True(first.WaitForEvent("CALL_CLOSED"), "the held caller saw no BYE:\n" + first.Log);
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
        }

        /// <summary>
        /// At the desk with a 5 s delay: baresip hears ringing (the 180) at once, the phone's ringer stays silent for the
        /// delay, then rings. Judged without timing assumptions: every sample answered sooner than the delay after the dial
        /// must say silent (the phone's call started after the dial), and the ring must come, no sooner than the delay.
        /// </summary>
        [SkippableFact]
        public void AtTheDeskTheRingerStartsAfterItsDelay()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var caller = new Baresip("200");
            phone.Set("presence_at_desk_delay", "5", 0);
            Assert.Equal(200, phone.Post("api/presence/at-the-desk").Status);

            var sinceDial = System.Diagnostics.Stopwatch.StartNew();
            caller.Dial(CallTests.PhoneUri(phone));
            string ringer = null;
            while (sinceDial.ElapsedMilliseconds < 30000 && ringer != "ring")
            {
                JsonElement call = CallOf(phone, "200");
                long answeredAt = sinceDial.ElapsedMilliseconds;
                if (call.ValueKind == JsonValueKind.Undefined || !call.TryGetProperty("ringer", out JsonElement r))
                {
                    System.Threading.Thread.Sleep(100);
                    continue;
                }
                ringer = r.GetString();
                if (answeredAt < 5000)
                {
                    Assert.True(ringer == "silent", "the ringer played before At the desk's delay: " + ringer + " at " + answeredAt + " ms");
                }
                System.Threading.Thread.Sleep(200);
            }
            Assert.Equal("ring", ringer);
            Assert.True(sinceDial.ElapsedMilliseconds >= 5000, "rang after " + sinceDial.ElapsedMilliseconds + " ms");
            Assert.True(caller.WaitForEvent("CALL_RINGING"), "the caller got no 180:\n" + caller.Log);
            Assert.Equal(200, phone.Post("api/calls/" + CallOf(phone, "200").GetProperty("id").GetInt32() + "/answer").Status);
            Assert.True(caller.WaitForEvent("CALL_ESTABLISHED"), caller.Log);
            caller.Hangup();
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
        }

        [SkippableFact]
        public void ABusyCalleeIsSaidOnTheStatusLineForAFewSeconds()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var callee = new Sipp("busy.xml", 0);

            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"sip:bob@127.0.0.1:" + callee.Port + "\"}").Status);
            Assert.True(callee.WaitForExit(15000) == 0, "sipp failed (the phone's ACK of the 486):\n" + callee.Log + phone.Errors);
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
            var busy = new Regex(@"\[(status|notice)\] Busy\n");
            Assert.Matches(busy, phone.WaitFor(() => phone.Screen(), t => busy.IsMatch(t), 5000));
            // Said for 3 s, then the idle screen is back.
            Assert.DoesNotMatch(busy, phone.WaitFor(() => phone.Screen(), t => !busy.IsMatch(t), 15000));
        }
    }
}
