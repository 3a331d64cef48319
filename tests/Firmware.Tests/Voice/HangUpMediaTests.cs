using System.Collections.Generic;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// A call hung up by the other side (BYE) stops its media before the BYE's 200 is sent (RFC 3261 15.1.2): the RTP
    /// port is closed when the 200 goes out, and the call ends after it (docs/benchmarks.md, h-callcost: the media's
    /// buffers are let go before the 200's writer, the deepest point of the BYE's turn on the board's heap).
    /// </summary>
    public class HangUpMediaTests
    {
        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n" +
                                     "a=sendrecv\r\n";

        private readonly List<FakeRtpChannel> _channels = new List<FakeRtpChannel>();
        private readonly SipPhone _p;

        public HangUpMediaTests()
        {
            _p = new SipPhone(rtp: () => { var c = new FakeRtpChannel(); _channels.Add(c); return c; }, audio: new SilentAudio());
            _p.Run(100);
            _p.Register();
        }

        [Fact]
        public void AHungUpCallStopsItsMediaBeforeTheByesOkAndEndsAfterIt()
        {
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKu1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: u1\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " +
                              Offer.Length + "\r\n\r\n" + Offer);
            _p.Run(10);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(200);
            string ok = _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains("CSeq: 1 INVITE"));
            Assert.NotNull(ok);
            FakeRtpChannel rtp = _channels.Find(c => c.Remote == "10.0.0.7:4000");
            Assert.NotNull(rtp);
            Assert.NotEqual(-1, rtp.Port);

            int portAtOk = 0;
            bool inCallAtOk = false;
            _p.Channel.Sending = m =>
            {
                if (m.StartsWith("SIP/2.0 200 OK") && m.Contains("CSeq: 2 BYE"))
                {
                    portAtOk = rtp.Port;
                    inCallAtOk = _p.App.Calls.InCall;
                }
            };
            _p.Channel.Arrive("BYE sip:100@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKu2\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " + SipChannel.Header(ok, "To") + "\r\nCall-ID: u1\r\nCSeq: 2 BYE\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);

            // The 200 went out with the RTP port already closed, the call not yet ended; it ends after the packet.
            Assert.Equal(-1, portAtOk);
            Assert.True(inCallAtOk);
            Assert.False(_p.App.Calls.InCall);
        }
    }
}
