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
        // The active level (per mille, low 10 bits), the dimmed level (the next 10) and the state (from StateShift): one
        // field for three (24 B, issue #17).
        private int _levels;
        private const int StateShift = 20;
        private int _dimAfterMs;
        private int _offAfterMs;
        private long _lastActivity;
        private int _level = -1;

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
            get { return (BacklightState)(_levels >> StateShift); }
        }

        /// <summary>Current duty in per-mille.</summary>
        public int Level
        {
            get { return _level; }
        }

        /// <summary>Changes levels and timeouts (from settings); values are clamped to 0..1000 and non-negative times.</summary>
        public void Configure(int activeLevel, int dimLevel, int dimAfterMs, int offAfterMs)
        {
            _levels = (_levels & ~((1 << StateShift) - 1)) | Clamp(activeLevel) | Clamp(dimLevel) << 10;
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
            _levels = (_levels & ((1 << StateShift) - 1)) | (int)state << StateShift;
        }

        private void Apply(int level)
        {
            if (level != _level)
            {
                _level = level;
                _pwm.SetDutyPerMille(level);
            }
        }

        private static int Clamp(int v)
        {
            return v < 0 ? 0 : (v > 1000 ? 1000 : v);
        }
    }
}
