using System.IO;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Forward on no answer and anonymous calling against baresip on loopback (docs/calls.md), asserted on baresip's
    /// SIP trace and the phone's bench state.
    /// </summary>
    public class CallFeatureTests
    {
        [SkippableFact]
        public void AnUnansweredCallIsForwardedWith302AfterItsRings()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var peer = new Baresip("200");
            phone.Set("user_fwd_timeout", "sip:300@127.0.0.1:9", 1);
            phone.Set("user_fwd_timeout_rings", "1", 1);

            peer.Dial(CallTests.PhoneUri(phone));
            Assert.True(peer.WaitForEvent("CALL_RINGING"), peer.Events);
            // One ring is 3.5 s; the phone redirects and the call is gone from its list.
            Assert.True(peer.WaitForLines("SIP/2.0 302 Moved Temporarily") >= 1, "no 302:\n" + peer.Log);
            Assert.True(peer.WaitForLines("Contact: <sip:300@127.0.0.1:9>") >= 1, peer.Log);
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
            Assert.True(phone.WaitFor(() => CallTests.StatusActive(phone, "PhoneHasMissedCalls"), a => a, 15000), phone.Get("api/status").Body);
        }

        [SkippableFact]
        public void AnAnonymousCallReachesBaresipWithoutTheCallersIdentity()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var peer = new Baresip("200");
            phone.Set("user_anonymous_call", "on", 1);
            Assert.True(phone.WaitFor(() => CallTests.StatusActive(phone, "AnonymousIdOn"), a => a, 15000));

            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + peer.Uri + "\"}").Status);
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));
            Assert.True(peer.WaitForLines("From: \"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=") >= 1, peer.Log);
            Assert.True(peer.WaitForLines("Privacy: id") >= 1, peer.Log);
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(peer.WaitForEvent("CALL_CLOSED"), peer.Log);
        }
    }
}
