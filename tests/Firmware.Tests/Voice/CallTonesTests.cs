using System.Collections.Generic;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Tests.Audio;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// The call progress tones in the phone built by PhoneApp (fake SIP and media channels, virtual time): what the
    /// speaker gets (ringback while the other side rings, busy or congestion after a refusal, dial tone on the dialing
    /// screen, call waiting mixed into a call), told apart by frequency (Goertzel) and cadence, in the scheme
    /// tone_scheme names.
    /// </summary>
    public class CallTonesTests
    {
        // 160 samples tell frequencies about 50 Hz apart: each scheme is checked against candidates far from each other.
        private static readonly double[] Usa = { 350, 440, 480, 620, 1000 };
        private static readonly double[] Ger = { 350, 425, 620, 1000 };

        private readonly RecordedAudio _speaker = new RecordedAudio();
        private readonly SipPhone _p;

        public CallTonesTests()
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
        private int Frames(double[] candidates, double hz, int from, int to) => Frames(_speaker.Samples, candidates, hz, from, to);

        private static int Frames(List<short> recorded, double[] candidates, double hz, int from, int to)
        {
            short[] samples = recorded.ToArray();
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
            Assert.Equal(-1, _p.App.Voice.ToneCallId);
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
            Assert.Equal(-1, _p.App.Voice.ToneCallId);
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
    
        private int Refuse(int status)
        {
            string invite = Dial();
            _p.Answer(invite, 180);
            _p.Run(500);
            int id = _p.App.Voice.ToneCallId;
            Assert.True(id > 0);
            _from = _speaker.Of(id).Count;
            _p.Answer(invite, status);
            return id;
        }

        private int _from;

        /// <summary>Frames of one period of a refusal tone: those wholly in its on part sound 480 + 620 Hz, those wholly in its off part are silent.</summary>
        private void AssertUsaPeriod(List<short> s, int start, int onMs, int offMs)
        {
            int on = Frames(s, Usa, 480, start, start + onMs * 8) + Frames(s, Usa, 620, start, start + onMs * 8);
            Assert.Equal(onMs / 20, on);
            int offFrom = start + (onMs + 19) / 20 * 160;
            int off = Frames(s, Usa, 0, offFrom, start + (onMs + offMs) * 8);
            Assert.Equal((start + (onMs + offMs) * 8 - offFrom) / 160, off);
        }

        [Fact]
        public void A486PlaysThreePeriodsOfBusyIntoTheCallsSpeakerThenLetsGoOfIt()
        {
            int id = Refuse(486);
            Assert.DoesNotContain(id, _speaker.Ended);
            Assert.Equal(2, _p.App.Voice.PlayingTone); // ToneKind.Busy
            _p.Run(4000);
            List<short> s = _speaker.Of(id);
            // USA busy: 480 + 620 Hz, 500 ms on and 500 ms off, three times (3 s = 150 frames), then nothing.
            Assert.InRange((s.Count - _from) / 160, 150, 151);
            for (int period = 0; period < 3; period++)
            {
                AssertUsaPeriod(s, _from + period * 8000, 500, 500);
            }
            Assert.Contains(id, _speaker.Ended);
            Assert.Equal(-1, _p.App.Voice.ToneCallId);
        }

        [Fact]
        public void A503PlaysCongestionTheFastCadence()
        {
            int id = Refuse(503);
            Assert.Equal(3, _p.App.Voice.PlayingTone); // ToneKind.Congestion
            _p.Run(3000);
            List<short> s = _speaker.Of(id);
            // USA congestion (reorder): 480 + 620 Hz, 250 ms on and 250 ms off, three periods (1.5 s = 75 frames).
            Assert.InRange((s.Count - _from) / 160, 75, 76);
            for (int period = 0; period < 3; period++)
            {
                AssertUsaPeriod(s, _from + period * 4000, 250, 250);
            }
            Assert.Contains(id, _speaker.Ended);
        }

        [Fact]
        public void ANotFoundPlaysNoToneAndTheCallsAudioGoesAtOnce()
        {
            int id = Refuse(404);
            Assert.Contains(id, _speaker.Ended);
            _p.Run(1000);
            Assert.Equal(_from, _speaker.Of(id).Count);
            Assert.Equal(-1, _p.App.Voice.ToneCallId);
        }

        [Fact]
        public void DialingAgainStopsTheBusyTone()
        {
            int id = Refuse(486);
            _p.Run(600);
            Dial();
            Assert.Contains(id, _speaker.Ended);
            int after = _speaker.Of(id).Count;
            _p.Run(1000);
            Assert.Equal(after, _speaker.Of(id).Count);
        }

        private void Key(int code, KeyAction action = KeyAction.Press)
        {
            _p.Phone.OnKey(code, action, _p.Now);
            if (action == KeyAction.Press && code != KeyCode.Hook)
            {
                _p.Phone.OnKey(code, KeyAction.Release, _p.Now);
            }
            _p.Run(10);
        }

        [Fact]
        public void TheDialingScreenOnTheLiftedHandsetPlaysTheDialToneUntilTheFirstDigit()
        {
            Key(KeyCode.Hook);
            _p.Run(1000);
            List<short> s = _speaker.Of(DeskPhone.Media.Audio.CallAudio.NoCall);
            // USA dial tone: 350 + 440 Hz, continuous.
            Assert.InRange(s.Count / 160, 50, 52);
            Assert.Equal(s.Count / 160, Frames(s, Usa, 350, 0, s.Count) + Frames(s, Usa, 440, 0, s.Count));
            Assert.DoesNotContain(DeskPhone.Media.Audio.CallAudio.NoCall, _speaker.Ended);

            Key(KeyCode.Digit1);
            Assert.Contains(DeskPhone.Media.Audio.CallAudio.NoCall, _speaker.Ended);
            int after = s.Count;
            _p.Run(1000);
            Assert.Equal(after, s.Count);
        }

        [Fact]
        public void NoDialToneWithoutADeviceOrOnceTheHandsetIsDown()
        {
            _p.App.Calls.Pad.Open();
            _p.Run(500);
            Assert.Empty(_speaker.Samples);
            Key(KeyCode.Hook);
            _p.Run(200);
            Assert.NotEmpty(_speaker.Samples);
            Key(KeyCode.Hook, KeyAction.Release);
            int after = _speaker.Samples.Count;
            _p.Run(500);
            Assert.Equal(after, _speaker.Samples.Count);
        }

        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n";

        [Fact]
        public void ASecondCallRingingMixesTheCallWaitingToneIntoTheConnectedCall()
        {
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKw1\r\n" +
                              "From: <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: w1\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " +
                              Offer.Length + "\r\n\r\n" + Offer);
            _p.Run(10);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(1000);
            int first = _p.App.Voice.Find(1) != null ? 1 : -1;
            Assert.Equal(1, first);
            List<short> s = _speaker.Of(first);
            // Nothing arrives: the session plays silence.
            Assert.Equal(0, Frames(s, Usa, 440, 0, s.Count));
            int from = s.Count;

            _p.Invite("z9hG4bKw2", "w2", "<sip:777@10.0.0.1>");
            Assert.Equal(first, _p.App.Voice.WaitingCall);
            Assert.NotNull(_p.App.Voice.WaitingTone);
            _p.Run(2000);
            // USA call waiting: 440 Hz for 300 ms, then 10 s of silence; the call still plays 50 frames a second.
            Assert.InRange((s.Count - from) / 160, 100, 102);
            Assert.InRange(Frames(s, Usa, 440, from, from + 300 * 8), 14, 15);
            Assert.Equal(0, Frames(s, Usa, 440, from + 320 * 8, s.Count));

            // The waiting call rejected: no tone in the call any more.
            Assert.True(_p.App.Calls.Hangup(2, _p.Now));
            _p.Run(10);
            Assert.Equal(-1, _p.App.Voice.WaitingCall);
            // The generator goes with the waiting call (the next one makes its own).
            Assert.Null(_p.App.Voice.WaitingTone);
        }
    }
}
