using System.Device.Gpio;
using DeskPhone.Drivers.Hal;
using Iot.Device.Mcp23xxx;

namespace DeskPhone.Drivers.Device
{
    /// <summary>
    /// Pins of an MCP23017 port expander (Iot.Device.Mcp23xxx binding) as our pin interfaces, for the key
    /// matrix (rows on port A = pins 0-7, columns on port B = pins 8-15) and two-colour LEDs.
    /// Inputs are polled by the scanners, so Edge is never raised.
    /// </summary>
    public sealed class Mcp23017Pins
    {
        private readonly Mcp23017 _chip;

        public Mcp23017Pins(I2cBusDevice device)
        {
            _chip = new Mcp23017(device.Device, -1, -1, -1, null, false);
        }

        public IDigitalOutput Output(int pin, bool initialHigh)
        {
            _chip.SetPinMode(pin, PinMode.Output);
            ExpanderOutput output = new ExpanderOutput(_chip, pin);
            output.Write(initialHigh);
            return output;
        }

        public IDigitalInput Input(int pin)
        {
            _chip.SetPinMode(pin, PinMode.InputPullUp);
            return new ExpanderInput(_chip, pin);
        }

        private sealed class ExpanderOutput : IDigitalOutput
        {
            private readonly Mcp23017 _chip;
            private readonly int _pin;

            public ExpanderOutput(Mcp23017 chip, int pin)
            {
                _chip = chip;
                _pin = pin;
            }

            public void Write(bool high)
            {
                _chip.Write(_pin, high);
            }
        }

        private sealed class ExpanderInput : IDigitalInput
        {
            private readonly Mcp23017 _chip;
            private readonly int _pin;

#pragma warning disable CS0067 // polled by the scanners: the expander's interrupt line is not wired
            public event PinEdgeHandler Edge;
#pragma warning restore CS0067

            public ExpanderInput(Mcp23017 chip, int pin)
            {
                _chip = chip;
                _pin = pin;
            }

            public int Pin
            {
                get { return _pin; }
            }

            public bool Read()
            {
                return _chip.Read(_pin) == PinValue.High;
            }
        }
    }
}
