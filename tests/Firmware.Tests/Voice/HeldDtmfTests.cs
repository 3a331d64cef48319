using System.Collections.Generic;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Rtp;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// DTMF keys of the phone held in a call (RFC 4733 2.5.1): the event goes out while the key is down, every 20 ms
    /// with the duration so far, the same timestamp and the marker on the first only; three end packets after the
    /// release; a quick tap still lasts 100 ms; the SIP INFO (user_dtmf_info) announces the time held. Checked on the
    /// RTP bytes the phone sent and the INFO bodies.
    /// </summary>
    public class HeldDtmfTests
    {
        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n" +
                                     "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

        private readonly List<FakeRtpChannel> _channels = new List<FakeRtpChannel>();
        private readonly SipPhone _p;

        public HeldDtmfTests()
        {
            _p = new SipPhone(rtp: () => { var c = new FakeRtpChannel(); _channels.Add(c); return c; }, audio: new SilentAudio());
            _p.Run(100);
            _p.Register();
        }

        private void Answer()
        {
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKh1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: h1\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " +
                              Offer.Length + "\r\n\r\n" + Offer);
            _p.Run(10);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(200);
        }

        private void Key(int code, KeyAction action) => _p.Phone.OnKey(code, action, _p.Now);

        private static int Sequence(byte[] d) => (d[2] << 8) | d[3];

        private static uint Timestamp(byte[] d) => (uint)((d[4] << 24) | (d[5] << 16) | (d[6] << 8) | d[7]);

        private List<(byte[] Data, string To)> Sent => _channels[0].Sent;

        private int FirstEvent(int from, int code) => Sent.FindIndex(from, s => (s.Data[1] & 0x7F) == 101 && s.Data[12] == code);

        /// <summary>
        /// Checks the event packets from <paramref name="first"/> on byte for byte, following the packet before them in
        /// the stream (same SSRC, the next sequence numbers), with the event's timestamp <paramref name="start"/>: one
        /// run of updates (duration 160, 320, ...), then three ends; returns the number of updates.
        /// </summary>
        private int CheckEvent(int first, int code, uint start)
        {
            byte[] before = Sent[first - 1].Data;
            int updates = 0, ends = 0, duration = 0;
            for (int i = first; ends < 3; i++)
            {
                byte[] d = Sent[i].Data;
                Assert.Equal(16, d.Length);
                Assert.Equal(0x80, d[0]);
                Assert.Equal(i == first ? 0x80 | 101 : 101, d[1]);
                Assert.Equal((Sequence(before) + (i - first + 1)) & 0xFFFF, Sequence(d));
                Assert.Equal(start, Timestamp(d));
                Assert.Equal(new[] { before[8], before[9], before[10], before[11] }, new[] { d[8], d[9], d[10], d[11] });
                bool end = ends > 0 || (updates > 0 && d[13] == 0x8A);
                if (end)
                {
                    ends++;
                }
                else
                {
                    duration = 160 * ++updates;
                }
                // Event, E bit and volume 10, duration in network order.
                Assert.Equal(new byte[] { (byte)code, (byte)(end ? 0x8A : 0x0A), (byte)(duration >> 8), (byte)duration },
                             new[] { d[12], d[13], d[14], d[15] });
            }
            return updates;
        }

        /// <summary>One event after audio: its timestamp is where the audio's clock stood, and audio follows its ends on that clock.</summary>
        private int CheckEventAfterAudio(int from, int code)
        {
            int first = FirstEvent(from, code);
            Assert.True(first >= from && first > 0, "the event after audio");
            Assert.Equal(0, Sent[first - 1].Data[1] & 0x7F);
            uint start = Timestamp(Sent[first - 1].Data) + 160;
            int updates = CheckEvent(first, code, start);
            byte[] after = Sent[first + updates + 3].Data;
            Assert.Equal(0, after[1] & 0x7F);
            Assert.Equal(start + (uint)(160 * (updates + 3)), Timestamp(after));
            return updates;
        }

        [Fact]
        public void AHeldKeySendsItsEventUntilReleasedThenThreeEnds()
        {
            Answer();
            int from = _channels[0].Sent.Count;
            Key(KeyCode.Digit5, KeyAction.Press);
            _p.Run(600);
            // Still held: updates only, no end yet.
            Assert.DoesNotContain(_channels[0].Sent.GetRange(from, _channels[0].Sent.Count - from), s => s.Data.Length == 16 && s.Data[13] == 0x8A);
            Key(KeyCode.Digit5, KeyAction.Release);
            _p.Run(300);
            int updates = CheckEventAfterAudio(from, 5);
            // 600 ms held: 30 packets of 20 ms, give or take the one the release falls in.
            Assert.InRange(updates, 29, 31);
        }

        [Fact]
        public void AQuickTapLastsTheMinimum100Ms()
        {
            Answer();
            int from = _channels[0].Sent.Count;
            Key(KeyCode.Star, KeyAction.Press);
            Key(KeyCode.Star, KeyAction.Release);
            _p.Run(400);
            Assert.Equal(5, CheckEventAfterAudio(from, 10));
        }

        [Fact]
        public void ASecondKeyEndsTheFirstAndFollowsIt()
        {
            Answer();
            int from = _channels[0].Sent.Count;
            Key(KeyCode.Digit1, KeyAction.Press);
            _p.Run(200);
            Key(KeyCode.Digit2, KeyAction.Press);
            _p.Run(200);
            Key(KeyCode.Digit1, KeyAction.Release);
            Key(KeyCode.Digit2, KeyAction.Release);
            _p.Run(400);
            // The first ended when the second went down (200 ms); the second starts right after its ends, on the
            // stream's clock, and lasts from then until its release.
            int first = FirstEvent(from, 1);
            uint start = Timestamp(Sent[first - 1].Data) + 160;
            int updates = CheckEvent(first, 1, start);
            Assert.InRange(updates, 9, 11);
            int second = first + updates + 3;
            Assert.Equal(second, FirstEvent(from, 2));
            Assert.InRange(CheckEvent(second, 2, start + (uint)(160 * (updates + 3))), 6, 8);
        }

        /// <summary>The bodies of the INFOs the phone sent, each once.</summary>
        private List<string> InfoBodies()
        {
            var seen = new HashSet<string>();
            return _p.Channel.Sent.FindAll(m => m.StartsWith("INFO ") && seen.Add(SipChannel.Header(m, "CSeq"))).ConvertAll(SipChannel.Body);
        }

        [Fact]
        public void SipInfoAnnouncesTheTimeHeldAtTheRelease()
        {
            Assert.Null(_p.Settings.Set("user_dtmf_info", 1, "sip_info_only"));
            Answer();
            int from = _channels[0].Sent.Count;
            Key(KeyCode.Hash, KeyAction.Press);
            _p.Run(450);
            Assert.Empty(InfoBodies());
            Key(KeyCode.Hash, KeyAction.Release);
            _p.Run(10);
            Assert.Equal(new[] { "Signal=#\r\nDuration=450\r\n" }, InfoBodies());
            Assert.DoesNotContain(_channels[0].Sent.GetRange(from, _channels[0].Sent.Count - from), s => (s.Data[1] & 0x7F) == 101);
        }

        [Fact]
        public void SipInfoOfAQuickTapSaysTheMinimum()
        {
            Assert.Null(_p.Settings.Set("user_dtmf_info", 1, "on"));
            Answer();
            Key(KeyCode.Digit9, KeyAction.Press);
            _p.Run(10);
            Key(KeyCode.Digit9, KeyAction.Release);
            _p.Run(10);
            Assert.Equal(new[] { "Signal=9\r\nDuration=100\r\n" }, InfoBodies());
        }
    }
}
