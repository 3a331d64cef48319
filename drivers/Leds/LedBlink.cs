namespace DeskPhone.Drivers.Leds
{
    /// <summary>
    /// One phase clock for every blink pattern. All periods divide 2000 ms and every pattern switches on at
    /// phase 0, so LEDs with the same pattern blink together and slower patterns line up with faster ones.
    ///   On        : always lit
    ///   BlinkSlow : 1000 ms on, 1000 ms off (period 2000)
    ///   BlinkMedium: 500 ms on, 500 ms off (period 1000)
    ///   BlinkFast : 125 ms on, 125 ms off (period 250)
    ///   ShortOff  : 900 ms on, 100 ms off (period 1000)
    /// </summary>
    public static class LedBlink
    {
        public const int SlowPeriodMs = 2000;
        public const int MediumPeriodMs = 1000;
        public const int FastPeriodMs = 250;
        public const int ShortOffPeriodMs = 1000;
        public const int ShortOffDarkMs = 100;

        /// <summary>Whether a pattern is lit at a phase-clock time (milliseconds since the clock's origin).</summary>
        public static bool IsLit(LedPattern pattern, long phaseMs)
        {
            if (phaseMs < 0)
            {
                phaseMs = -phaseMs;
            }
            switch (pattern)
            {
                case LedPattern.On:
                    return true;
                case LedPattern.BlinkSlow:
                    return phaseMs % SlowPeriodMs < SlowPeriodMs / 2;
                case LedPattern.BlinkMedium:
                    return phaseMs % MediumPeriodMs < MediumPeriodMs / 2;
                case LedPattern.BlinkFast:
                    return phaseMs % FastPeriodMs < FastPeriodMs / 2;
                case LedPattern.ShortOff:
                    return phaseMs % ShortOffPeriodMs < ShortOffPeriodMs - ShortOffDarkMs;
                default:
                    return false;
            }
        }
    }
}
