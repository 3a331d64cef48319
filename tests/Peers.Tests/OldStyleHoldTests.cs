using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The other side holds the call the RFC 2543 way, as older PBXs and phones still do: a re-INVITE whose SDP has the
    /// connection address 0.0.0.0 (sipp's hold-zero.xml). RFC 3264 8.4: an agent MUST take such SDP and then send
    /// neither RTP nor RTCP; for the user it is a hold by the other side, as a sendonly or inactive offer.
    /// </summary>
    public class OldStyleHoldTests
    {
        [SkippableFact]
        public void AReInviteToAddress0000IsAHoldByTheOtherSideAndNoRtpGoes()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            // Where the phone's RTP would go: on Linux a datagram to 0.0.0.0 is delivered to the host itself.
            using var held = new DialogTests.RtpListener();
            using var sipp = new Sipp("hold-zero.xml", phone.SipPort, "-key hold_port " + held.Port);
            Assert.True(phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 15000) == "incoming", "the phone does not ring:\n" + sipp.Log);
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);

            JsonElement call = phone.WaitFor(() => CallTests.Calls(phone)[0], c => c.GetProperty("remoteHeld").GetBoolean(), 15000);
            Assert.True(call.GetProperty("remoteHeld").GetBoolean(), "the 0.0.0.0 re-INVITE is no hold:\n" + call + "\n" + sipp.Log);
            Assert.Equal("connected", call.GetProperty("state").GetString());
            Assert.Contains("Held by carol", phone.WaitFor(() => phone.Screen(), t => t.Contains("Held by")));
            JsonElement media = CallTests.Calls(phone)[0].GetProperty("media");
            Assert.True(media.ValueKind != JsonValueKind.Object || !media.GetProperty("active").GetBoolean(), "the media goes on:\n" + media);
            Assert.False(held.Received(2000), "RTP sent toward 0.0.0.0");

            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(sipp.WaitForExit(30000) == 0, "sipp failed:\n" + sipp.Log + phone.Errors);
        }
    }
}
