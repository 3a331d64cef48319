using System.Text;
using System.Text.Json;
using DeskPhone.Drivers.Audio;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>/api/calls over the phone built by PhoneApp: list, dial, answer, hang up, and the errors.</summary>
    public class CallRoutesTests
    {
        private readonly SipPhone _p = new SipPhone();
        private readonly BenchRouter _router;

        public CallRoutesTests()
        {
            _router = new BenchRouter(_p.Phone, null, (code, action) => { }, null, null) { CallLayer = _p.App };
            _p.Run(100);
            _p.Register();
        }

        private (int Status, string Body) Call(string method, string path, string body = null)
        {
            BenchResponse r = _router.Handle(method, path, null, body == null ? null : Encoding.UTF8.GetBytes(body), null);
            return (r.Status, Encoding.UTF8.GetString(r.Body));
        }

        private void Ring()
        {
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKr1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: r1\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
        }

        [Fact]
        public void ARingingCallIsListedAndAnsweredThenHungUp()
        {
            Assert.Equal((200, "[]"), Call("GET", "/api/calls"));
            Ring();
            var (status, body) = Call("GET", "/api/calls");
            Assert.Equal(200, status);
            JsonElement call = JsonDocument.Parse(body).RootElement[0];
            Assert.Equal("incoming", call.GetProperty("direction").GetString());
            Assert.Equal("incoming", call.GetProperty("state").GetString());
            Assert.Equal("sip:555@10.0.0.1", call.GetProperty("remote").GetString());
            Assert.Equal("Bob", call.GetProperty("name").GetString());
            Assert.Equal(1, call.GetProperty("identity").GetInt32());
            int id = call.GetProperty("id").GetInt32();

            (status, body) = Call("POST", "/api/calls/" + id + "/answer");
            Assert.Equal(200, status);
            Assert.Equal("connected", JsonDocument.Parse(body).RootElement[0].GetProperty("state").GetString());
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _p.Channel.Sent[^1]);

            _p.Run(3000);
            Assert.Equal(3, JsonDocument.Parse(Call("GET", "/api/calls").Body).RootElement[0].GetProperty("duration").GetInt32());
            Assert.Equal((200, "[]"), Call("POST", "/api/calls/" + id + "/hangup"));
            Assert.StartsWith("BYE ", _p.Channel.Sent[^1]);
        }

        [Fact]
        public void AnAlertingCallSaysWhatTheRingerPlays()
        {
            var hw = new DeskPhone.Host.Simulated.SimulatedPhoneHardware();
            var p = new SipPhone(null, null, hw.Drivers);
            var router = new BenchRouter(p.Phone, null, (code, action) => { }, null, null) { CallLayer = p.App };
            p.Run(100);
            p.Register();
            JsonElement Listed(int i) => JsonDocument.Parse(Encoding.UTF8.GetString(router.Handle("GET", "/api/calls", null, null, null).Body)).RootElement[i];

            p.Settings.Set("presence_at_desk_delay", 0, "3");
            Assert.True(p.Phone.ChoosePresence(DeskPhone.Domain.Presence.PresenceState.AtTheDesk, p.Now));
            p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKr1\r\n" +
                             "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: r1\r\nCSeq: 1 INVITE\r\n" +
                             "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            p.Run(10);
            // At the desk: the call alerts, the ringer waits for the delay.
            Assert.Equal("silent", Listed(0).GetProperty("ringer").GetString());
            p.Run(3100);
            Assert.Equal("ring", Listed(0).GetProperty("ringer").GetString());
            Assert.Equal(Tones.Ring, hw.Drivers.Tones.Current);

            Assert.True(p.App.Calls.Answer(0, p.Now));
            Assert.False(Listed(0).TryGetProperty("ringer", out _));
        }

        [Fact]
        public void ACallsAudioIsTheSimulatorsAndAnUnknownCallIsNotFound()
        {
            Assert.Equal((404, "{\"error\":\"no call 7\"}"), Call("GET", "/api/calls/7/audio"));
            Assert.Equal(404, Call("GET", "/api/calls/x/audio").Status);
            Ring();
            int id = JsonDocument.Parse(Call("GET", "/api/calls").Body).RootElement[0].GetProperty("id").GetInt32();
            var (status, body) = Call("GET", "/api/calls/" + id + "/audio");
            Assert.Equal(501, status);
            Assert.Contains("simulator only", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        }

        // The INVITE had no offer: the answer to the phone's offer comes in the ACK.
        private const string Sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

        [Fact]
        public void HoldSendsAReInviteOnceTheAnswerIsAcknowledged()
        {
            Ring();
            Call("POST", "/api/calls/0/answer");
            Assert.Equal(400, Call("POST", "/api/calls/0/hold").Status);

            string ok = _p.Channel.Sent[^1];
            string to = SipChannel.Header(ok, "To");
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " + to + "\r\nCall-ID: r1\r\nCSeq: 1 ACK\r\n" +
                              "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + Sdp.Length + "\r\n\r\n" + Sdp);
            _p.Run(10);
            Assert.Equal(200, Call("POST", "/api/calls/0/hold").Status);
            Assert.StartsWith("INVITE sip:555@10.0.0.1 SIP/2.0\r\n", _p.Channel.Sent[^1]);
            Assert.EndsWith("a=sendonly\r\n", _p.Channel.Sent[^1]);
        }

        [Fact]
        public void TheLogListsMissedReceivedAndDialledCallsNewestFirst()
        {
            Ring();
            _p.Channel.Arrive("CANCEL sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKr1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: r1\r\nCSeq: 1 CANCEL\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
            Call("POST", "/api/calls", "{\"to\":\"200\"}");
            Call("POST", "/api/calls", "{\"to\":\"201\"}");

            JsonElement log = JsonDocument.Parse(Call("GET", "/api/calls/log").Body).RootElement;
            Assert.Equal(1, log.GetProperty("missedCount").GetInt32());
            Assert.Equal("Bob", log.GetProperty("missed")[0].GetProperty("name").GetString());
            Assert.Equal(0, log.GetProperty("received").GetArrayLength());
            Assert.Equal("sip:201@10.0.0.1", log.GetProperty("dialled")[0].GetProperty("remote").GetString());
            Assert.Equal("sip:200@10.0.0.1", log.GetProperty("dialled")[1].GetProperty("remote").GetString());

            Assert.Equal(200, Call("POST", "/api/calls/missed/clear").Status);
            Assert.Equal(0, JsonDocument.Parse(Call("GET", "/api/calls/log").Body).RootElement.GetProperty("missedCount").GetInt32());
        }

        [Fact]
        public void DialSendsAnInviteAndListsTheCall()
        {
            var (status, body) = Call("POST", "/api/calls", "{\"to\": \"200\"}");
            Assert.Equal(200, status);
            JsonElement call = JsonDocument.Parse(body).RootElement;
            Assert.Equal("outgoing", call.GetProperty("direction").GetString());
            Assert.Equal("dialing", call.GetProperty("state").GetString());
            Assert.Equal("sip:200@10.0.0.1", call.GetProperty("remote").GetString());
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", _p.Last("INVITE"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(180)]
        public void HangingUpADialledCallShowsCancellingAtOnce(int provisional)
        {
            JsonElement call = JsonDocument.Parse(Call("POST", "/api/calls", "{\"to\": \"200\"}").Body).RootElement;
            string invite = _p.Last("INVITE");
            if (provisional != 0)
            {
                _p.Answer(invite, provisional);
            }
            _p.Run(10);
            Assert.Contains("\n[call] <call> " + (provisional == 0 ? "Calling 200" : "Ringing: 200") + "\n", _p.App.Text.GetScreenText());

            Assert.Equal(200, Call("POST", "/api/calls/" + call.GetProperty("id").GetInt32() + "/hangup").Status);
            _p.Run(10);
            // Before, without a key pressed nothing redrew the call: "Calling 200" stayed up to Timer B (32 s) when no
            // provisional had come ("Ringing: 200" until the 487 otherwise).
            Assert.Contains("\n[call] <call> Cancelling 200\n", _p.App.Text.GetScreenText());
            Assert.Equal(provisional != 0, _p.Last("CANCEL") != null);

            _p.Answer(invite, provisional == 0 ? 100 : 487);
            if (provisional == 0)
            {
                Assert.StartsWith("CANCEL sip:200@10.0.0.1 SIP/2.0\r\n", _p.Last("CANCEL"));
                _p.Answer(invite, 487);
            }
            _p.Run(10);
            Assert.DoesNotContain("[call]", _p.App.Text.GetScreenText());
            Assert.Equal((200, "[]"), Call("GET", "/api/calls"));
            Assert.Equal(1, JsonDocument.Parse(Call("GET", "/api/calls/log").Body).RootElement.GetProperty("dialled").GetArrayLength());
        }

        [Theory]
        [InlineData("POST", "/api/calls", "{}", 400)]
        [InlineData("POST", "/api/calls", "{\"to\":\"200\",\"identity\":13}", 400)]
        [InlineData("POST", "/api/calls", "{\"to\":\"200\",\"identity\":2}", 400)]
        [InlineData("POST", "/api/calls/9/answer", null, 404)]
        [InlineData("POST", "/api/calls/x/answer", null, 400)]
        [InlineData("POST", "/api/calls/1234567890/answer", null, 400)]
        [InlineData("POST", "/api/calls/0/answer", null, 404)]
        [InlineData("POST", "/api/calls/1/transfer", null, 404)]
        [InlineData("DELETE", "/api/calls", null, 404)]
        [InlineData("POST", "/api/calls/0/hold", null, 404)]
        public void BadInputIsAJsonError(string method, string path, string body, int expected)
        {
            var (status, text) = Call(method, path, body);
            Assert.Equal(expected, status);
            Assert.NotNull(JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        }

        [Fact]
        public void AnsweringACallThatIsNotRingingIs400()
        {
            Call("POST", "/api/calls", "{\"to\":\"200\"}");
            var (status, text) = Call("POST", "/api/calls/1/answer");
            Assert.Equal(400, status);
            Assert.Contains("not ringing", text);
        }
    }
}
