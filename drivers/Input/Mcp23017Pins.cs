using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Input
{
    /// <summary>
    /// Pins of an MCP23017 port expander on I2C as our pin interfaces, for the key matrix (rows on port A = pins 0-7,
    /// columns on port B = pins 8-15) and two-colour LEDs. It writes the chip's registers itself (datasheet DS20001952,
    /// IOCON.BANK = 0, the power-on addressing) instead of through the Iot.Device.Mcp23xxx binding, whose assembly cost
    /// the board 728 B of runtime tables and its objects for the five registers used here (docs/benchmarks.md); the
    /// bytes on the bus are the binding's (<c>Mcp23017PinsTests</c>), except that a port is read in one transaction
    /// with a repeated start, which the chip takes as well. A shadow of the three registers written (IODIR, GPPU, OLAT)
    /// per port makes one I2C write per change, no read-modify-write. Inputs read the whole port once and serve the
    /// other pins from that read until the next output write, so scanning one matrix row costs one I2C read instead of
    /// one per column. Inputs are polled by the scanners, so Edge is never raised. Nothing is allocated after the
    /// constructor.
    /// </summary>
    public sealed class Mcp23017Pins
    {
        // Register addresses of port A; port B's is the next one (BANK = 0).
        private const byte Iodir = 0x00;
        private const byte Ipol = 0x02;
        private const byte Gppu = 0x0C;
        private const byte Gpio = 0x12;
        private const byte Olat = 0x14;

        private readonly II2cDevice _device;
        private readonly byte[] _write = new byte[3];
        private readonly byte[] _read = new byte[1];
        private readonly bool[] _valid = new bool[2];
        private readonly byte[] _port = new byte[2];

        // Power-on values (datasheet, table 3-1): every pin an input, no pull-ups, output latches low.
        private readonly byte[] _direction = { 0xFF, 0xFF };
        private readonly byte[] _pullUp = new byte[2];
        private readonly byte[] _latch = new byte[2];

        /// <summary>Puts the chip in its power-on state, as the binding did: every pin an input, latches low, no inversion.</summary>
        public Mcp23017Pins(II2cDevice device)
        {
            _device = device;
            WritePair(Iodir, 0xFF);
            WritePair(Gpio, 0x00);
            WritePair(Ipol, 0x00);
        }

        public IDigitalOutput Output(int pin, bool initialHigh)
        {
            ExpanderOutput output = new ExpanderOutput(this, pin);
            output.Write(initialHigh);
            Update(Iodir, _direction, pin, false);
            return output;
        }

        public IDigitalInput Input(int pin)
        {
            Update(Gppu, _pullUp, pin, true);
            Update(Iodir, _direction, pin, true);
            return new ExpanderInput(this, pin);
        }

        private void Write(int pin, bool high)
        {
            Update(Olat, _latch, pin, high);
            _valid[0] = false;
            _valid[1] = false;
        }

        private bool Read(int pin)
        {
            int index = pin < 8 ? 0 : 1;
            if (!_valid[index])
            {
                _write[0] = (byte)(Gpio + index);
                _device.WriteRead(_write, 0, 1, _read, 0, 1);
                _port[index] = _read[0];
                _valid[index] = true;
            }
            return (_port[index] & (1 << (pin & 7))) != 0;
        }

        /// <summary>Sets or clears one pin's bit in a shadowed register and writes the register if it changed.</summary>
        private void Update(byte register, byte[] shadow, int pin, bool set)
        {
            int index = pin < 8 ? 0 : 1;
            int bit = 1 << (pin & 7);
            byte value = (byte)(set ? shadow[index] | bit : shadow[index] & ~bit);
            if (value == shadow[index])
            {
                return;
            }
            shadow[index] = value;
            _write[0] = (byte)(register + index);
            _write[1] = value;
            _device.Write(_write, 0, 2);
        }

        /// <summary>One value to a register of both ports in one write (the address pointer moves from A to B).</summary>
        private void WritePair(byte register, byte value)
        {
            _write[0] = register;
            _write[1] = value;
            _write[2] = value;
            _device.Write(_write, 0, 3);
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
