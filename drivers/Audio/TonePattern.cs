using System;

namespace DeskPhone.Drivers.Audio
{
    /// <summary>
    /// A tone as data: (frequency Hz, duration ms) pairs, frequency 0 = pause; played once or repeated.
    /// Priority decides what a new tone may interrupt (a key click never cuts the ring tone).
    /// </summary>
    public sealed class TonePattern
    {
        public readonly string Name;
        public readonly int[] Steps;
        public readonly bool Repeat;
        public readonly int Priority;

        public TonePattern(string name, int[] steps, bool repeat, int priority)
        {
            if (steps == null || steps.Length == 0 || steps.Length % 2 != 0)
            {
                throw new ArgumentException("steps are (hertz, milliseconds) pairs");
            }
            for (int i = 1; i < steps.Length; i += 2)
            {
                if (steps[i] <= 0 || steps[i - 1] < 0)
                {
                    throw new ArgumentException("durations must be positive and frequencies not negative");
                }
            }
            Name = name;
            Steps = steps;
            Repeat = repeat;
            Priority = priority;
        }

        public int StepCount
        {
            get { return Steps.Length / 2; }
        }

        /// <summary>Length of one pass in milliseconds.</summary>
        public int CycleMs
        {
            get
            {
                int total = 0;
                for (int i = 1; i < Steps.Length; i += 2)
                {
                    total += Steps[i];
                }
                return total;
            }
        }
    }
}
