using System;

namespace DeskPhone.Drivers.Audio
{
    /// <summary>
    /// A tone as data: (frequency Hz, duration ms) pairs, frequency 0 = pause; played once or repeated.
    /// Priority decides what a new tone may interrupt (a key click never cuts the ring tone).
    /// </summary>
    public sealed class TonePattern
    {
        /// <summary>The largest frequency or duration a step may have (its char, the value + 1, stays below UTF-16's surrogates).</summary>
        public const int MaxValue = 0xD7FE;

        public readonly string Name;
        public readonly bool Repeat;
        public readonly int Priority;

        // The steps, each value + 1 one char (no 0 char: nanoCLR keeps strings 0-terminated): the built-in tones give a
        // string constant, which stays in the assembly (h-callmedia: the ring's int[] of 22 steps was 108 B of the
        // heap from its first ring on).
        private readonly string _steps;

        public TonePattern(string name, int[] steps, bool repeat, int priority)
        {
            if (steps == null || steps.Length == 0 || steps.Length % 2 != 0)
            {
                throw new ArgumentException("steps are (hertz, milliseconds) pairs");
            }
            var chars = new char[steps.Length];
            for (int i = 1; i < steps.Length; i += 2)
            {
                if (steps[i] <= 0 || steps[i - 1] < 0 || steps[i] > MaxValue || steps[i - 1] > MaxValue)
                {
                    throw new ArgumentException("durations must be positive and frequencies not negative, both at most 55,294");
                }
                chars[i - 1] = (char)(steps[i - 1] + 1);
                chars[i] = (char)(steps[i] + 1);
            }
            Name = name;
            _steps = new string(chars);
            Repeat = repeat;
            Priority = priority;
        }

        /// <summary>A built-in tone: <paramref name="steps"/> a constant, each value + 1 one char.</summary>
        internal TonePattern(string name, string steps, bool repeat, int priority)
        {
            Name = name;
            _steps = steps;
            Repeat = repeat;
            Priority = priority;
        }

        /// <summary>The (hertz, milliseconds) pairs, a new array each time.</summary>
        public int[] Steps
        {
            get
            {
                char[] chars = _steps.ToCharArray();
                var steps = new int[chars.Length];
                for (int i = 0; i < chars.Length; i++)
                {
                    steps[i] = chars[i] - 1;
                }
                return steps;
            }
        }

        public int StepCount => _steps.Length / 2;

        /// <summary>The frequency of step <paramref name="step"/> (0: a pause).</summary>
        public int Hertz(int step) => _steps[step * 2] - 1;

        /// <summary>How long step <paramref name="step"/> lasts.</summary>
        public int Milliseconds(int step) => _steps[step * 2 + 1] - 1;

        /// <summary>Length of one pass in milliseconds.</summary>
        public int CycleMs
        {
            get
            {
                char[] chars = _steps.ToCharArray();
                int total = 0;
                for (int i = 1; i < chars.Length; i += 2)
                {
                    total += chars[i] - 1;
                }
                return total;
            }
        }
    }
}
