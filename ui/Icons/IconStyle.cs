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

        // Index-aligned with IconId, a letter per icon (B blue, G green, R red, O orange, P purple, T teal, Y grey):
        // a constant stays in the assembly, where an int[] initialiser would be built in the heap for good (168 B).
        private const string Colors = "-TBGGORPRPPTTRBBGROYBORGTOOBOTROBGPY";

        /// <summary>The tile colour on a colour panel (RGB565).</summary>
        public static int Color(int icon)
        {
            if (icon <= 0 || icon >= IconId.Count)
            {
                return 0;
            }
            switch (Colors[icon])
            {
                case 'B': return Blue;
                case 'G': return Green;
                case 'R': return Red;
                case 'O': return Orange;
                case 'P': return Purple;
                case 'T': return Teal;
                default: return Grey;
            }
        }

        /// <summary>The colour under the mask's unlit pixels (RGB565; 0 is dark on monochrome).</summary>
        public static int Tile(int icon, bool isColor) => isColor ? Color(icon) : 0;

        /// <summary>The colour of the mask's lit pixels on both depths (RGB565; non-zero is lit on monochrome).</summary>
        public const int Glyph = 0xFFFF;
    }
}
