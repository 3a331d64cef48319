using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Transfer between the simulator phone and two baresips on loopback (docs/calls.md): the phone calls A and
    /// transfers it to B (blind, REFER); B rings, A and B are connected and the phone's leg ends. And the bad input a
    /// peer can send: REFER and Replaces for dialogs the phone does not have, REFER without Refer-To (sipp).
    /// </summary>
    public class TransferTests
    {
        [SkippableFact]
        public void BlindTransferConnectsTheTwoBaresipsAndEndsThePhonesLeg()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var a = new Baresip("200");
            using var b = new Baresip("300");
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + a.Uri + "\"}").Status);
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));
            Assert.True(a.WaitForEvent("CALL_ESTABLISHED"), a.Log);
            int id = CallTests.Calls(phone)[0].GetProperty("id").GetInt32();

            var (status, body) = phone.Post("api/calls/" + id + "/transfer", "{\"to\":\"" + b.Uri + "\"}");
            Assert.True(status == 200, body);
            Assert.True(a.WaitForLines("REFER ") >= 1, a.Log);
            Assert.True(b.WaitForEvent("CALL_ESTABLISHED", 20000), "B never answered A:\n" + a.Log + "\n" + b.Log);

            // The phone's leg ends on the NOTIFY with the target's 200 (BYE to A); A and B stay connected.
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 20000));
            Assert.True(a.WaitForLines("BYE ") >= 1, a.Log);
            Assert.True(a.WaitForLines("NOTIFY ") >= 1, a.Log);
            Assert.Equal(0, b.EventCount("CALL_CLOSED"));
            JsonElement[] calls = CallTests.Calls(phone);
            Assert.Empty(calls);
        }

        [SkippableFact]
        public void ReferAndReplacesForNoDialogGet481AndAReferWithoutReferToGets400()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var carol = new Sipp("bad-transfer.xml", phone.SipPort);
            // The scenario's own call: answered once it rings (the bad requests before it rang nothing).
            Assert.True(phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 20000) == "incoming", carol.Log + phone.Errors);
            Assert.Single(CallTests.Calls(phone));
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);
            Assert.True(carol.WaitForExit(30000) == 0, carol.Log);
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
            // Nothing was dialled for the REFERs.
            JsonElement log = JsonDocument.Parse(phone.Get("api/calls/log").Body).RootElement;
            Assert.Equal(0, log.GetProperty("dialled").GetArrayLength());
        }
    }
}
