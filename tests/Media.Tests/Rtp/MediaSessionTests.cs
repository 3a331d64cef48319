using System;
using System.Collections.Generic;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Dtmf;
using DeskPhone.Media.Rtp;
using DeskPhone.Media.Tests.Audio;

namespace DeskPhone.Media.Tests.Rtp
{
    /// <summary>
    /// A call's media session over fake channels in virtual time: what goes on the wire (RTP headers, G.711 payloads
    /// of the microphone's tone, RTCP every 5 s, to the address the media comes from) and what the speaker plays.
    /// </summary>
    public class MediaSessionTests
    {
        private sealed class Sine : IAudioSource
        {
            private readonly double _frequency;
            private int _n;
            public Sine(double frequency) => _frequency = frequency;

            public bool Read(short[] frame)
            {
                for (int i = 0; i < frame.Length; i++, _n++)
                {
                    frame[i] = (short)(8000 * Math.Sin(2 * Math.PI * _frequency * _n / AudioFrame.SampleRate));
                }
                return true;
            }
        }

        private sealed class Speaker : IAudioSink
        {
            public readonly List<short[]> Frames = new List<short[]>();
            public bool Keep = true;
            public int Count;

            public void Write(short[] frame)
            {
                Count++;
                if (Keep)
                {
                    Frames.Add((short[])frame.Clone());
                }
            }
        }

        private readonly FakeRtpChannel _rtp = new FakeRtpChannel();
        private readonly FakeRtpChannel _rtcp = new FakeRtpChannel();
        private readonly Speaker _speaker = new Speaker();
        private readonly MediaSession _session;
        private readonly Random _random = new Random(5);

        public MediaSessionTests()
        {
            _session = new MediaSession(_rtp, _rtcp);
        }

        private bool Start(int codec = 0) =>
            _session.Start(2, "192.0.2.20", 4000, 10004, G711Codec.ForPayloadType(codec), 101, new Sine(440), _speaker, _random);

        private void Run(long fromMs, long toMs, int stepMs = 5)
        {
            for (long t = fromMs; t <= toMs; t += stepMs)
            {
                _session.Poll(t);
            }
        }

