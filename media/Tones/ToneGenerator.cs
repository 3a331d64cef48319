using System;
using DeskPhone.Media.Audio;

namespace DeskPhone.Media.Tones
{
    /// <summary>
    /// Plays one tone of a scheme as 20 ms frames, its cadence repeating for as long as frames are read. Cheap on the
    /// interpreter: a 32-bit phase accumulator per frequency indexes a 256-entry sine table (spurs near -48 dB,
    /// inaudible in a call progress tone); no floating point per sample, no allocation per frame.
    /// </summary>
    public sealed class ToneGenerator : IAudioSource
    {
        // One period of a sine, peak 32,767, built once by the recurrence sin(n+1) = 2 cos(w) sin(n) - sin(n-1) with
        // w = 2 pi / 256 (System.Math would add an assembly to the image for two constants). Built by the first frame
        // read, not at boot (nanoCLR runs every static constructor then): an idle phone keeps no tone table.
        private static short[] _sine;

        /// <summary>Its frequencies and cadence.</summary>
        public readonly ToneCadence Cadence;
        private int _segment;
        private int _left;
        private uint _phase1;
        private uint _phase2;
        private uint _step1;
        private uint _step2;

        public ToneGenerator(ToneScheme scheme, ToneKind kind)
        {
            Cadence = scheme.Cadence(kind);
            Kind = kind;
            Restart();
        }

        /// <summary>The tone this generator plays.</summary>
        public readonly ToneKind Kind;

        /// <summary>Starts the cadence again from its first segment (the tone restarts, as when it is played anew).</summary>
        public void Restart()
        {
            _phase1 = 0;
            _phase2 = 0;
            Enter(0);
        }

        /// <summary>Fills the 20 ms frame with the next samples of the tone; always true.</summary>
        public bool Read(short[] frame)
        {
            short[] sine = _sine ?? (_sine = BuildSine());
            int amplitude = Cadence.Amplitude;
            int at = 0;
            while (at < AudioFrame.Samples)
            {
                if (_left == 0)
                {
                    Enter(_segment + 1 == Cadence.Samples.Length ? 0 : _segment + 1);
                }

                int end = at + (_left < AudioFrame.Samples - at ? _left : AudioFrame.Samples - at);
                _left -= end - at;
                if (_step1 == 0)
                {
                    // Silence: one native call instead of a store per sample.
                    Array.Clear(frame, at, end - at);
                    at = end;
                }
                else if (_step2 == 0)
                {
                    // One frequency (most schemes' tones): half the work of two.
                    uint phase1 = _phase1, step1 = _step1;
                    for (; at < end; at++)
                    {
                        frame[at] = (short)((sine[phase1 >> 24] * amplitude) >> 15);
                        phase1 += step1;
                    }

                    _phase1 = phase1;
                }
                else
                {
                    uint phase1 = _phase1, phase2 = _phase2, step1 = _step1, step2 = _step2;
                    for (; at < end; at++)
                    {
                        frame[at] = (short)(((sine[phase1 >> 24] + sine[phase2 >> 24]) * amplitude) >> 15);
                        phase1 += step1;
                        phase2 += step2;
                    }

                    _phase1 = phase1;
                    _phase2 = phase2;
                }
            }

            return true;
        }

        private void Enter(int segment)
        {
            uint step1 = Step(Cadence.FirstHz[segment]);
            uint step2 = Step(Cadence.SecondHz[segment]);
            if (step1 != _step1 || step2 != _step2)
            {
                // A new sound starts at phase 0 (no click from silence); the same frequencies go on unbroken.
                _phase1 = 0;
                _phase2 = 0;
            }

            _segment = segment;
            _left = Cadence.Samples[segment];
            _step1 = step1;
            _step2 = step2;
        }

        // Phase increment per sample: hz / 8,000 of the 2^32 phase circle.
        private static uint Step(int hz)
        {
            return (uint)(((ulong)hz << 32) / AudioFrame.SampleRate);
        }

        /// <summary>
        /// Lets go of the sine table (540 B) with the G.711 tables when the last call's session stops; a tone still
        /// playing (a busy tone after the call) builds it again at its next frame.
        /// </summary>
        internal static void Release()
        {
            _sine = null;
        }

        private static short[] BuildSine()
        {
            const double TwoCos = 1.9993976373924085; // 2 cos(2 pi / 256)
            const double First = 0.024541228522912288; // sin(2 pi / 256)
            var table = new short[256];
            double before = 0, current = First;
            for (int n = 1; n < 256; n++)
            {
                table[n] = (short)(current * 32767 + (current < 0 ? -0.5 : 0.5));
                double next = TwoCos * current - before;
                before = current;
                current = next;
            }

            return table;
        }
    }
}
