using System;
using System.Collections.Generic;
using System.Linq;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Tests.Audio;
using DeskPhone.Media.Tones;

namespace DeskPhone.Media.Tests.Tones
{
    /// <summary>
    /// Each scheme's tones as heard: the generated frames are compared with the published tone lists (ITU-T E.180
    /// Supplement 2 as Asterisk's indications.conf.sample writes them: "f1[+f2]/ms" on, "0/ms" silence, no duration for
    /// a continuous tone). Goertzel finds the listed frequencies in every on-segment and the off-segments are silent,
    /// frame by frame, over two periods of the cadence.
    /// </summary>
    public class ToneGeneratorTests
    {
        public static IEnumerable<object[]> Tones()
        {
            var lists = new Dictionary<string, string[]>
            {
                // dial, ringback, busy, congestion, call waiting
                ["USA"] = new[] { "350+440", "440+480/2000,0/4000", "480+620/500,0/500", "480+620/250,0/250", "440/300,0/10000" },
                ["GER"] = new[] { "425", "425/1000,0/4000", "425/480,0/480", "425/240,0/240", "425/200,0/200,425/200,0/5000" },
                ["UK"] = new[] { "350+440", "400+450/400,0/200,400+450/400,0/2000", "400/375,0/375", "400/400,0/350,400/225,0/525", "400/100,0/4000" },
                ["FRA"] = new[] { "440", "440/1500,0/3500", "440/500,0/500", "440/250,0/250", "440/300,0/10000" },
                ["ITA"] = new[] { "425/200,0/200,425/600,0/1000", "425/1000,0/4000", "425/500,0/500", "425/200,0/200", "425/400,0/100,425/250,0/100,425/150,0/14000" },
                ["NLD"] = new[] { "425", "425/1000,0/4000", "425/500,0/500", "425/250,0/250", "425/500,0/9500" },
                ["SWI"] = new[] { "425", "425/1000,0/4000", "425/500,0/500", "425/200,0/200", "425/200,0/200,425/200,0/4000" },
                ["SWE"] = new[] { "425", "425/1000,0/5000", "425/250,0/250", "425/250,0/750", "425/200,0/500,425/200,0/9100" },
                ["AUS"] = new[] { "413+438", "413+438/400,0/200,413+438/400,0/2000", "425/375,0/375", "425/375,0/375,420/375,0/375", "425/200,0/200,425/200,0/4400" },
                ["JPN"] = new[] { "400", "400/1000,0/2000", "400/500,0/500", "400/500,0/500", "400/500,0/8000" },
            };
            foreach (var scheme in lists)
            {
                for (int kind = 0; kind < 5; kind++)
                {
                    yield return new object[] { scheme.Key, (ToneKind)kind, scheme.Value[kind] };
                }
            }
        }

        private static readonly double[] Candidates = { 350, 400, 413, 420, 425, 438, 440, 450, 480, 620, 1000 };

        [Theory]
        [MemberData(nameof(Tones))]
        public void EveryToneSoundsAsItsPublishedListFrameByFrame(string scheme, ToneKind kind, string list)
        {
            Segment[] segments = Parse(list);
            bool continuous = segments.Length == 1 && segments[0].Samples == 0;
            int period = continuous ? 8000 : segments.Sum(s => s.Samples);
            int frames = (2 * period + AudioFrame.Samples - 1) / AudioFrame.Samples;

            var generator = new ToneGenerator(ToneScheme.ForSetting(scheme), kind);
            var audio = new short[frames * AudioFrame.Samples];
            var frame = new short[AudioFrame.Samples];
            for (int f = 0; f < frames; f++)
            {
                Assert.True(generator.Read(frame));
                Array.Copy(frame, 0, audio, f * AudioFrame.Samples, frame.Length);
            }

            if (continuous)
            {
                AssertSounds(audio, 0, audio.Length, segments[0], scheme + " " + kind + " (continuous)");
                return;
            }

            // Where each sample should be: the segment it falls in, cadence repeated.
            var segmentOf = new int[audio.Length];
            for (int at = 0, s = 0, left = segments[0].Samples; at < audio.Length; at++, left--)
            {
                if (left == 0)
                {
                    s = (s + 1) % segments.Length;
                    left = segments[s].Samples;
                }

                segmentOf[at] = s;
            }

            // Frames wholly inside a silent segment are silent; frames wholly inside a sounding one carry sound.
            int checkedFrames = 0;
            for (int f = 0; f < frames; f++)
            {
                int first = f * AudioFrame.Samples, last = first + AudioFrame.Samples - 1;
                if (segmentOf[first] != segmentOf[last] || (last - first + 1) > CountRun(segmentOf, first))
                {
                    continue; // the frame holds a cadence edge
                }

                Segment expected = segments[segmentOf[first]];
                double energy = 0;
                for (int i = first; i <= last; i++)
                {
                    energy += (double)audio[i] * audio[i];
                }

                if (expected.FirstHz == 0)
                {
                    Assert.True(energy == 0, scheme + " " + kind + ": frame " + f + " (" + f * 20 + " ms) should be silent");
                }
                else
                {
                    Assert.True(energy > 0, scheme + " " + kind + ": frame " + f + " (" + f * 20 + " ms) should sound");
                }

                checkedFrames++;
            }

            Assert.True(checkedFrames > frames / 2, "too few frames away from the cadence edges");

            // Each sounding segment (every repetition) holds its listed frequencies at the scheme's level.
            for (int at = 0; at < audio.Length;)
            {
                int run = CountRun(segmentOf, at);
                Segment expected = segments[segmentOf[at]];
                if (expected.FirstHz != 0 && at + run <= audio.Length && (at == 0 || segmentOf[at - 1] != segmentOf[at]))
                {
                    AssertSounds(audio, at, run, expected, scheme + " " + kind + " segment at " + at / 8 + " ms");
                }

                at += run;
            }
        }

