using System;

namespace DeskPhone.Media.Tests.Audio
{
    public class GoertzelTests
    {
        private static readonly double[] Candidates = { 440, 1000 };

        [Fact]
        public void A440HzAndA1kHzSineAreToldApart()
        {
            short[] low = Sine(440, 8000, 1600);
            short[] high = Sine(1000, 8000, 1600);

            Assert.Equal(440, Goertzel.Dominant(low, 0, low.Length, Candidates));
            Assert.Equal(1000, Goertzel.Dominant(high, 0, high.Length, Candidates));
            Assert.True(Goertzel.Power(low, 1000) < Goertzel.Power(low, 440) / 1000);
            Assert.True(Goertzel.Power(high, 440) < Goertzel.Power(high, 1000) / 1000);
        }

        [Fact]
        public void PowerOfASineIsItsSquaredAmplitudeAsAFractionOfFullScale()
        {
            short[] half = Sine(1000, 16384, 160);

            Assert.InRange(Goertzel.Power(half, 1000), 0.24, 0.26);
        }

        [Fact]
        public void SilenceHasNoPowerAndNoDominantFrequency()
        {
            var silence = new short[160];

            Assert.Equal(0.0, Goertzel.Power(silence, 440));
            Assert.Equal(0, Goertzel.Dominant(silence, 0, silence.Length, Candidates));
        }

        [Fact]
        public void AFrequencyThatIsNotACandidateIsNotReported()
        {
            short[] other = Sine(2500, 8000, 1600);

            Assert.Equal(0, Goertzel.Dominant(other, 0, other.Length, Candidates));
        }

        private static short[] Sine(double frequency, double amplitude, int count)
        {
            var samples = new short[count];
            for (int i = 0; i < count; i++)
            {
                samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / 8000));
            }

            return samples;
        }
    }
}
