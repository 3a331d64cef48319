namespace DeskPhone.Media.Tones
{
    /// <summary>
    /// One tone of a scheme: a repeating list of segments, each one or two frequencies (summed) or silence for a
    /// duration, at one level. Immutable; a <see cref="ToneGenerator"/> plays it.
    /// </summary>
    public sealed class ToneCadence
    {
        internal readonly int Amplitude;
        internal readonly int[] FirstHz;
        internal readonly int[] SecondHz;
        internal readonly int[] Samples;

        /// <summary>One period of the cadence in milliseconds (a continuous tone: its 1 s segment).</summary>
        public int PeriodMs
        {
            get
            {
                int samples = 0;
                for (int i = 0; i < Samples.Length; i++)
                {
                    samples += Samples[i];
                }
                return samples / (Audio.AudioFrame.SampleRate / 1000);
            }
        }

        /// <summary>
        /// Reads a tone list in the notation of Asterisk's indications.conf, the form the sources publish:
        /// elements "f1[+f2][/ms]" separated by commas, frequency 0 for silence; one element without a duration is a
        /// continuous tone (played in 1 s segments that join without a break).
        /// </summary>
        /// <param name="amplitude">peak of each frequency in 16-bit linear samples (dBm0 in <see cref="ToneScheme"/>)</param>
        internal ToneCadence(int amplitude, string list)
        {
            Amplitude = amplitude;
            char[] text = list.ToCharArray();
            int count = 1;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == ',')
                {
                    count++;
                }
            }

            FirstHz = new int[count];
            SecondHz = new int[count];
            Samples = new int[count];
            int at = 0;
            for (int segment = 0; segment < count; segment++)
            {
                FirstHz[segment] = Number(text, ref at);
                if (at < text.Length && text[at] == '+')
                {
                    at++;
                    SecondHz[segment] = Number(text, ref at);
                }

                int ms = 1000;
                if (at < text.Length && text[at] == '/')
                {
                    at++;
                    ms = Number(text, ref at);
                }

                Samples[segment] = ms * (Audio.AudioFrame.SampleRate / 1000);
                at++; // the comma
            }
        }

        private static int Number(char[] text, ref int at)
        {
            int value = 0;
            while (at < text.Length && text[at] >= '0' && text[at] <= '9')
            {
                value = value * 10 + (text[at] - '0');
                at++;
            }

            return value;
        }
    }
}
