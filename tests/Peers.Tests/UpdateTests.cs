using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// UPDATE from the other side (RFC 3311, docs/calls.md "UPDATE"), scripted with sipp against the simulator on
    /// loopback: sipp checks the phone's answers (recvonly to a sendonly offer, no body to a refresh, sendrecv to the
    /// resume); the test reads the hold and the resume on the bench.
    /// </summary>
    public class UpdateTests
    {
        private static bool RemoteHeld(PhoneUnderTest phone)
        {
            JsonElement[] calls = CallTests.Calls(phone);
            return calls.Length > 0 && calls[0].GetProperty("remoteHeld").GetBoolean();
        }

        [SkippableFact]
        public void AnUpdateHoldsTheCallAnotherRefreshesItAndAThirdResumesIt()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var sipp = new Sipp("update.xml", phone.SipPort);
            Assert.True(phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 15000) == "incoming", "the phone does not ring:\n" + sipp.Log);
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);

            // sipp holds for 6 s after its UPDATE's 200, then refreshes and resumes.
            Assert.True(phone.WaitFor(() => RemoteHeld(phone), held => held, 15000), "the UPDATE did not hold the call:\n" + sipp.Log + phone.Get("api/calls").Body);
            Assert.False(phone.WaitFor(() => RemoteHeld(phone), held => !held, 20000), "the UPDATE did not resume the call:\n" + sipp.Log);
            Assert.Equal("connected", CallTests.State(phone));
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(sipp.WaitForExit(60000) == 0, "sipp failed:\n" + sipp.Log + phone.Errors);
        }
    }
}
