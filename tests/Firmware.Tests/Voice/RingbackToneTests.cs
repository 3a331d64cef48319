using System.Collections.Generic;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Tests.Audio;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// The ringback in the phone built by PhoneApp (fake SIP and media channels, virtual time): what the caller's
    /// speaker gets while the other side rings, told apart by frequency (Goertzel), in the scheme tone_scheme names.
    /// </summary>
    public class RingbackToneTests
    {
        /// <summary>Records every frame written to each call's speaker.</summary>
        private sealed class Speaker : ICallAudio, IAudioSink
        {
            public readonly List<short> Samples = new List<short>();
            private readonly SilentAudio _silence = new SilentAudio();
            public IAudioSource Source(int callId) => _silence;
            public IAudioSink Sink(int callId) => this;
            public void End(int callId) { }
            public void Write(short[] frame) => Samples.AddRange(frame);
        }

        // 160 samples tell frequencies about 50 Hz apart: each scheme is checked against candidates far from each other.
        private static readonly double[] Usa = { 350, 440, 480, 620, 1000 };
        private static readonly double[] Ger = { 350, 425, 620, 1000 };

        private readonly Speaker _speaker = new Speaker();
        private readonly SipPhone _p;

        public RingbackToneTests()
        {
            _p = new SipPhone(rtp: () => new FakeRtpChannel(), audio: _speaker);
            _p.Run(100);
            _p.Register();
        }

        private string Dial()
        {
            Assert.NotNull(_p.App.Calls.Dial(1, "200", _p.Now, out _));
            _p.Run(10);
            return _p.Last("INVITE");
        }

        private string State()
        {
            for (int i = 0; i < DeskPhone.Sip.Session.CallSessions.MaxCalls; i++)
            {
                if (_p.App.Calls.Sessions.Slot(i) != null)
                {
                    return DeskPhone.Domain.Calls.CallNames.State(_p.App.Calls.Sessions.Slot(i));
                }
            }
            return string.Join(" / ", _p.Channel.Sent.ConvertAll(m => m.Substring(0, m.IndexOf('\r'))));
        }

        /// <summary>How many 20 ms frames of samples[from..to) have <paramref name="hz"/> as their strongest candidate.</summary>
        private int Frames(double[] candidates, double hz, int from, int to)
        {
            short[] samples = _speaker.Samples.ToArray();
            int count = 0;
            for (int at = from; at + 160 <= to; at += 160)
            {
                if (Goertzel.Dominant(samples, at, 160, candidates) == hz)
                {
                    count++;
                }
            }
            return count;
        }

        [Fact]
        public void NothingPlaysWhileTheInviteIsOnlyTrying()
        {
            string invite = Dial();
            _p.Answer(invite, 100);
            _p.Run(1000);
            Assert.Empty(_speaker.Samples);
            Assert.Equal(-1, _p.App.Voice.Ringback.CallId);
        }

        [Fact]
        public void A180PlaysTheUsaRingbackInItsCadenceUntilTheCallIsAnswered()
        {
            string invite = Dial();
            _p.Answer(invite, 180);
            _p.Run(3000);
            // USA ringback: 440 + 480 Hz for 2 s, then 4 s of silence; 3 s of loop give 150 frames.
            Assert.InRange(_speaker.Samples.Count / 160, 149, 152);
            Assert.InRange(Frames(Usa, 440, 0, 2000 * 8) + Frames(Usa, 480, 0, 2000 * 8), 98, 100);
            Assert.Equal(0, Frames(Usa, 440, 2020 * 8, 3000 * 8) + Frames(Usa, 480, 2020 * 8, 3000 * 8));

            // Answered: the ringback stops.
            const string Sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n";
            _p.Channel.Arrive("SIP/2.0 200 OK\r\nVia: " + SipChannel.Header(invite, "Via") + "\r\nFrom: " + SipChannel.Header(invite, "From") +
                              "\r\nTo: " + SipChannel.Header(invite, "To") + ";tag=srv\r\nCall-ID: " + SipChannel.Header(invite, "Call-ID") +
                              "\r\nCSeq: " + SipChannel.Header(invite, "CSeq") + "\r\nContact: <sip:200@10.0.0.1>\r\n" +
                              "Content-Type: application/sdp\r\nContent-Length: " + Sdp.Length + "\r\n\r\n" + Sdp);
            _p.Run(10);
            string state = State();
            Assert.True(state == "connected", state);
            int before = _speaker.Samples.Count;
            _p.Run(5000);
            Assert.Equal(-1, _p.App.Voice.Ringback.CallId);
            // The media session plays what arrives (nothing: silence) from now on; no ringback any more.
            Assert.True(_speaker.Samples.Count - before >= 240 * 160);
            Assert.Equal(0, Frames(Usa, 440, before, _speaker.Samples.Count) + Frames(Usa, 480, before, _speaker.Samples.Count));
        }

        [Fact]
        public void TheToneSchemeChoosesTheCountrysRingback()
        {
            _p.Settings.Set("tone_scheme", 0, "GER");
            string invite = Dial();
            _p.Answer(invite, 180);
            _p.Run(1600);
            // GER: 425 Hz for 1 s, then 4 s off (USA's would still sound until 2 s).
            Assert.InRange(Frames(Ger, 425, 0, 1000 * 8), 48, 50);
            Assert.Equal(29, Frames(Ger, 0, 1020 * 8, 1600 * 8));
        }

        [Fact]
        public void HangingUpStopsTheToneBeforeTheCancelIsAnswered()
        {
            string invite = Dial();
            _p.Answer(invite, 180);
            _p.Run(500);
            Assert.NotEmpty(_speaker.Samples);
            _p.App.Calls.Hangup(0, _p.Now);
            Assert.NotNull(_p.Last("CANCEL"));
            int before = _speaker.Samples.Count;
            _p.Run(2000);
            Assert.Equal(before, _speaker.Samples.Count);
        }
    }
}
