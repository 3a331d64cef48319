using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The phone against kamailio as registrar and presence server (kamailio/presence.cfg): a BLF key follows a real
    /// call through the proxy (dialog + pua_dialoginfo) and picks it up while it rings, and the phone's own status
    /// reaches a watcher (presence_xml).
    /// </summary>
    public class PresenceServerTests
    {
        private static void SkipUnlessInstalled(bool sipp)
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            Skip.IfNot(File.Exists(Kamailio.PresenceModule), Kamailio.PresenceMissing);
            Skip.If(sipp && !File.Exists(Sipp.Binary), Sipp.Missing);
        }

        private static string F1(PhoneUnderTest phone)
        {
            JsonElement led = JsonDocument.Parse(phone.Get("api/leds").Body).RootElement.EnumerateArray()
                .First(l => l.GetProperty("led").GetString() == "F1");
            return led.GetProperty("color").GetString() + " " + led.GetProperty("pattern").GetString();
        }

        private static bool Active(PhoneUnderTest phone, string id) =>
            phone.Status().GetProperty("active").EnumerateArray().Any(s => s.GetProperty("id").GetString() == id);

        /// <summary>alice registered at the server with F1 a BLF key on bob, its SUBSCRIBE seen by the server.</summary>
        private static PhoneUnderTest AliceWatchingBob(Kamailio kamailio)
        {
            PhoneUnderTest alice = KamailioTests.Phone("alice", kamailio,
                extraSettings: "<fkey idx=\"1\" perm=\"\">blf sip:bob@127.0.0.1</fkey>");
            try
            {
                Assert.True(alice.WaitFor(() => KamailioTests.Registered(alice), r => r, 10000), "not registered:\n" + kamailio.Log);
                Assert.True(alice.WaitFor(() => kamailio.Count("PEERTEST SUBSCRIBE dialog for sip:bob@127.0.0.1 from alice"), n => n >= 1, 10000) >= 1,
                    "the key did not subscribe:\n" + kamailio.Log);
                return alice;
            }
            catch
            {
                alice.Dispose();
                throw;
            }
        }

        /// <summary>A sipp registers <paramref name="port"/> as the user's contact (digest, password pwUSER).</summary>
        private static void Register(Kamailio kamailio, string user, int port)
        {
            using var register = new Sipp("register.xml", kamailio.Port, "-key user " + user + " -au " + user + " -ap pw" + user + " -key contact_port " + port);
            Assert.True(register.WaitForExit(10000) == 0, user + " did not register:\n" + register.Log + kamailio.Log);
        }

        [SkippableFact]
        public void BlfKeyFollowsACallThroughTheServer()
        {
            SkipUnlessInstalled(sipp: true);
            using var kamailio = new Kamailio("presence.cfg");
            using PhoneUnderTest alice = AliceWatchingBob(kamailio);
            Assert.Equal("off off", F1(alice));

            // bob: one sipp answers on its port, another registers that port as bob's contact.
            using var bob = new Sipp("answer.xml", 0);
            Register(kamailio, "bob", bob.Port);

            // carol calls bob through kamailio: 180, 2.5 s of ringing, 200, 2.5 s of talk, BYE.
            using var carol = new Sipp("call.xml", kamailio.Port, "-key callee bob");
            Assert.Equal("red blink-fast", alice.WaitFor(() => F1(alice), s => s == "red blink-fast", 5000));
            Assert.True(Active(alice, "MonitoredExtensionIsRinging"));
            Assert.Equal("red on", alice.WaitFor(() => F1(alice), s => s == "red on", 6000));
            Assert.False(Active(alice, "MonitoredExtensionIsRinging"));
            Assert.Equal("off off", alice.WaitFor(() => F1(alice), s => s == "off off", 8000));

            Assert.True(carol.WaitForExit(5000) == 0, "the call failed:\n" + carol.Log);
            Assert.True(bob.WaitForExit(5000) == 0, "bob's side failed:\n" + bob.Log);
        }

        /// <summary>
        /// Pickup of a ringing BLF target through kamailio (docs/calls.md, "Pickup"): carol (sipp) calls bob (sipp, only
        /// ringing) through the server, whose dialog-info NOTIFY tells alice's F1 that bob rings; pressing F1 sends carol an
        /// INVITE with Replaces naming carol's early dialog with bob, early-only (carol's registered contact, a third sipp,
        /// answers it and checks the header); carol then cancels its branch to bob. The call is alice's and carol's.
        /// </summary>
        [SkippableFact]
        public void ARingingBlfTargetIsPickedUpWithReplacesThroughTheServer()
        {
            SkipUnlessInstalled(sipp: true);
            using var kamailio = new Kamailio("presence.cfg");
            using PhoneUnderTest alice = AliceWatchingBob(kamailio);

            using var bob = new Sipp("ring.xml", 0);
            using var carolAnswers = new Sipp("pickup-answer.xml", 0);
            Register(kamailio, "bob", bob.Port);
            Register(kamailio, "carol", carolAnswers.Port);

            // carol calls bob and lets it ring for up to 20 s; the pickup must come before.
            // sipp maps answers to its call by the Call-ID it makes: -cid_str makes it one the test knows (call 1).
            string callId = "pickup-" + Guid.NewGuid().ToString("N") + "-1";
            using var carol = new Sipp("pickup-caller.xml", kamailio.Port,
                "-key callee bob -cid_str " + callId.Substring(0, callId.Length - 1) + "%u -key contact_port " + carolAnswers.Port + " -d 20000");
            Assert.Equal("red blink-fast", alice.WaitFor(() => F1(alice), s => s == "red blink-fast", 10000));
            Assert.True(alice.WaitFor(() => Active(alice, "CallForPickupAvailable"), a => a, 5000), alice.Get("api/status").Body);

            Assert.Equal(200, alice.Post("api/keys/F1/press").Status);
            Assert.Equal("connected", alice.WaitFor(() => CallTests.State(alice), s => s == "connected", 15000));
            string trace = carolAnswers.Log;
            Match replaces = Regex.Match(trace, @"Replaces: *([^\r\n]*)");
            Assert.True(replaces.Success, "no Replaces in the picking INVITE:\n" + trace);
            Assert.StartsWith(callId + ";", replaces.Groups[1].Value);
            Assert.Contains("early-only", replaces.Groups[1].Value);
            Assert.Equal("carol", CallTests.Calls(alice)[0].GetProperty("number").GetString());

            Assert.Equal(200, alice.Post("api/calls/0/hangup").Status);
            Assert.True(carolAnswers.WaitForExit(15000) == 0, "carol's side of the pickup failed:\n" + carolAnswers.Log + alice.Errors);
            Assert.True(carol.WaitForExit(30000) == 0, "carol's call to bob did not end by its CANCEL:\n" + carol.Log);
            Assert.True(bob.WaitForExit(5000) == 0, "bob's side failed:\n" + bob.Log);
            Assert.Equal("off off", alice.WaitFor(() => F1(alice), s => s == "off off", 10000));
        }

        /// <summary>
        /// 69 BLF keys (16 function keys, 53 module keys) against kamailio, which answers at once: every key's SUBSCRIBE
        /// reaches the server within 3 s of registration and is accepted (none is sent again, as a failed or timed-out one
        /// would be after its back-off). Before, the SUBSCRIBEs beyond the user agent's 16 client transactions failed
        /// locally with 503 and backed off (69 keys took about 125 s).
        /// </summary>
        [SkippableFact]
        public void SixtyNineBlfKeysAreSubscribedWithin3SecondsOfRegistration()
        {
            SkipUnlessInstalled(sipp: false);
            using var kamailio = new Kamailio("presence.cfg");
            var keys = new System.Text.StringBuilder();
            for (int key = 1; key <= 69; key++)
            {
                string name = key <= 16 ? "fkey" : "expansion_key";
                int idx = key <= 16 ? key : key - 16;
                keys.Append("<" + name + " idx=\"" + idx + "\" perm=\"\">blf sip:" + (300 + key) + "@127.0.0.1</" + name + ">");
            }
            using PhoneUnderTest alice = KamailioTests.Phone("alice", kamailio, extraSettings: keys.ToString());
            Assert.True(alice.WaitFor(() => KamailioTests.Registered(alice), r => r, 10000), "not registered:\n" + kamailio.Log);
            var registered = System.Diagnostics.Stopwatch.StartNew();

            int subscribed = alice.WaitFor(() => Subscribed(kamailio), n => n >= 69, 3000);
            long took = registered.ElapsedMilliseconds;

            Assert.True(subscribed == 69, subscribed + " of 69 keys subscribed within 3 s of registration:\n" + kamailio.Log);
            Assert.InRange(took, 0, 3000);
            // Accepted: no SUBSCRIBE for a key goes out again (a refused or unanswered one is retried after 2 s).
            System.Threading.Thread.Sleep(3000);
            Assert.Equal(69, kamailio.Count("PEERTEST SUBSCRIBE dialog for sip:3"));
        }

        /// <summary>Keys whose SUBSCRIBE kamailio logged (each key's target once).</summary>
        private static int Subscribed(Kamailio kamailio)
        {
            int n = 0;
            for (int key = 1; key <= 69; key++)
            {
                if (kamailio.Count("PEERTEST SUBSCRIBE dialog for sip:" + (300 + key) + "@127.0.0.1 from alice") > 0)
                {
                    n++;
                }
            }
            return n;
        }

        [SkippableFact]
        public void DoNotDisturbReachesAWatcherThroughTheServer()
        {
            SkipUnlessInstalled(sipp: false);
            using var kamailio = new Kamailio("presence.cfg");
            using PhoneUnderTest alice = KamailioTests.Phone("alice", kamailio);
            Assert.True(alice.WaitFor(() => kamailio.Count("PEERTEST PUBLISH presence for sip:alice@127.0.0.1 from alice"), n => n >= 1, 10000) >= 1,
                "the phone did not publish (authenticated):\n" + kamailio.Log);

            using var watcher = new PresenceWatcher(kamailio.Port);
            watcher.Subscribe("sip:alice@127.0.0.1");
            Assert.True(watcher.Responses.TryTake(out string answer, 5000), "no answer to the SUBSCRIBE:\n" + kamailio.Log);
            Assert.StartsWith("SIP/2.0 200", answer);
            string online = WaitForNotify(watcher, body => body.Contains("<basic>open</basic>"), kamailio);
            Assert.DoesNotMatch(BusyActivity, online);

            Assert.Equal(200, alice.Post("api/presence/dnd").Status);
            string dnd = WaitForNotify(watcher, body => BusyActivity.IsMatch(body), kamailio);
            Assert.Contains("Do not disturb", dnd);
            Assert.Contains("<basic>open</basic>", dnd);
        }

        // RPID's busy activity, whatever prefix the server's aggregated document gives the namespace.
        private static readonly Regex BusyActivity = new Regex("<([A-Za-z0-9]+:)?activities>\\s*<([A-Za-z0-9]+:)?busy\\s*/>");

        private static string WaitForNotify(PresenceWatcher watcher, Func<string, bool> wanted, Kamailio kamailio)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string seen = "";
            while (clock.ElapsedMilliseconds < 10000)
            {
                if (watcher.Notifies.TryTake(out string notify, 500))
                {
                    Assert.Equal("presence", PresenceWatcher.Header(notify, "Event"));
                    string body = PresenceWatcher.Body(notify);
                    if (wanted(body))
                    {
                        return body;
                    }
                    seen += body + "\n----\n";
                }
            }
            throw new Xunit.Sdk.XunitException("no such NOTIFY; seen:\n" + seen + kamailio.Log);
        }
    }
}
