using DeskPhone.Sip.Session;

namespace DeskPhone.Sip.Tests.Stack
{
    public partial class CallSessionTests
    {
        // RFC 2543's hold, c=0.0.0.0 with the stream still sendrecv (older PBXs and phones): RFC 3264 8.4 sends neither
        // RTP nor RTCP to it, so the call is held by the other side; the next offer with an address resumes it.
        [Fact]
        public void AnOfferToAddress0000HoldsTheCallAndTheNextOfferWithAnAddressResumesIt()
        {
            string tag = Connected(out SipCall call);
            string zero = PeerSdp.Replace("c=IN IP4 10.0.0.9", "c=IN IP4 0.0.0.0");
            Arrive(Update(tag, 8, zero));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.EndsWith("\r\n\r\n" + Answer("sendrecv"), _channel.Last);
            Assert.True(call.RemoteHeld);
            Assert.Equal(SipCall.Connected, call.State);

            Arrive(Update(tag, 9, PeerSdp));
            Assert.EndsWith("\r\n\r\n" + Answer("sendrecv"), _channel.Last);
            Assert.False(call.RemoteHeld);
            Assert.Equal("10.0.0.9", call.MediaAddress);
        }
    }
}
