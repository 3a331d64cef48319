namespace DeskPhone.Drivers.Hal
{
    /// <summary>A PWM channel (backlight, buzzer). Duty is in per-mille (0..1000) so callers stay integer-only.</summary>
    public interface IPwmOutput
    {
        void SetFrequency(int hertz);

        void SetDutyPerMille(int duty);

        void Start();

        void Stop();
    }
}
