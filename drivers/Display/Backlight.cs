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
        private int _activeLevel;
        private int _dimLevel;
        private int _dimAfterMs;
        private int _offAfterMs;
        private long _lastActivity;
        private BacklightState _state;
        private int _level = -1;

        /// <param name="offAfterMs">0 = never switch off.</param>
        public Backlight(IPwmOutput pwm, int activeLevel, int dimLevel, int dimAfterMs, int offAfterMs)
        {
            _pwm = pwm;
            _pwm.SetFrequency(PwmHz);
            Configure(activeLevel, dimLevel, dimAfterMs, offAfterMs);
            _state = BacklightState.Active;
            Apply(_activeLevel);
            _pwm.Start();
        }

        public BacklightState State
        {
            get { return _state; }
        }

        /// <summary>Current duty in per-mille.</summary>
        public int Level
        {
            get { return _level; }
        }

        /// <summary>Changes levels and timeouts (from settings); values are clamped to 0..1000 and non-negative times.</summary>
        public void Configure(int activeLevel, int dimLevel, int dimAfterMs, int offAfterMs)
        {
            _activeLevel = Clamp(activeLevel);
            _dimLevel = Clamp(dimLevel);
            _dimAfterMs = dimAfterMs < 0 ? 0 : dimAfterMs;
            _offAfterMs = offAfterMs < 0 ? 0 : offAfterMs;
            if (_state == BacklightState.Active)
            {
                Apply(_activeLevel);
            }
        }

        public void Activity(long nowMs)
        {
            _lastActivity = nowMs;
            _state = BacklightState.Active;
            Apply(_activeLevel);
        }

        public void Tick(long nowMs)
        {
            long idle = nowMs - _lastActivity;
            if (_offAfterMs > 0 && idle >= _offAfterMs)
            {
                _state = BacklightState.Off;
                Apply(0);
            }
            else if (_dimAfterMs > 0 && idle >= _dimAfterMs)
            {
                _state = BacklightState.Dimmed;
                Apply(_dimLevel);
            }
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
