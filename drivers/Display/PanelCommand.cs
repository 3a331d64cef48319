namespace DeskPhone.Drivers.Display
{
    /// <summary>MIPI DCS commands common to ILI934x and ST7789 controllers.</summary>
    public static class PanelCommand
    {
        public const byte SoftwareReset = 0x01;
        public const byte SleepIn = 0x10;
        public const byte SleepOut = 0x11;
        public const byte InversionOff = 0x20;
        public const byte InversionOn = 0x21;
        public const byte DisplayOff = 0x28;
        public const byte DisplayOn = 0x29;
        public const byte ColumnAddressSet = 0x2A;
        public const byte RowAddressSet = 0x2B;
        public const byte MemoryWrite = 0x2C;
        public const byte MemoryAccessControl = 0x36;
        public const byte PixelFormat = 0x3A;

        /// <summary>COLMOD value for 16 bits per pixel (RGB565) on the SPI interface.</summary>
        public const byte Rgb565 = 0x55;
    }
}
