namespace DeskPhone.Ui.Icons
{
    /// <summary>
    /// How an icon is coloured: on a colour panel its mask is white on a tile of the icon's colour (every tile
    /// colour keeps a contrast of at least 4.5:1 with white); on a monochrome panel the mask is lit on a dark tile.
    /// The tile is opaque, so an icon looks the same on every background it is drawn over.
    /// </summary>
    public static class IconStyle
    {
        public const int Size = IconBitmaps.Size;

        private const int Blue = 0x2319;
        private const int Green = 0x1406;
        private const int Red = 0xC104;
        private const int Orange = 0xB2A0;
        private const int Purple = 0x79D6;
        private const int Teal = 0x0390;
        private const int Grey = 0x5ACD;

        // Index-aligned with IconId.
        private static readonly int[] Colors =
        {
            0, Teal, Blue, Green, Green, Orange, Red, Purple, Red, Purple, Purple, Teal, Teal, Red, Blue, Blue, Green, Red,
            Orange, Grey, Blue, Orange, Red, Green, Teal, Orange, Orange, Blue, Orange, Teal, Red, Orange, Blue, Green,
            Purple, Grey,
        };

        /// <summary>The tile colour on a colour panel (RGB565).</summary>
        public static int Color(int icon) => icon > 0 && icon < Colors.Length ? Colors[icon] : 0;

        /// <summary>The colour under the mask's unlit pixels (RGB565; 0 is dark on monochrome).</summary>
        public static int Tile(int icon, bool isColor) => isColor ? Color(icon) : 0;

        /// <summary>The colour of the mask's lit pixels on both depths (RGB565; non-zero is lit on monochrome).</summary>
        public const int Glyph = 0xFFFF;
    }
}
