using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Input
{
    /// <summary>
    /// A key matrix on an MCP23017 port expander on I2C: rows on port A (pins 0 up), driven, columns on port B (pins 8 up),
    /// inputs with pull-ups. It writes the chip's registers itself (datasheet DS20001952, IOCON.BANK = 0, the power-on
    /// addressing) instead of through the Iot.Device.Mcp23xxx binding, whose assembly cost the board 728 B of runtime
    /// tables and its objects for the five registers used here (docs/benchmarks.md); the bytes on the bus are the
    /// binding's (<c>Mcp23017KeyPortTests</c>), except that port B is read in one transaction with a repeated start,
    /// which the chip takes as well. A shadow of the three registers written (IODIR, GPPU, OLAT) per port makes one I2C
    /// write per change, no read-modify-write; a row's columns are one read of port B. One object for the matrix, not
    /// one per pin. Nothing is allocated after the constructor.
    /// </summary>
    public sealed class Mcp23017KeyPort : IKeyMatrixPort
    {
        // Register addresses of port A; port B's is the next one (BANK = 0).
        private const byte Iodir = 0x00;
        private const byte Ipol = 0x02;
        private const byte Gppu = 0x0C;
        private const byte Gpio = 0x12;
        private const byte Olat = 0x14;

        // The shadows' slots in _bytes, two ports each, then the bytes of a write and the byte read: one array instead of
        // three (nanoCLR: 20 B an array and 12 B a field, each rounded up to 12 B: 36 B instead of 84 B).
        private const int DirectionSlot = 0;
        private const int PullUpSlot = 2;
        private const int LatchSlot = 4;
        private const int WriteAt = 6;
        private const int ReadAt = 9;

        private const int ColumnPinBase = 8;

        private readonly II2cDevice _device;
        private readonly int _rows;
        private readonly int _columns;
        // The shadows' power-on values (datasheet, table 3-1): every pin an input, no pull-ups, output latches low.
        private readonly byte[] _bytes = { 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0 };

        /// <summary>
        /// Puts the chip in its power-on state, as the binding did (every pin an input, latches low, no inversion),
        /// then makes the rows outputs, high, and gives the columns their pull-ups.
        /// </summary>
        public Mcp23017KeyPort(II2cDevice device, int rows, int columns)
        {
            _device = device;
            _rows = rows;
            _columns = columns;
            WritePair(Iodir, 0xFF);
            WritePair(Gpio, 0x00);
            WritePair(Ipol, 0x00);
            for (int r = 0; r < rows; r++)
            {
                Update(Olat, LatchSlot, r, true);
                Update(Iodir, DirectionSlot, r, false);
            }
            for (int c = 0; c < columns; c++)
            {
                Update(Gppu, PullUpSlot, ColumnPinBase + c, true);
                Update(Iodir, DirectionSlot, ColumnPinBase + c, true);
            }
        }

        public int Rows
        {
            get { return _rows; }
        }

        public int Columns
        {
            get { return _columns; }
        }

        public void WriteRow(int row, bool high)
        {
            Update(Olat, LatchSlot, row, high);
        }

        public int ReadColumns()
        {
            _bytes[WriteAt] = Gpio + 1;
            _device.WriteRead(_bytes, WriteAt, 1, _bytes, ReadAt, 1);
            return _bytes[ReadAt];
        }

        /// <summary>Sets or clears one pin's bit in a shadowed register and writes the register if it changed.</summary>
        private void Update(byte register, int slot, int pin, bool set)
        {
            int index = slot + (pin < 8 ? 0 : 1);
            int bit = 1 << (pin & 7);
            byte value = (byte)(set ? _bytes[index] | bit : _bytes[index] & ~bit);
            if (value == _bytes[index])
            {
                return;
            }
            _bytes[index] = value;
            _bytes[WriteAt] = (byte)(register + (pin < 8 ? 0 : 1));
            _bytes[WriteAt + 1] = value;
            _device.Write(_bytes, WriteAt, 2);
        }

        /// <summary>One value to a register of both ports in one write (the address pointer moves from A to B).</summary>
        private void WritePair(byte register, byte value)
        {
            _bytes[WriteAt] = register;
            _bytes[WriteAt + 1] = value;
            _bytes[WriteAt + 2] = value;
            _device.Write(_bytes, WriteAt, 3);
        }
    }
}
