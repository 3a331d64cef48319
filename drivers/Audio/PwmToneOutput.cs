using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Audio
{
    /// <summary>
    /// Square wave on a PWM pin; the volume is the duty cycle: <see cref="Volume"/> at the loudest level, less in
    /// proportion below it (500 per-mille = loudest a square wave gets).
    /// </summary>
    public sealed class PwmToneOutput : IToneOutput
    {
        private readonly IPwmOutput _pwm;
        private int _volume;
        private bool _running;

        public PwmToneOutput(IPwmOutput pwm, int volumePerMille)
        {
            _pwm = pwm;
            Volume = volumePerMille;
        }

        /// <summary>0..500 per-mille duty at <see cref="ToneSequencer.MaxLevel"/>; above 500 a square wave gets no louder.</summary>
        public int Volume
        {
            get { return _volume; }
            set { _volume = value < 0 ? 0 : (value > 500 ? 500 : value); }
        }

        public void Tone(int hertz, int level)
        {
            int duty = _volume * level / ToneSequencer.MaxLevel;
            if (hertz <= 0 || duty <= 0)
            {
                if (_running)
                {
                    _pwm.Stop();
                    _running = false;
                }
                return;
            }
            _pwm.SetFrequency(hertz);
            _pwm.SetDutyPerMille(duty);
            if (!_running)
            {
                _pwm.Start();
                _running = true;
            }
        }
    }
}
