using System.Device.Gpio;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Drivers
{
    /// <summary>ESP32 GPIO as an input with edge events. GPIO 34-39 have no internal pull-ups: pass pullUp false
    /// there (the M5Stack Core buttons have external ones).</summary>
    public sealed class GpioInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly int _number;

        public event NumberFlagHandler Edge;

        public GpioInput(GpioController controller, int pin, bool pullUp)
        {
            _number = pin;
            _pin = controller.OpenPin(pin, pullUp ? PinMode.InputPullUp : PinMode.Input);
            _pin.ValueChanged += OnValueChanged;
        }

        public int Pin
        {
            get { return _number; }
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            NumberFlagHandler handler = Edge;
            if (handler != null)
            {
                handler(_number, e.ChangeType == PinEventTypes.Rising);
            }
        }
    }
}
