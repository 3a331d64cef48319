using System.Device.Pwm;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Drivers
{
    /// <summary>ESP32 LEDC PWM channel (pin mapped to a PWM function beforehand by <see cref="Esp32Pins"/>).</summary>
    public sealed class PwmOutput : IPwmOutput
    {
        private readonly PwmChannel _channel;

        public PwmOutput(int pin, int frequencyHz)
        {
            _channel = PwmChannel.CreateFromPin(pin, frequencyHz, 0);
        }

        public void SetFrequency(int hertz)
        {
            _channel.Frequency = hertz;
        }

        public void SetDutyPerMille(int duty)
        {
            _channel.DutyCycle = duty / 1000.0;
        }

        public void Start()
        {
            _channel.Start();
        }

        public void Stop()
        {
            _channel.Stop();
        }
    }
}
