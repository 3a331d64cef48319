using System;
using System.Collections.Generic;
using DeskPhone.Media.Audio;

namespace DeskPhone.Media.Tests.Audio
{
    /// <summary>The conference mixer as its two sessions drive it: what each party is sent, what the speaker plays.</summary>
    public class ConferenceMixerTests
    {
        private sealed class Microphone : IAudioSource
        {
            public short Level = 1000;
            public int Reads;

            public bool Read(short[] frame)
            {
                Reads++;
                Array.Fill(frame, Level);
                return true;
            }
        }

        private sealed class Speaker : IAudioSink
        {
            public readonly List<short[]> Frames = new List<short[]>();

            public void Write(short[] frame) => Frames.Add((short[])frame.Clone());
        }

        private readonly Microphone _mic = new Microphone();
        private readonly Speaker _speaker = new Speaker();
        private readonly ConferenceMixer _mixer;

        public ConferenceMixerTests()
        {
            _mixer = new ConferenceMixer(_mic, _speaker);
        }

        private static short[] Frame(short level)
        {
            var frame = new short[AudioFrame.Samples];
            Array.Fill(frame, level);
            return frame;
        }

        // One 20 ms turn of both sessions: each sends (reads its port), then plays what it received (writes its port).
        private (short[] ToFirst, short[] ToSecond) Turn(short fromFirst, short fromSecond, bool secondActive = true, bool firstActive = true)
        {
            var toFirst = new short[AudioFrame.Samples];
            var toSecond = new short[AudioFrame.Samples];
            if (firstActive)
            {
                _mixer.Source(0).Read(toFirst);
                _mixer.Sink(0).Write(Frame(fromFirst));
            }
            if (secondActive)
            {
                _mixer.Source(1).Read(toSecond);
                _mixer.Sink(1).Write(Frame(fromSecond));
            }
            return (toFirst, toSecond);
        }

        [Fact]
        public void EachPartyIsSentTheMicrophoneAndTheOtherPartyAndTheSpeakerPlaysBoth()
        {
            Turn(300, -200);
            var (toFirst, toSecond) = Turn(300, -200);
            Assert.All(toFirst, s => Assert.Equal(1000 - 200, s));
            Assert.All(toSecond, s => Assert.Equal(1000 + 300, s));
            // One microphone read and one speaker frame per 20 ms: the board's I2S parts are not drained twice.
            Assert.Equal(2, _mic.Reads);
            Assert.Equal(2, _speaker.Frames.Count);
            Assert.All(_speaker.Frames[1], s => Assert.Equal(300 - 200, s));
        }

        [Fact]
        public void SumsSaturateAtThe16BitLimits()
        {
            _mic.Level = 30000;
            Turn(20000, -30000);
            var (toFirst, toSecond) = Turn(20000, -30000);
            Assert.All(toSecond, s => Assert.Equal(short.MaxValue, s));
            Assert.All(toFirst, s => Assert.Equal(0, s));
            _mic.Level = -30000;
            (toFirst, _) = Turn(20000, -30000);
            Assert.All(toFirst, s => Assert.Equal(short.MinValue, s));
            Assert.All(_speaker.Frames[^1], s => Assert.Equal(-10000, s));
        }

        [Fact]
        public void MutedBothPartiesStillHearEachOther()
        {
            _mixer.Muted = true;
            Turn(300, -200);
            var (toFirst, toSecond) = Turn(300, -200);
            Assert.All(toFirst, s => Assert.Equal(-200, s));
            Assert.All(toSecond, s => Assert.Equal(300, s));
        }

        [Fact]
        public void APartyWhoseMediaStopsDropsOutOfTheMixAndTheOtherTakesTheLead()
        {
            Turn(300, -200);
            // The second call is held: its last frame is not repeated to the first party after StaleFrames frames.
            short[] toFirst = null;
            for (int i = 0; i <= ConferenceMixer.StaleFrames + 1; i++)
            {
                toFirst = Turn(300, 0, secondActive: false).ToFirst;
            }
            Assert.All(toFirst, s => Assert.Equal(1000, s));
            Assert.All(_speaker.Frames[^1], s => Assert.Equal(300, s));

            // The first is held instead: the second reads the microphone and plays the speaker itself.
            int reads = _mic.Reads;
            int played = _speaker.Frames.Count;
            short[] toSecond = null;
            for (int i = 0; i <= ConferenceMixer.StaleFrames + 1; i++)
            {
                toSecond = Turn(0, -200, firstActive: false).ToSecond;
            }
            Assert.All(toSecond, s => Assert.Equal(1000, s));
            Assert.True(_mic.Reads > reads, "the second party does not read the microphone");
            Assert.True(_speaker.Frames.Count > played, "nothing played while the first party is held");
            Assert.All(_speaker.Frames[^1], s => Assert.Equal(-200, s));
        }
    }
}
