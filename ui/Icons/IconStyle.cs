namespace DeskPhone.Ui.Icons
{
    /// <summary>
    /// How each icon looks: a symbol (one character of the small font) on a coloured 12x12 tile, so the same
    /// definition draws natively on the device (fill + text) and in the host panel, in colour or monochrome.
    /// </summary>
    public static class IconStyle
    {
        public const int Size = 12;

        // Index-aligned with IconId.
        private static readonly char[] Symbols =
        {
            ' ', 'N', 'R', 'M', 'V', '>', '-', 'A', 'x', 'U', 'E', 'P', 'F', 'S', 'B', 'W', 'C', '!', 'L', 'T', 'i', '!', 'X', 'o',
            '@', 'm', 'r', 'p', 'a', 'v', '*', '+', 'D', '^', 'a', '/',
        };

        private static readonly int[] Colors =
        {
            0x0000, 0x05DF, 0x05DF, 0x07E0, 0x07E0, 0xFD20, 0xF800, 0x841F, 0xF800, 0x841F, 0x841F, 0x07FF, 0x07FF, 0xF800,
            0x001F, 0x001F, 0x07E0, 0xF800, 0xFD20, 0x7BEF, 0x05DF, 0xFD20, 0xF800, 0x07E0, 0x07FF, 0xFD20, 0x7BEF, 0x07E0,
            0xFD20, 0xF800, 0xF800, 0xFD20, 0x05DF, 0x07E0, 0x841F, 0x7BEF,
        };

        public static char Symbol(int icon) => icon > 0 && icon < Symbols.Length ? Symbols[icon] : ' ';

        /// <summary>The tile colour (RGB565).</summary>
        public static int Color(int icon) => icon > 0 && icon < Colors.Length ? Colors[icon] : 0;
    }
}
