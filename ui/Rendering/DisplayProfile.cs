using DeskPhone.Ui.Fonts;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// Everything the layout needs to know about a display: size, colour depth, font and palette. No coordinate
    /// is written anywhere else; the regions are computed from these numbers. A profile is known by its instance
    /// (<see cref="Color320x240"/>, ...), not by a name: nothing read one (24 B at rest, docs/benchmarks.md h-uirest).
    /// </summary>
    public sealed class DisplayProfile
    {
        public DisplayProfile(int width, int height, bool isColor, BitmapFont font, int functionKeyRows)
        {
            Width = width;
            Height = height;
            IsColor = isColor;
            Font = font;
            FunctionKeyRows = functionKeyRows;
        }

        // Public fields, not properties: no accessor method in the runtime tables and image (issue #17).
        public readonly int Width;
        public readonly int Height;
        public readonly bool IsColor;
        public readonly BitmapFont Font;

        /// <summary>Rows of function-key labels at the bottom (0: the display shows none).</summary>
        public readonly int FunctionKeyRows;

        public int Margin => IsColor ? 4 : 1;
        public int LineHeight => Font.Height + (IsColor ? 2 : 0);
        public int StatusHeight => Font.Height + (IsColor ? 4 : 1);

        public int Background => IsColor ? 0x0841 : 0;
        public int Foreground => IsColor ? 0xFFFF : 1;
        public int StatusBackground => IsColor ? 0x2124 : 1;
        public int StatusForeground => IsColor ? 0xFFFF : 0;
        public int Dim => IsColor ? 0xAD55 : 1;
        public int PopUpBackground => IsColor ? 0xFD20 : 1;
        public int PopUpForeground => IsColor ? 0x0000 : 0;

        // Made at first use, not by the static constructor nanoCLR runs at boot: a board uses one profile, and each
        // costs 180 B of heap. The reference board's is kept (its program and the phone's screen ask for it); the others
        // are made at each call (tests, the simulator), so they keep no static slot, 12 B each at every step
        // (docs/benchmarks.md h-restcuts3).
        private static DisplayProfile s_color320x240;

        /// <summary>M5Stack Core's ILI9342, the reference board.</summary>
        public static DisplayProfile Color320x240 =>
            s_color320x240 ?? (s_color320x240 = new DisplayProfile(320, 240, true, BitmapFont.Fixed8x16, 2));

        /// <summary>D375/D785-class colour displays (a new profile at each call).</summary>
        public static DisplayProfile Color480x272 => new DisplayProfile(480, 272, true, BitmapFont.Fixed8x16, 2);

        /// <summary>An expansion module's monochrome display (a new profile at each call).</summary>
        public static DisplayProfile Mono128x64 => new DisplayProfile(128, 64, false, BitmapFont.Terminus6x12, 0);
    }
}
