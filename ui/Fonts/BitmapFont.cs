namespace DeskPhone.Ui.Fonts
{
    /// <summary>
    /// A monospaced bitmap font with real metrics: the host draws with it, and the device's .tinyfnt fonts use the
    /// same cell sizes, so that text measured here wraps the same way on the board. A character the font lacks
    /// is drawn as U+FFFD (or a box when even that is missing).
    /// </summary>
    public sealed class BitmapFont
    {
        private readonly int[] _codePoints;
        private readonly byte[] _rows;

        public BitmapFont(string name, int width, int height, int[] codePoints, byte[] rows)
        {
            Name = name;
            Width = width;
            Height = height;
            _codePoints = codePoints;
            _rows = rows;
        }

        public string Name { get; }
        public int Width { get; }
        public int Height { get; }

        public static readonly BitmapFont Fixed8x16 = new BitmapFont("fixed8x16", Fixed8x16Data.Width, Fixed8x16Data.Height, Fixed8x16Data.CodePoints, Fixed8x16Data.Rows);
        public static readonly BitmapFont Terminus6x12 = new BitmapFont("terminus6x12", Terminus6x12Data.Width, Terminus6x12Data.Height, Terminus6x12Data.CodePoints, Terminus6x12Data.Rows);

        public bool Has(char c) => Find(c) >= 0;

        /// <summary>Pixels the text takes on one line (one cell per UTF-16 code unit).</summary>
        public int Measure(string text) => text == null ? 0 : text.Length * Width;

        /// <summary>Characters that fit in <paramref name="pixels"/>.</summary>
        public int Fit(int pixels) => pixels / Width;

        /// <summary>Row <paramref name="row"/> of the glyph for <paramref name="c"/> (MSB leftmost), or -1 when the font has no glyph.</summary>
        public int Row(char c, int row)
        {
            int index = Find(c);
            if (index < 0)
            {
                index = Find('\uFFFD');
            }
            return index < 0 ? -1 : _rows[index * Height + row];
        }

        private int Find(int c)
        {
            int lo = 0;
            int hi = _codePoints.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int v = _codePoints[mid];
                if (v == c)
                {
                    return mid;
                }
                if (v < c)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return -1;
        }
    }
}
