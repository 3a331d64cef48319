using System;

namespace DeskPhone.Media.Tests.Audio
{
    /// <summary>
    /// The Goertzel filter: the power of one frequency in a block of 16-bit samples, to tell which tone a recording
    /// or a generated frame holds. Self-contained (tests/Peers.Tests compiles this file in as a link).
    /// </summary>
    public static class Goertzel
    {
        /// <summary>
        /// The power of <paramref name="frequency"/> in samples[offset .. offset+count), normalised so that a full-scale
        /// sine (amplitude 32,767) at that frequency gives about 1.0 and silence 0.0, whatever the block length.
        /// </summary>
        public static double Power(short[] samples, int offset, int count, double frequency, int sampleRate = 8000)
        {
            double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
            double previous = 0, beforePrevious = 0;
            for (int i = 0; i < count; i++)
            {
                double current = samples[offset + i] / 32768.0 + coefficient * previous - beforePrevious;
                beforePrevious = previous;
                previous = current;
            }

            double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
            // |X(k)|^2 of a sine of amplitude A over N samples is (A N / 2)^2.
            return power * 4 / ((double)count * count);
        }

        /// <summary>The power of <paramref name="frequency"/> over the whole array.</summary>
        public static double Power(short[] samples, double frequency, int sampleRate = 8000)
        {
            return Power(samples, 0, samples.Length, frequency, sampleRate);
        }

        /// <summary>
        /// The one of <paramref name="candidates"/> (frequencies in Hz) with the most power in the block, or 0 when none
        /// reaches <paramref name="minimumPower"/> (silence, or only other frequencies). The default threshold, 1e-4, is
        /// a sine of amplitude 328 (-40 dBFS).
        /// </summary>
        public static double Dominant(short[] samples, int offset, int count, double[] candidates, double minimumPower = 1e-4, int sampleRate = 8000)
        {
            double best = 0;
            double bestPower = minimumPower;
            for (int i = 0; i < candidates.Length; i++)
            {
                double power = Power(samples, offset, count, candidates[i], sampleRate);
                if (power >= bestPower)
                {
                    best = candidates[i];
                    bestPower = power;
                }
            }

            return best;
        }
    }
}
