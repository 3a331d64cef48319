using System.Text;
using System.Text.Json;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>POST /api/calls/{id}/transfer and /park over the phone built by PhoneApp: the REFER on the wire, the call list, the errors.</summary>
    public class TransferRouteTests
    {
        private const string Sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

        private readonly SipPhone _p = new SipPhone();
        private readonly BenchRouter _router;

        public TransferRouteTests()
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

        /// <summary>Bob's call, answered from the bench and acknowledged (with the answer to the phone's offer).</summary>
        private void Connected()
        {
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKr1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: r1\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
            Call("POST", "/api/calls/0/answer");
            string to = SipChannel.Header(_p.Channel.Sent[^1], "To");
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " + to + "\r\nCall-ID: r1\r\nCSeq: 1 ACK\r\n" +
                              "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + Sdp.Length + "\r\n\r\n" + Sdp);
            _p.Run(10);
        }

        [Fact]
        public void TransferSendsTheReferAndTheListShowsItInProgressThenRefused()
        {
            Connected();
            var (status, body) = Call("POST", "/api/calls/1/transfer", "{\"to\":\"300\"}");
            Assert.Equal(200, status);
            Assert.Equal(1, JsonDocument.Parse(body).RootElement[0].GetProperty("transfer").GetInt32());
            string refer = _p.Channel.Sent[^1];
            Assert.StartsWith("REFER sip:555@10.0.0.1 SIP/2.0\r\n", refer);
            Assert.Equal("<sip:300@10.0.0.1>", SipChannel.Header(refer, "Refer-To"));

            _p.Answer(refer, 603);
            JsonElement call = JsonDocument.Parse(Call("GET", "/api/calls").Body).RootElement[0];
            Assert.Equal(603, call.GetProperty("transfer").GetInt32());
            Assert.Equal("connected", call.GetProperty("state").GetString());
        }

        [Theory]
        [InlineData("/api/calls/1/transfer", "{}", 400)]
        [InlineData("/api/calls/1/transfer", "{\"to\":\"no such target\"}", 400)]
        [InlineData("/api/calls/1/transfer", "{\"attended\":true}", 400)]
        [InlineData("/api/calls/7/transfer", "{\"to\":\"300\"}", 404)]
        [InlineData("/api/calls/1/park", null, 400)]
        public void BadTransfersAreJsonErrorsAndSendNothing(string path, string body, int expected)
        {
            Connected();
            int sent = _p.Channel.Sent.Count;
            var (status, text) = Call("POST", path, body);
            Assert.Equal(expected, status);
            Assert.NotNull(JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
            Assert.Equal(sent, _p.Channel.Sent.Count);
        }

        [Fact]
        public void ParkGoesToTheParkOrbit()
        {
            _p.Settings.Set("park_orbit", 0, "sip:park@10.0.0.1");
            Connected();
            Assert.Equal(200, Call("POST", "/api/calls/0/park").Status);
            Assert.Equal("<sip:park@10.0.0.1>", SipChannel.Header(_p.Channel.Sent[^1], "Refer-To"));
            Assert.True(_p.Phone.Statuses.IsActive(DeskPhone.Domain.Status.StatusId.TryParking));
        }
    }
}
