using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Display
{
    public enum BacklightState
    {
        Active = 1,
        Dimmed = 2,
        Off = 3,
    }

    /// <summary>
    /// PWM backlight that dims after a period without activity (key press, call event) and optionally switches
    /// off later; any activity restores full brightness. Levels are per-mille of full duty.
    /// </summary>
    public sealed class Backlight
    {
        public const int PwmHz = 5000;

        private readonly IPwmOutput _pwm;
        // The active level (per mille, low 10 bits), the dimmed level (the next 10), the state (2 bits from StateShift)
        // and the level applied (10 bits from LevelShift, NoLevel before the first): one field for four (36 B, issue #17;
        // docs/benchmarks.md h-uirest).
        private int _levels = NoLevel << LevelShift;
        private const int StateShift = 20;
        private const int LevelShift = 22;
        private const int NoLevel = 0x3FF;
        private int _dimAfterMs;
        private int _offAfterMs;
        private long _lastActivity;

        /// <param name="offAfterMs">0 = never switch off.</param>
        public Backlight(IPwmOutput pwm, int activeLevel, int dimLevel, int dimAfterMs, int offAfterMs)
        {
            _pwm = pwm;
            _pwm.SetFrequency(PwmHz);
            Configure(activeLevel, dimLevel, dimAfterMs, offAfterMs);
            Enter(BacklightState.Active);
            Apply(_levels & 0x3FF);
            _pwm.Start();
        }

        public BacklightState State
        {
            get { return (BacklightState)(_levels >> StateShift & 3); }
        }

        /// <summary>Current duty in per-mille.</summary>
        public int Level
        {
            get { return (_levels >> LevelShift & 0x3FF) == NoLevel ? -1 : _levels >> LevelShift & 0x3FF; }
        }

        /// <summary>Changes levels and timeouts (from settings); values are clamped to 0..1000 and non-negative times.</summary>
        public void Configure(int activeLevel, int dimLevel, int dimAfterMs, int offAfterMs)
        {
            _levels = (_levels & -(1 << StateShift)) | Clamp(activeLevel) | Clamp(dimLevel) << 10;
            _dimAfterMs = dimAfterMs < 0 ? 0 : dimAfterMs;
            _offAfterMs = offAfterMs < 0 ? 0 : offAfterMs;
            if (State == BacklightState.Active)
            {
                Apply(_levels & 0x3FF);
            }
        }

        public void Activity(long nowMs)
        {
            _lastActivity = nowMs;
            Enter(BacklightState.Active);
            Apply(_levels & 0x3FF);
        }

        public void Tick(long nowMs)
        {
            long idle = nowMs - _lastActivity;
            if (_offAfterMs > 0 && idle >= _offAfterMs)
            {
                Enter(BacklightState.Off);
                Apply(0);
            }
            else if (_dimAfterMs > 0 && idle >= _dimAfterMs)
            {
                Enter(BacklightState.Dimmed);
                Apply((_levels >> 10) & 0x3FF);
            }
        }

        private void Enter(BacklightState state)
        {
            _levels = (_levels & ~(3 << StateShift)) | (int)state << StateShift;
        }

        private void Apply(int level)
        {
            if (level != Level)
            {
                _levels = (_levels & ~(NoLevel << LevelShift)) | level << LevelShift;
                _pwm.SetDutyPerMille(level);
            }
        }

        private static int Clamp(int v)
        {
            return v < 0 ? 0 : (v > 1000 ? 1000 : v);
        }
    }
}
