namespace DeskPhone.Ui.Fonts
{
    /// <summary>
    /// The metrics of a monospaced font, which is all the layout needs: the device draws with glyph-rows font resources of these
    /// cell sizes (board/Display/Resources), the host with glyph tables of the same sizes (tools/Host/Panel/Fonts), so
    /// text measured here wraps the same way on both. The glyphs are not here on purpose: nanoFramework runs every
    /// static initializer at boot, and tables here would take about 17 KB of the device's managed heap for nothing.
    /// A font is known by its instance (<see cref="Fixed8x16"/>, <see cref="Terminus6x12"/>), not by a name: nothing read
    /// one (72 B at rest for the two fonts' names, docs/benchmarks.md h-uirest).
    /// </summary>
    public sealed class BitmapFont
    {
        // The cell's width (low 8 bits) and height (the next 8) in one field, not two (12 B a font, both fonts made at
        // boot: docs/benchmarks.md h-restcuts3).
        private readonly int _cell;

        public BitmapFont(int width, int height)
        {
            if (width < 1 || width > 0xFF || height < 1 || height > 0xFF)
            {
                throw new System.ArgumentException("font cell out of range");
            }
            _cell = width | height << 8;
        }

        public int Width => _cell & 0xFF;
        public int Height => _cell >> 8;

        public static readonly BitmapFont Fixed8x16 = new BitmapFont(8, 16);
        public static readonly BitmapFont Terminus6x12 = new BitmapFont(6, 12);

        /// <summary>Pixels the text takes on one line (one cell per UTF-16 code unit).</summary>
        public int Measure(string text) => text == null ? 0 : text.Length * Width;

        /// <summary>Characters that fit in <paramref name="pixels"/>.</summary>
        public int Fit(int pixels) => pixels / Width;
    }
}