        /// <summary>An RTP packet from the other side carrying 20 ms of a 1 kHz tone in PCMU.</summary>
        private static byte[] Packet(int sequence, uint timestamp, uint ssrc = 0x1234, int payloadType = 0)
        {
            var tone = new short[AudioFrame.Samples];
            for (int i = 0; i < tone.Length; i++)
            {
                tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * (timestamp + i) / AudioFrame.SampleRate));
            }
            var data = new byte[12 + 160];
            RtpPacket.Write(data, 0, false, payloadType, sequence & 0xFFFF, timestamp, ssrc);
            G711Codec.MuLaw.Encode(tone, tone.Length, data, 12);
            return data;
        }

        [Fact]
        public void ItOpensBothPortsAndSendsAFrameOfTheMicrophoneEvery20Ms()
        {
            Assert.True(Start());
            Assert.Equal(10004, _rtp.Port);
            Assert.Equal(10005, _rtcp.Port);
            Run(1000, 2000);
            Assert.Equal(51, _rtp.Sent.Count);
            var p = new RtpPacket();
            var samples = new short[AudioFrame.Samples];
            for (int i = 0; i < _rtp.Sent.Count; i++)
            {
                (byte[] data, string to) = _rtp.Sent[i];
                Assert.Equal("192.0.2.20:4000", to);
                Assert.True(p.Read(data, 0, data.Length));
                Assert.Equal(0, p.PayloadType);
                Assert.Equal(i == 0, p.Marker);
                Assert.Equal(160, p.PayloadLength);
                Assert.Equal(_session.Stream.Ssrc, p.Ssrc);
                RtpPacket first = new RtpPacket();
                first.Read(_rtp.Sent[0].Data, 0, 172);
                Assert.Equal((first.Sequence + i) & 0xFFFF, p.Sequence);
                Assert.Equal(unchecked(first.Timestamp + (uint)(160 * i)), p.Timestamp);
                G711Codec.MuLaw.Decode(data, 12, 160, samples);
                Assert.Equal(440, Goertzel.Dominant(samples, 0, samples.Length, new double[] { 440, 1000 }));
            }
        }

        [Fact]
        public void PcmaIsSentWithPayloadType8()
        {
            Assert.True(Start(8));
            Run(0, 0);
            var p = new RtpPacket();
            p.Read(_rtp.Sent[0].Data, 0, 172);
            Assert.Equal(8, p.PayloadType);
        }

        [Fact]
        public void WhatArrivesIsPlayedAndTheAnswerGoesWhereTheMediaCameFrom()
        {
            Assert.True(Start());
            long t = 0;
            for (int i = 0; i < 50; i++, t += 20)
            {
                _rtp.Arrive(Packet(500 + i, (uint)(i * 160)), "192.0.2.99:6000");
                Run(t, t + 15);
            }
            Assert.Equal("192.0.2.99:6000", _rtp.Sent[^1].To);
            Assert.True(_speaker.Frames.Count >= 48, "played " + _speaker.Frames.Count);
            int tone = 0;
            foreach (short[] frame in _speaker.Frames)
            {
                tone += Goertzel.Dominant(frame, 0, frame.Length, new double[] { 440, 1000 }) == 1000 ? 1 : 0;
            }
            // The first frames are silence while the buffer fills to its depth; the rest is the tone.
            Assert.InRange(tone, 50 - JitterBuffer.InitialDepth - 1, 50);
            Assert.Equal(50u, _session.Stream.Received);
            Assert.Equal(0, _session.Stream.Lost);
        }

        [Fact]
        public void TheLongestPacketTheDatagramBufferHoldsIsPlayed()
        {
            // 4 CSRCs and a 32-byte header extension (its 4-byte header and 28 bytes) before 20 ms of PCMU: 220 bytes,
            // the whole of MaxDatagram.
            Assert.True(Start());
            long t = 0;
            for (int i = 0; i < 20; i++, t += 20)
            {
                byte[] plain = Packet(700 + i, (uint)(i * 160));
                var data = new byte[12 + 16 + 32 + 160];
                Array.Copy(plain, data, 12);
                data[0] |= 0x10 | 0x04;
                data[12 + 16 + 3] = 7;
                Array.Copy(plain, 12, data, 12 + 16 + 32, 160);
                Assert.Equal(MediaSession.MaxDatagram, data.Length);
                _rtp.Arrive(data, "192.0.2.99:6000");
                Run(t, t + 15);
            }
            Assert.Equal(20u, _session.Stream.Received);
            Assert.InRange(_session.Played, 20 - JitterBuffer.InitialDepth, 20);
            Assert.Equal(1000, Goertzel.Dominant(_speaker.Frames[^1], 0, AudioFrame.Samples, new double[] { 440, 1000 }));
        }

        [Fact]
        public void APlainCallHoldsNothingOfWhatOnlySomeCallsUse()
        {
            // The tone mix, DTMF both ways and the received digits are one object made by the first of them (h-callobj).
            var rare = typeof(MediaSession).GetField("_rare", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
            Assert.True(Start());
            long t = 0;
            for (int i = 0; i < 20; i++, t += 20)
            {
                _rtp.Arrive(Packet(900 + i, (uint)(i * 160)), "192.0.2.99:6000");
                Run(t, t + 15);
            }
            Assert.Null(rare.GetValue(_session));
            Assert.True(_session.SendDigit('5'));
            Assert.NotNull(rare.GetValue(_session));
        }

        [Fact]
        public void ALostPacketIsConcealedWithTheLastFrameAtHalfLevel()
        {
            Assert.True(Start());
            long t = 0;
            for (int i = 0; i < 20; i++, t += 20)
            {
                if (i != 10)
                {
                    _rtp.Arrive(Packet(i, (uint)(i * 160)));
                }
                Run(t, t + 15);
            }
            Assert.Equal(1, _session.Jitter.Concealed);
            short[] concealed = null;
            for (int i = 1; i < _speaker.Frames.Count; i++)
            {
                short[] previous = _speaker.Frames[i - 1], frame = _speaker.Frames[i];
                bool half = true;
                for (int k = 0; k < frame.Length; k++) half &= frame[k] == (short)(previous[k] >> 1);
                if (half && Goertzel.Power(previous, 1000) > 0.01)
                {
                    concealed = frame;
                }
            }
            Assert.NotNull(concealed);
            Assert.Equal(1, _session.Stream.Lost);
        }

        [Fact]
        public void OtherPayloadTypesAndGarbageAreIgnored()
        {
            Assert.True(Start());
            _rtp.Arrive(Packet(1, 0, payloadType: 8));
            _rtp.Arrive(new byte[] { 1, 2, 3 });
            Run(0, 100);
            Assert.Equal(0u, _session.Stream.Received);
            Assert.Equal(0, _session.Jitter.Count);
            Assert.Equal(0, _session.Played);
            Assert.Equal("192.0.2.20:4000", _rtp.Sent[^1].To);
        }

        [Fact]
        public void ASenderReportGoesOutAfter2point5SecondsThenEvery5ToTheNextPort()
        {
            Assert.True(Start());
            Run(0, 2495);
            Assert.Empty(_rtcp.Sent);
            Run(2500, 7495);
            Assert.Single(_rtcp.Sent);
            Run(7500, 7500);
            Assert.Equal(2, _rtcp.Sent.Count);
            Assert.Equal("192.0.2.20:4001", _rtcp.Sent[0].To);
            Assert.Equal(200, _rtcp.Sent[0].Data[1]);
            Assert.Equal(0x80, _rtcp.Sent[0].Data[0]);
        }

        [Fact]
        public void StopClosesThePortsAndNothingMoreIsSent()
        {
            Assert.True(Start());
            Run(0, 100);
            int sent = _rtp.Sent.Count;
            _session.Stop();
            Assert.Equal(-1, _rtp.Port);
            Assert.Equal(-1, _rtcp.Port);
            Run(105, 1000);
            Assert.Equal(sent, _rtp.Sent.Count);
            // Resume (the same call): the same stream goes on, marked, its timestamp advanced by the time held.
            var last = new RtpPacket();
            last.Read(_rtp.Sent[^1].Data, 0, 172);
            Assert.True(Start());
            Run(2000, 2000);
            var next = new RtpPacket();
            next.Read(_rtp.Sent[^1].Data, 0, 172);
            Assert.Equal(last.Ssrc, next.Ssrc);
            Assert.Equal((last.Sequence + 1) & 0xFFFF, next.Sequence);
            Assert.True(next.Marker);
            Assert.Equal((2000u - 100) * 8, next.Timestamp - last.Timestamp);
            // Another call on the session is a new stream.
            _session.Forget();
            Assert.True(_session.Start(3, "192.0.2.20", 4000, 10004, G711Codec.MuLaw, 101, new Sine(440), _speaker, _random));
            Run(3000, 3000);
            next.Read(_rtp.Sent[^1].Data, 0, 172);
            Assert.NotEqual(last.Ssrc, next.Ssrc);
        }

        [Fact]
        public void TheNextCallAfterTheLastSessionStoppedSendsAndPlaysG711AsBefore()
        {
            // Stopping the last session lets go of the G.711 tables; the next call's first frames build them again.
            for (int call = 0; call < 2; call++)
            {
                _speaker.Frames.Clear();
                int sent = _rtp.Sent.Count;
                Assert.True(_session.Start(10 + call, "192.0.2.20", 4000, 10004, G711Codec.MuLaw, 101, new Sine(440), _speaker, _random));
                long t = call * 10000;
                for (int i = 0; i < 20; i++, t += 20)
                {
                    _rtp.Arrive(Packet(100 * call + i, (uint)(i * 160), (uint)(0x1234 + call)), "192.0.2.99:6000");
                    Run(t, t + 15);
                }
                _session.Forget();
                Assert.True(_rtp.Sent.Count >= sent + 19, "call " + call + " sent " + (_rtp.Sent.Count - sent));
                var samples = new short[AudioFrame.Samples];
                G711Codec.MuLaw.Decode(_rtp.Sent[^1].Data, 12, 160, samples);
                Assert.Equal(440, Goertzel.Dominant(samples, 0, samples.Length, new double[] { 440, 1000 }));
                int tone = 0;
                foreach (short[] frame in _speaker.Frames)
                {
                    tone += Goertzel.Dominant(frame, 0, frame.Length, new double[] { 440, 1000 }) == 1000 ? 1 : 0;
                }
                Assert.InRange(tone, 20 - JitterBuffer.InitialDepth - 1, 20);
            }
        }

        [Fact]
        public void ATonePlayingWhenTheLastSessionStopsSoundsOn()
        {
            // The last session's stop lets go of the sine table; the tone's next frame builds it again.
            var tone = new DeskPhone.Media.Tones.ToneGenerator(DeskPhone.Media.Tones.ToneScheme.ForSetting("GER"), DeskPhone.Media.Tones.ToneKind.Dial);
            var frame = new short[AudioFrame.Samples];
            Assert.True(tone.Read(frame));
            Assert.True(Start());
            Run(0, 40);
            _session.Forget();
            Assert.True(tone.Read(frame));
            Assert.Equal(425, Goertzel.Dominant(frame, 0, frame.Length, new double[] { 350, 425, 440 }));
        }

        [Fact]
        public void StartingAgainWithTheSameMediaChangesNothing()
        {
            Assert.True(Start());
            _rtp.Arrive(Packet(1, 0), "192.0.2.99:6000");
            Run(0, 100);
            Assert.True(Start());
            Assert.Equal(10004, _rtp.Port);
            Run(105, 200);
            Assert.Equal("192.0.2.99:6000", _rtp.Sent[^1].To);
            Assert.Equal(11, _rtp.Sent.Count);
        }

        [Fact]
        public void APortThatCannotBeBoundLeavesTheCallWithoutMedia()
        {
            _rtcp.Refuse = true;
            Assert.False(Start());
            Assert.False(_session.Active);
            Assert.Equal(-1, _rtp.Port);
            Run(0, 100);
            Assert.Empty(_rtp.Sent);
        }

        [Fact]
        public void ASlowTurnCatchesUpABoundedNumberOfFramesAndTheTimestampFollowsTheClock()
        {
            Assert.True(Start());
            Run(0, 0);
            _session.Poll(1000);
            Assert.Equal(1 + MediaSession.MaxCatchUpFrames, _rtp.Sent.Count);
            _session.Poll(1000);
            _session.Poll(1020);
            var first = new RtpPacket();
            var last = new RtpPacket();
            first.Read(_rtp.Sent[0].Data, 0, 172);
            last.Read(_rtp.Sent[^1].Data, 0, 172);
            Assert.Equal(51u * 160, last.Timestamp - first.Timestamp);
            Assert.Equal(MediaSession.MaxCatchUpFrames + 1, (last.Sequence - first.Sequence) & 0xFFFF);
        }

        [Fact]
        public void ADigitGoesOutAsTelephoneEventsInPlaceOfTheAudioThenTheAudioGoesOn()
        {
            Assert.True(Start());
            Run(0, 100);
            Assert.True(_session.SendDigit('5'));
            Run(105, 1000);
            var p = new RtpPacket();
            var events = new List<RtpPacket>();
            int audioAfter = 0, previous = -1;
            uint eventTimestamp = 0;
            foreach ((byte[] data, string _) in _rtp.Sent)
            {
                var q = new RtpPacket();
                Assert.True(q.Read(data, 0, data.Length));
                Assert.True(previous < 0 || q.Sequence == ((previous + 1) & 0xFFFF), "the sequence runs on through the event");
                previous = q.Sequence;
                if (q.PayloadType == 101)
                {
                    Assert.Equal(4, q.PayloadLength);
                    Assert.Equal(5, TelephoneEvent.EventCode(data, q.PayloadOffset));
                    Assert.Equal(events.Count == 0, q.Marker);
                    eventTimestamp = events.Count == 0 ? q.Timestamp : eventTimestamp;
                    Assert.Equal(eventTimestamp, q.Timestamp);
                    events.Add(q);
                }
                else if (events.Count > 0)
                {
                    audioAfter++;
                }
            }
            // 100 ms of event (5 packets), then three ends.
            Assert.Equal(5 + DtmfSender.EndPackets, events.Count);
            Assert.True(audioAfter > 20);
        }

        [Fact]
        public void ReceivedEventsAreDigitsAndNotAudio()
        {
            Assert.True(Start());
            long t = 0;
            for (int i = 0; i < 20; i++, t += 20)
            {
                if (i >= 8 && i < 12)
                {
                    var e = new byte[16];
                    RtpPacket.Write(e, 0, i == 8, 101, i, 8 * 160, 0x1234);
                    TelephoneEvent.Write(e, 12, 11, i == 11, 10, (i - 7) * 160);
                    _rtp.Arrive(e);
                }
                else
                {
                    _rtp.Arrive(Packet(i, (uint)(i * 160)));
                }
                Run(t, t + 15);
            }
            Assert.Equal("#", _session.Digits);
            Assert.Equal(20u, _session.Stream.Received);
        }

        [Fact]
        public void TheNextCallStartsWithoutTheLastOnesDigitsAndItsFirstKeyStillGoesOut()
        {
            Assert.True(Start());
            _session.AddDigit('7');
            Assert.Equal("7", _session.Digits);
            // A key still waiting when the call ends does not go out in the next one.
            Assert.True(_session.SendDigit('1'));
            _session.Forget();
            Assert.True(_session.Start(3, "192.0.2.20", 4000, 10006, G711Codec.MuLaw, 101, new Sine(440), _speaker, _random));
            Assert.Equal("", _session.Digits);
            Run(0, 100);
            Assert.DoesNotContain(_rtp.Sent, s => s.Data[1] == 101 || s.Data[1] == (101 | 0x80));
            Assert.True(_session.SendDigit('9'));
            Run(105, 400);
            var events = _rtp.Sent.FindAll(s => (s.Data[1] & 0x7F) == 101);
            Assert.Equal(5 + DtmfSender.EndPackets, events.Count);
            Assert.All(events, s => Assert.Equal(9, TelephoneEvent.EventCode(s.Data, RtpPacket.HeaderBytes)));
        }

        [Fact]
        public void WithoutTelephoneEventNoDigitIsSent()
        {
            Assert.True(_session.Start(2, "192.0.2.20", 4000, 10004, G711Codec.MuLaw, -1, new Sine(440), _speaker, _random));
            Assert.False(_session.SendDigit('1'));
            Assert.True(Start());
            Assert.False(_session.SendDigit('x'));
        }

        /// <summary>The steady path (receive, jitter buffer, decode, play, encode, send, RTCP) allocates nothing.</summary>
        [Fact]
        public void TheSteadyPathAllocatesNothing()
        {
            _rtp.Keep = false;
            _rtcp.Keep = false;
            _speaker.Keep = false;
            Assert.True(Start());
            var packets = new byte[1000][];
            for (int i = 0; i < packets.Length; i++)
            {
                packets[i] = Packet(i, (uint)(i * 160));
            }
            long t = 0;
            for (int i = 0; i < 300; i++, t += 20)
            {
                _rtp.Arrive(packets[i]);
                Run(t, t + 15);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 300; i < 1000; i++, t += 20)
            {
                if (i % 97 != 0)
                {
                    _rtp.Arrive(packets[i]);
                }
                Run(t, t + 15);
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.True(_rtcp.SendCount >= 2);
            Assert.True(_session.Jitter.Concealed >= 5);
        }
    }
}