        [Fact]
        public void SchemesAreFoundByTheSettingsValueInAnyCaseAndUnknownValuesByNone()
        {
            Assert.Equal("GER", ToneScheme.ForSetting("ger").Name);
            Assert.Equal("UK", ToneScheme.ForSetting("UK").Name);
            Assert.Null(ToneScheme.ForSetting("Mars"));
            Assert.Null(ToneScheme.ForSetting(""));
            Assert.Null(ToneScheme.ForSetting(null));
        }

        [Fact]
        public void RestartBeginsTheCadenceAgain()
        {
            var busy = new ToneGenerator(ToneScheme.ForSetting("GER"), ToneKind.Busy);
            var first = new short[AudioFrame.Samples];
            var frame = new short[AudioFrame.Samples];
            busy.Read(first);
            for (int i = 0; i < 30; i++)
            {
                busy.Read(frame); // into the first silence (480 ms on)
            }

            Assert.All(frame, s => Assert.Equal(0, s));
            busy.Restart();
            busy.Read(frame);
            Assert.Equal(first, frame);
        }

        [Fact]
        public void UsaLevelsFollowThePreciseTonePlan()
        {
            // dBm0 from the Goertzel power: 0 dBm0 is the G.711 digital milliwatt, peak 22,580 of 32,768 (-3.17 dBFS).
            Assert.InRange(LevelDbm0("USA", ToneKind.Dial, 350), -13.5, -12.5);
            Assert.InRange(LevelDbm0("USA", ToneKind.Ringback, 440), -19.5, -18.5);
            Assert.InRange(LevelDbm0("USA", ToneKind.Busy, 620), -24.5, -23.5);
            Assert.InRange(LevelDbm0("GER", ToneKind.Dial, 425), -10.5, -9.5);
        }

        private static double LevelDbm0(string scheme, ToneKind kind, double hz)
        {
            var generator = new ToneGenerator(ToneScheme.ForSetting(scheme), kind);
            var frame = new short[AudioFrame.Samples];
            var audio = new short[10 * AudioFrame.Samples];
            for (int f = 0; f < 10; f++)
            {
                generator.Read(frame);
                Array.Copy(frame, 0, audio, f * AudioFrame.Samples, frame.Length);
            }

            double power = Goertzel.Power(audio, hz);
            return 10 * Math.Log10(power) - 20 * Math.Log10(22580.0 / 32768);
        }

        private static int CountRun(int[] segmentOf, int at)
        {
            int run = 1;
            while (at + run < segmentOf.Length && segmentOf[at + run] == segmentOf[at])
            {
                run++;
            }

            return run;
        }

        private static void AssertSounds(short[] audio, int offset, int count, Segment expected, string what)
        {
            var listed = new List<double> { expected.FirstHz };
            if (expected.SecondHz != 0)
            {
                listed.Add(expected.SecondHz);
            }

            double dominant = Goertzel.Dominant(audio, offset, count, Candidates);
            Assert.True(listed.Contains(dominant), what + ": dominant " + dominant + " Hz, listed " + string.Join("+", listed));
            double weakest = double.MaxValue;
            foreach (double hz in listed)
            {
                // Each listed frequency at least at -24 dBm0 (the quietest level of any scheme), less 1 dB.
                double power = Goertzel.Power(audio, offset, count, hz);
                Assert.True(power > Math.Pow(1425 * 0.89 / 32768.0, 2), what + ": " + hz + " Hz power " + power);
                weakest = Math.Min(weakest, power);
            }

            // Other frequencies more than 30 Hz away: only the listed ones' leakage (the block is cut out with a
            // rectangular window, whose side lobes reach about -21 dB at 4 bins in the shortest, 100 ms, segments).
            foreach (double hz in Candidates.Where(c => listed.All(l => Math.Abs(l - c) > 30)))
            {
                double power = Goertzel.Power(audio, offset, count, hz);
                Assert.True(power < weakest / 30, what + ": " + hz + " Hz should be absent (" + power + " against " + weakest + ")");
            }
        }

        private sealed class Segment
        {
            public int FirstHz;
            public int SecondHz;
            public int Samples;
        }

        private static Segment[] Parse(string list)
        {
            return list.Split(',').Select(element =>
            {
                string[] parts = element.Split('/');
                string[] hz = parts[0].Split('+');
                return new Segment
                {
                    FirstHz = int.Parse(hz[0]),
                    SecondHz = hz.Length > 1 ? int.Parse(hz[1]) : 0,
                    Samples = parts.Length > 1 ? int.Parse(parts[1]) * 8 : 0,
                };
            }).ToArray();
        }
    }
}
