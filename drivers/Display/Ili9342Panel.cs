using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Display
{
    /// <summary>
    /// The ILI9342C panel controller (M5Stack Core: 320x240, landscape in its own orientation) over 4-wire SPI:
    /// the data/command line low for a command byte, high for its parameters and for pixels. Pixels are RGB565,
    /// high byte first (COLMOD 0x55), written to a window (CASET, PASET, RAMWR) straight from the caller's rows, so
    /// nothing is copied: one write per row, or one for the whole rectangle when it spans the rows' full width.
    /// The init sequence is the ILI9342C datasheet's commands with the values nanoFramework's own Ili9342 driver
    /// (nanoFramework.Graphics) sends to the M5Stack Core's panel. Unproven on hardware (docs/board-profile.md).
    /// </summary>
    public sealed class Ili9342Panel
    {
        public const byte SoftwareReset = 0x01;
        public const byte SleepOut = 0x11;
        public const byte InversionOff = 0x20;
        public const byte InversionOn = 0x21;
        public const byte DisplayOn = 0x29;
        public const byte ColumnAddressSet = 0x2A;
        public const byte PageAddressSet = 0x2B;
        public const byte MemoryWrite = 0x2C;
        public const byte MemoryAccessControl = 0x36;

        // MADCTL: BGR panel order; rotation 2 mirrors both ways (the board turned upside down).
        private const byte Bgr = 0x08;
        private const byte MirrorXY = 0xC0;

        private readonly ISpiBus _spi;
        private readonly IDigitalOutput _dataCommand;
        private readonly IDigitalOutput _reset;
        private readonly IClock _clock;
        private readonly byte[] _command = new byte[5];

        // The panel's set-up after reset: command, parameter count, parameters, each byte plus 1 (a literal cannot hold
        // NUL) as a character of a literal, which stays in flash: an array initializer's data is a static field of the assembly, on nanoCLR a 12-byte slot
        // and a 12-byte value object kept from boot, and a type of its own (docs/benchmarks.md h-restcuts3).
        private const string InitSequence =
            "\u00C9\u0004\u0100\u0094\u0043" + // SETEXTC: the extended commands below are enabled
            "\u00C1\u0003\u0013\u0013" + // power control 1: VRH1, VRH2
            "\u00C2\u0002\u0004" + // power control 2
            "\u00C6\u0002\u00F3" + // VCOM control 1
            "\u00B1\u0002\u00E1" + // RGB interface signal control
            "\u00F7\u0004\u0002\u0001\u0001" + // interface control
            "\u003B\u0002\u0056" + // COLMOD: 16 bits a pixel
            "\u00E1\u0010\u0001\u000D\u0012\u0005\u0012\u0009\u0038\u008A\u004D\u0007\u000D\u000B\u002F\u0035\u0010" + // positive gamma
            "\u00E2\u0010\u0001\u000C\u0012\u0006\u0014\u000A\u0034\u0068\u0049\u0008\u000F\u000C\u002F\u0034\u0010" + // negative gamma
            "\u00B7\u0005\u0009\u0083\u001E\u0005"; // display function control

        /// <param name="reset">The reset line, or null for a software reset.</param>
        public Ili9342Panel(ISpiBus spi, IDigitalOutput dataCommand, IDigitalOutput reset, IClock clock)
        {
            _spi = spi;
            _dataCommand = dataCommand;
            _reset = reset;
            _clock = clock;
        }

        /// <summary>Resets the controller and brings the display on, black until the first write.</summary>
        /// <param name="rotation">0 (as mounted) or 2 (upside down); the panel stays 320x240.</param>
        /// <param name="inverted">Colours inverted (INVON), as the M5Stack Core's IPS panel needs.</param>
        public void Initialize(int rotation, bool inverted)
        {
            if (rotation != 0 && rotation != 2)
            {
                throw new System.ArgumentException("ILI9342C: rotation 0 or 2 (landscape) only");
            }
            if (_reset != null)
            {
                // Datasheet: reset low at least 10 us; 120 ms before the first command covers a reset in sleep-out.
                _reset.Write(true);
                _clock.Delay(5);
                _reset.Write(false);
                _clock.Delay(10);
                _reset.Write(true);
            }
            else
            {
                Command(SoftwareReset, 0);
            }
            _clock.Delay(120);
            // The set-up's bytes, for the bus (made once per reset).
            var init = new byte[InitSequence.Length];
            for (int i = 0; i < init.Length; i++)
            {
                init[i] = (byte)(InitSequence[i] - 1);
            }
            for (int i = 0; i < init.Length; i += 2 + init[i + 1])
            {
                _dataCommand.Write(false);
                _spi.Write(init, i, 1);
                _dataCommand.Write(true);
                _spi.Write(init, i + 2, init[i + 1]);
            }
            _command[1] = rotation == 2 ? (byte)(Bgr | MirrorXY) : Bgr;
            Command(MemoryAccessControl, 1);
            Command(inverted ? InversionOn : InversionOff, 0);
            Command(SleepOut, 0);
            _clock.Delay(120);
            Command(DisplayOn, 0);
            _clock.Delay(20);
        }

        /// <summary>
        /// Writes a width x height rectangle at (x, y) from rows of RGB565 bytes (high byte first): row r's pixels
        /// start at byte r * stride * 2 of <paramref name="rows"/> (a band as wide as the columns it sends, or wider).
        /// Allocation-free.
        /// </summary>
        public void WriteRect(int x, int y, int width, int height, byte[] rows, int stride)
        {
            if (width <= 0 || height <= 0)
            {
                return;
            }
            Window(ColumnAddressSet, x, x + width - 1);
            Window(PageAddressSet, y, y + height - 1);
            Command(MemoryWrite, 0);
            if (width == stride)
            {
                _spi.Write(rows, 0, width * height * 2);
                return;
            }
            for (int row = 0; row < height; row++)
            {
                _spi.Write(rows, row * stride * 2, width * 2);
            }
        }

        private void Window(byte command, int from, int to)
        {
            _command[1] = (byte)(from >> 8);
            _command[2] = (byte)from;
            _command[3] = (byte)(to >> 8);
            _command[4] = (byte)to;
            Command(command, 4);
        }

        /// <summary>Sends the command byte with the data/command line low, then its parameters from _command[1..] high.</summary>
        private void Command(byte command, int parameters)
        {
            _command[0] = command;
            _dataCommand.Write(false);
            _spi.Write(_command, 0, 1);
            _dataCommand.Write(true);
            if (parameters > 0)
            {
                _spi.Write(_command, 1, parameters);
            }
        }
    }
}
