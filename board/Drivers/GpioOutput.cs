using System.Device.Gpio;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Drivers
{
    /// <summary>ESP32 GPIO as an output.</summary>
    public sealed class GpioOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioOutput(GpioController controller, int pin, bool initialHigh)
        {
            _pin = controller.OpenPin(pin, PinMode.Output);
            _pin.Write(initialHigh);
        }

        public void Write(bool high)
        {
            _pin.Write(high);
        }
    }
}
