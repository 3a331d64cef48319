using DeskPhone.Drivers.Hal;
using Iot.Device.Mcp23xxx;

namespace DeskPhone.Board.Drivers
{
    /// <summary>
    /// Pins of an MCP23017 port expander (Iot.Device.Mcp23xxx binding) as our pin interfaces, for the key
    /// matrix (rows on port A = pins 0-7, columns on port B = pins 8-15) and two-colour LEDs.
    /// The binding's pin-level methods (SetPinMode, Write) are protected in 1.2.943, so this adapter uses its
    /// public register access and keeps a shadow of the three registers it writes (IODIR, GPPU, OLAT) per port:
    /// one I2C write per change, no read-modify-write. Inputs read the whole port once and serve the other pins
    /// from that read until the next output write, so scanning one matrix row costs one I2C read instead of one
    /// per column. Inputs are polled by the scanners, so Edge is never raised.
    /// </summary>
    public sealed class Mcp23017Pins
    {
        private readonly Mcp23017 _chip;
        private readonly bool[] _valid = new bool[2];
        private readonly byte[] _port = new byte[2];

        // Power-on values (datasheet, table 3-1): every pin an input, no pull-ups, output latches low.
        private readonly byte[] _direction = { 0xFF, 0xFF };
        private readonly byte[] _pullUp = new byte[2];
        private readonly byte[] _latch = new byte[2];

        public Mcp23017Pins(I2cBusDevice device)
        {
            _chip = new Mcp23017(device.Device, -1, -1, -1, null, false);
        }

        public IDigitalOutput Output(int pin, bool initialHigh)
        {
            ExpanderOutput output = new ExpanderOutput(this, pin);
            output.Write(initialHigh);
            Update(Register.IODIR, _direction, pin, false);
            return output;
        }

        public IDigitalInput Input(int pin)
        {
            Update(Register.GPPU, _pullUp, pin, true);
            Update(Register.IODIR, _direction, pin, true);
            return new ExpanderInput(this, pin);
        }

        private void Write(int pin, bool high)
        {
            Update(Register.OLAT, _latch, pin, high);
            _valid[0] = false;
            _valid[1] = false;
        }

        private bool Read(int pin)
        {
            int index = pin < 8 ? 0 : 1;
            if (!_valid[index])
            {
                _port[index] = _chip.ReadByte(Register.GPIO, PortOf(index));
                _valid[index] = true;
            }
            return (_port[index] & (1 << (pin & 7))) != 0;
        }

        /// <summary>Sets or clears one pin's bit in a shadowed register and writes the register if it changed.</summary>
        private void Update(Register register, byte[] shadow, int pin, bool set)
        {
            int index = pin < 8 ? 0 : 1;
            int bit = 1 << (pin & 7);
            byte value = (byte)(set ? shadow[index] | bit : shadow[index] & ~bit);
            if (value == shadow[index])
            {
                return;
            }
            shadow[index] = value;
            _chip.WriteByte(register, value, PortOf(index));
        }

        private static Port PortOf(int index)
        {
            return index == 0 ? Port.PortA : Port.PortB;
        }

        private sealed class ExpanderOutput : IDigitalOutput
        {
            private readonly Mcp23017Pins _owner;
            private readonly int _pin;

            public ExpanderOutput(Mcp23017Pins owner, int pin)
            {
                _owner = owner;
                _pin = pin;
            }

            public void Write(bool high)
            {
                _owner.Write(_pin, high);
            }
        }

        private sealed class ExpanderInput : IDigitalInput
        {
            private readonly Mcp23017Pins _owner;
            private readonly int _pin;

#pragma warning disable CS0067 // polled by the scanners: the expander's interrupt line is not wired
            public event PinEdgeHandler Edge;
#pragma warning restore CS0067

            public ExpanderInput(Mcp23017Pins owner, int pin)
            {
                _owner = owner;
                _pin = pin;
            }

            public int Pin
            {
                get { return _pin; }
            }

            public bool Read()
            {
                return _owner.Read(_pin);
            }
        }
    }
}
