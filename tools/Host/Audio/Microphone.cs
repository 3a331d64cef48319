using System;
using DeskPhone.Media.Audio;

namespace DeskPhone.Host.Audio
{
    /// <summary>
    /// The simulator's microphone for one call: a sine tone (<c>--mic tone:440</c>), a WAV file played in a loop
    /// (<c>--mic FILE.wav</c>), or silence.
    /// </summary>
    public sealed class Microphone : IAudioSource
    {
        /// <summary>A tone's amplitude: -12 dBFS, loud and clear of G.711's clipping.</summary>
        public const short ToneAmplitude = 8192;

        private readonly double _frequency;
        private readonly short[] _samples;
        private long _position;

        private Microphone(double frequency, short[] samples)
        {
            _frequency = frequency;
            _samples = samples;
        }

        public static Microphone Tone(double frequency) => new Microphone(frequency, null);

        /// <summary>Plays <paramref name="samples"/> (a WAV file's) from the start, again and again.</summary>
        public static Microphone Loop(short[] samples) => new Microphone(0, samples);

        public static Microphone Silence() => new Microphone(0, null);

        public bool Read(short[] frame)
        {
            for (int i = 0; i < frame.Length; i++, _position++)
            {
                if (_samples != null)
                {
                    frame[i] = _samples.Length == 0 ? (short)0 : _samples[_position % _samples.Length];
                }
                else
                {
                    frame[i] = _frequency == 0 ? (short)0
                        : (short)Math.Round(ToneAmplitude * Math.Sin(2 * Math.PI * _frequency * _position / AudioFrame.SampleRate));
                }
            }
            return true;
        }
    }
}
