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
            // Command, parameter count, parameters.
            byte[] init =
            {
                0xC8, 3, 0xFF, 0x93, 0x42, // SETEXTC: the extended commands below are enabled
                0xC0, 2, 0x12, 0x12, // power control 1: VRH1, VRH2
                0xC1, 1, 0x03, // power control 2
                0xC5, 1, 0xF2, // VCOM control 1
                0xB0, 1, 0xE0, // RGB interface signal control
                0xF6, 3, 0x01, 0x00, 0x00, // interface control
                0x3A, 1, 0x55, // COLMOD: 16 bits a pixel
                0xE0, 15, 0x00, 0x0C, 0x11, 0x04, 0x11, 0x08, 0x37, 0x89, 0x4C, 0x06, 0x0C, 0x0A, 0x2E, 0x34, 0x0F, // positive gamma
                0xE1, 15, 0x00, 0x0B, 0x11, 0x05, 0x13, 0x09, 0x33, 0x67, 0x48, 0x07, 0x0E, 0x0B, 0x2E, 0x33, 0x0F, // negative gamma
                0xB6, 4, 0x08, 0x82, 0x1D, 0x04, // display function control
            };
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
