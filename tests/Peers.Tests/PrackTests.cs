using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Reliable provisionals (RFC 3262, docs/calls.md "PRACK") scripted with sipp against the simulator on loopback.
    /// The scenarios check the phone's messages (Supported, the PRACK's RAck and CSeq, the ACK's and BYE's CSeq, the
    /// phone's reliable 180 and the 200, 400 and 481 to PRACKs); the tests add the phone's side on the bench.
    /// </summary>
    public class PrackTests
    {
        private const int ScenarioMs = 60000;

        [SkippableFact]
        public void AReliable183WithSdpIsPrackedAndItsEarlyMediaPlaysUntilThe200()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var sipp = new Sipp("prack-uas.xml", 0, "-key early_port " + LoopbackPorts.FreeUdp());
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"sip:bob@127.0.0.1:" + sipp.Port + "\"}").Status);

            Assert.True(phone.WaitFor(() => EarlyMedia(phone), early => early, 15000), "no early media from the reliable 183:\n" + sipp.Log + phone.Get("api/calls").Body);
            Assert.Equal("ringing", CallTests.State(phone));
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(sipp.WaitForExit(ScenarioMs) == 0, "sipp failed:\n" + sipp.Log + phone.Errors);
        }

        [SkippableFact]
        public void AnInviteRequiring100relGetsAReliable180WhosePrackGets200ThenTheAnswer()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var sipp = new Sipp("prack-uac.xml", phone.SipPort);
            Assert.True(phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 15000) == "incoming", "the phone does not ring:\n" + sipp.Log);
            // sipp's PRACKs (the good one 200, a bad one 400, one of no dialog 481) come before the answer it waits for:
            // answered before the last one's 481 reached sipp, the scenario would get the INVITE's 200 out of turn (a
            // fixed 1.5 s wait for them failed so when sipp or the phone was slow on a loaded machine).
            Assert.True(sipp.WaitForReceived("SIP/2.0 481"), "sipp's PRACKs were not all answered:\n" + sipp.Log + phone.Errors);
            Assert.Equal("incoming", CallTests.State(phone));
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(sipp.WaitForExit(ScenarioMs) == 0, "sipp failed:\n" + sipp.Log + phone.Errors);
        }

        private static bool EarlyMedia(PhoneUnderTest phone)
        {
            JsonElement[] calls = CallTests.Calls(phone);
            return calls.Length > 0 && calls[0].GetProperty("earlyMedia").GetBoolean();
        }
    }
}
