using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Calls between the simulator phone and baresip on loopback (docs/calls.md): baresip calls the phone, which
    /// rings and is answered from the bench; each side hangs up; the phone calls baresip (which answers by itself);
    /// the caller gives up while the phone rings; Do not disturb refuses. Asserted on baresip's SIP trace and events
    /// and on the phone's bench state.
    /// </summary>
    public class CallTests
    {
        internal static JsonElement[] Calls(PhoneUnderTest phone) =>
            JsonDocument.Parse(phone.Get("api/calls").Body).RootElement.EnumerateArray().ToArray();

        internal static string State(PhoneUnderTest phone)
        {
            JsonElement[] calls = Calls(phone);
            return calls.Length == 0 ? "none" : calls[0].GetProperty("state").GetString();
        }

        internal static bool StatusActive(PhoneUnderTest phone, string id) =>
            phone.Status().GetProperty("active").EnumerateArray().Any(s => s.GetProperty("id").GetString() == id);

        internal static PhoneUnderTest Phone() => PhoneUnderTest.Simulator("--identity 100");

        internal static string PhoneUri(PhoneUnderTest phone) => "sip:100@" + phone.SipHost + ":" + phone.SipPort;

        /// <summary>baresip calls the phone directly; returns once the phone rings.</summary>
        private static void Ring(PhoneUnderTest phone, Baresip peer)
        {
            peer.Dial(PhoneUri(phone));
            Assert.True(phone.WaitFor(() => State(phone), s => s == "incoming", 15000) == "incoming", "the phone does not ring:\n" + peer.Log + phone.Errors);
        }

        [SkippableFact]
        public void BaresipCallsThePhoneItIsAnsweredFromTheBenchAndBaresipHangsUp()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = Phone();
            using var peer = new Baresip("200");
            Ring(phone, peer);

            JsonElement call = Calls(phone)[0];
            Assert.Equal("incoming", call.GetProperty("direction").GetString());
            Assert.Equal("200", call.GetProperty("number").GetString());
            Assert.True(peer.WaitForEvent("CALL_RINGING"), peer.Events);
            Assert.Contains("[call] <call> Call from 200", phone.WaitFor(() => phone.Screen(), t => t.Contains("[call]")));
            Assert.Contains("[identity] 100 - Busy", phone.Screen());

            var (status, body) = phone.Post("api/calls/" + call.GetProperty("id").GetInt32() + "/answer");
            Assert.Equal(200, status);
            Assert.True(peer.WaitForEvent("CALL_ESTABLISHED"), "not established:\n" + peer.Log);
            Assert.True(peer.WaitForLines("SIP/2.0 200 OK") >= 1, peer.Log);
            Assert.Equal("connected", State(phone));

            peer.Hangup();
            Assert.Equal("none", phone.WaitFor(() => State(phone), s => s == "none", 15000));
            Assert.True(peer.WaitForLines("BYE ") >= 1, peer.Log);
            Assert.True(peer.WaitForLines("SIP/2.0 200 OK", 2) >= 2, "BYE not answered:\n" + peer.Log);
            string idle = phone.WaitFor(() => phone.Screen(), t => !t.Contains("[call]") && !t.Contains("Busy"));
            Assert.DoesNotContain("[call]", idle);
            Assert.Contains("[identity] 100 - Online", idle);
        }

        [SkippableFact]
        public void ThePhoneHangsUpAnAnsweredCall()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = Phone();
            using var peer = new Baresip("200");
            Ring(phone, peer);
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);
            Assert.True(peer.WaitForEvent("CALL_ESTABLISHED"), peer.Log);

            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(peer.WaitForEvent("CALL_CLOSED"), "baresip saw no BYE:\n" + peer.Log);
            Assert.True(peer.WaitForLines("BYE sip:200") >= 1, peer.Log);
            Assert.Equal("none", State(phone));
        }

        [SkippableFact]
        public void ThePhoneCallsBaresipWhichAnswersAndHangsUp()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = Phone();
            using var peer = new Baresip("200");

            var (status, body) = phone.Post("api/calls", "{\"to\":\"" + peer.Uri + "\"}");
            Assert.Equal(200, status);
            Assert.Equal("outgoing", JsonDocument.Parse(body).RootElement.GetProperty("direction").GetString());
            Assert.Equal("connected", phone.WaitFor(() => State(phone), s => s == "connected", 15000));
            Assert.True(peer.WaitForEvent("CALL_ESTABLISHED"), peer.Log);
            Assert.True(peer.WaitForLines("INVITE sip:200@127.0.0.1") >= 1, peer.Log);
            Assert.True(peer.WaitForLines("ACK sip:200") >= 1, "no ACK for the 200:\n" + peer.Log);
            Assert.Equal("PCMU", Calls(phone)[0].GetProperty("codec").GetString());

            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(peer.WaitForEvent("CALL_CLOSED"), peer.Log);
            Assert.True(peer.WaitForLines("BYE sip:200") >= 1, peer.Log);
        }

        [SkippableFact]
        public void EitherSideHoldsAndResumes()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = Phone();
            using var peer = new Baresip("200");
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + peer.Uri + "\"}").Status);
            Assert.Equal("connected", phone.WaitFor(() => State(phone), s => s == "connected", 15000));

            // The phone holds: its re-INVITE offers sendonly, baresip answers recvonly.
            Assert.Equal(200, phone.Post("api/calls/0/hold").Status);
            Assert.Equal("held", phone.WaitFor(() => State(phone), s => s == "held", 15000));
            Assert.True(peer.WaitForLines("a=sendonly") >= 1, peer.Log);
            Assert.True(peer.WaitForLines("a=recvonly") >= 1, peer.Log);
            Assert.Equal(200, phone.Post("api/calls/0/resume").Status);
            Assert.Equal("connected", phone.WaitFor(() => State(phone), s => s == "connected", 15000));
            Assert.True(peer.WaitForLines("ACK sip:200", 3) >= 3, "the re-INVITEs' 200s were not ACKed:\n" + peer.Log);

            // baresip holds: the phone answers its sendonly with recvonly and shows the call held by the other side.
            peer.Hold(true);
            Assert.True(phone.WaitFor(() => Calls(phone)[0].GetProperty("remoteHeld").GetBoolean(), h => h, 15000), peer.Log);
            peer.Hold(false);
            Assert.False(phone.WaitFor(() => Calls(phone)[0].GetProperty("remoteHeld").GetBoolean(), h => !h, 15000), peer.Log);
            Assert.Equal("connected", State(phone));
        }

        [SkippableFact]
        public void TheCallerGivingUpWhileThePhoneRingsIsAMissedCall()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = Phone();
            using var peer = new Baresip("200");
            Ring(phone, peer);
            Assert.True(peer.WaitForEvent("CALL_RINGING"), peer.Events);

            peer.Hangup();
            Assert.Equal("none", phone.WaitFor(() => State(phone), s => s == "none", 15000));
            Assert.True(peer.WaitForLines("SIP/2.0 487 Request Terminated") >= 1, "no 487:\n" + peer.Log);
            Assert.True(peer.WaitForLines("CANCEL ") >= 1, peer.Log);
            string why = "\nphone: " + phone.Get("api/status").Body + "\ncalls: " + phone.Get("api/calls/log").Body + "\nbaresip:\n" + peer.Log;
            Assert.True(phone.WaitFor(() => StatusActive(phone, "PhoneHasMissedCalls") && StatusActive(phone, "CanceledCall"), a => a), why);
            JsonElement missed = phone.Status().GetProperty("active").EnumerateArray().First(s => s.GetProperty("id").GetString() == "PhoneHasMissedCalls");
            Assert.True("1" == missed.GetProperty("param").GetString(), why);
        }

        [SkippableFact]
        public void DoNotDisturbAnswers486()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = Phone();
            using var peer = new Baresip("200");
            Assert.Equal(200, phone.Post("api/presence/dnd").Status);

            peer.Dial(PhoneUri(phone));
            Assert.True(peer.WaitForEvent("CALL_CLOSED"), peer.Log);
            Assert.True(peer.WaitForLines("SIP/2.0 486 Busy Here") >= 1, peer.Log);
            Assert.Equal("none", State(phone));
            Assert.True(StatusActive(phone, "PhoneHasMissedCalls"));
        }

        [SkippableFact]
        public void CallsGoThroughKamailioAsRegistrarAndProxyWithAuthenticationAndRecordRoute()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio("proxy.cfg");
            using PhoneUnderTest phone = KamailioTests.Phone("100", kamailio);
            using var peer = new Baresip("200", ";auth_pass=pw200;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60");
            Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 15000), "phone not registered:\n" + kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 200"), n => n >= 1, 15000) >= 1, "baresip not registered:\n" + peer.Log + kamailio.Log);

            // baresip -> kamailio -> phone; answered from the bench, hung up by the phone (BYE through the route set).
            peer.Dial("sip:100@127.0.0.1");
            Assert.Equal("incoming", phone.WaitFor(() => State(phone), s => s == "incoming", 15000));
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);
            Assert.True(peer.WaitForEvent("CALL_ESTABLISHED"), "not established:\n" + peer.Log + kamailio.Log);
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(peer.WaitForEvent("CALL_CLOSED"), "no BYE:\n" + peer.Log + kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST in-dialog BYE from 100"), n => n >= 1) >= 1, kamailio.Log);

            // phone -> kamailio (407, answered with identity 1's credentials) -> baresip, which answers; baresip hangs up.
            var (status, body) = phone.Post("api/calls", "{\"to\":\"200\"}");
            Assert.Equal(200, status);
            Assert.Equal("connected", phone.WaitFor(() => State(phone), s => s == "connected", 15000));
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST relaying INVITE from 100"), n => n >= 1) >= 1, kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST in-dialog ACK from 100"), n => n >= 1) >= 1, "the ACK did not follow the route set:\n" + kamailio.Log);
            peer.Hangup();
            Assert.Equal("none", phone.WaitFor(() => State(phone), s => s == "none", 15000));
        }
    }
}
