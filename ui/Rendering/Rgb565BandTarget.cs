using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// Sends a width x height rectangle of the band to the screen at (x, y): row r's pixels start at byte
    /// r * bandWidth * 2 of the band (its column 0 is the screen's column x), two bytes per pixel, high byte first
    /// (RGB565 as the panel takes it).
    /// </summary>
    public delegate void BandWriter(int x, int y, int width, int height, byte[] band, int bandWidth);

    /// <summary>
    /// A band target without a graphics library: the band is a managed array of RGB565 rows (640 B a row on a
    /// 320-pixel panel) drawn by native block copies only. A fill writes one pixel and doubles it along the row with
    /// Array.Copy, then copies the row; a glyph or icon row is cut into nibbles, and each nibble's runs of lit pixels
    /// (<see cref="NibbleRuns"/>, at most two) are copied from a row of the ink (inline for a cell wholly inside the band), so text stays transparent as on the
    /// host's <c>Rgb565Canvas</c> and nothing is drawn pixel by pixel in C#. Glyphs come from <see cref="GlyphRows"/>
    /// (the font resources); the band goes to the panel through a <see cref="BandWriter"/>. Drawing outside the band
    /// is clipped. Monochrome inks are 0x0000 and 0xFFFF, as on the host. The band is as wide as the columns the flush
    /// sends (<see cref="IBandRelease.Window"/>): a call screen's second changes one or two character cells, whose band is a
    /// few dozen bytes instead of a 1,280-byte full-width one, and glyphs outside them are not looked up.
    /// </summary>
    public sealed class Rgb565BandTarget : IBandTarget, IBandRelease
    {
        // Made by the first call of a flush and let go after it (Release), with the fonts' ASCII rows: the phone at rest
        // and its SIP handling do not hold the 1,280 B (docs/benchmarks.md, h-boot80).
        private byte[] _band;
        // The screen columns the band holds (Window; the panel's width until one is set), the first in the low 16 bits
        // and their count above: the band's row stride is that many pixels.
        private int _window;
        // After the band's pixels, RunsBytes of runs: for each 4-bit value (bit 3 the leftmost pixel) the first run of
        // lit pixels' start and length, the second's (0, 0 if none), in bytes of the band (2 a pixel), so a copy needs no
        // arithmetic. Computed, not a static initializer: that kept 120 B from boot (the array, its static slot and the
        // initializer's data); in the band's array, not one of its own: no field kept at rest, no array header.
        private const int RunsBytes = 64;
        // After the runs, InkBytes: four pixels of the current ink (a nibble's longest run), set by UseInk for the band
        // it is in: no array and field of their own at rest (48 B, docs/benchmarks.md h-uirest).
        private const int InkBytes = 8;
        private const int TailBytes = RunsBytes + InkBytes;
        // In _window: the last flush ran out of heap, so the next makes a band of one row (Band, Release).
        private const int ShortBand = 1 << 30;
        // The ink the band's InkBytes hold (-1: none yet, a band just made).
        private int _inkColor = -1;
        // The icons' art (IconBitmaps.Art) from the band's making to its release: read there, once a flush, not an ldstr
        // (a 12-byte string) three times for every icon row drawn under the band and its frames (docs/benchmarks.md
        // h-redraw5).
        private string _art;
        private readonly GlyphRows _large;
        private readonly GlyphRows _small;
        private readonly BandWriter _write;

        /// <param name="large">The glyphs of <see cref="BitmapFont.Fixed8x16"/>.</param>
        /// <param name="small">The glyphs of <see cref="BitmapFont.Terminus6x12"/> (may be the same as large on a
        /// profile that never draws with it).</param>
        public Rgb565BandTarget(int width, int bandHeight, bool isColor, GlyphRows large, GlyphRows small, BandWriter write)
        {
            _shape = width | bandHeight << 16 | (isColor ? 1 << 30 : 0);
            _large = large;
            _small = small;
            _write = write;
            _window = width << 16;
        }

        // Width in the low 16 bits, BandHeight in the next 14, IsColor above: one field, not three (24 B at rest).
        private readonly int _shape;

        public int Width => _shape & 0xFFFF;
        public int BandHeight => _shape >> 16 & 0x3FFF;
        public bool IsColor => (_shape & 1 << 30) != 0;

        /// <summary>Managed bytes of a full-width band (2 per pixel), the most a flush makes.</summary>
        public int BandBytes => Width * BandHeight * 2;

        /// <summary>
        /// The next bands send columns x..x+width-1 only: the band made for them is that wide, and drawing outside them
        /// is clipped (a glyph wholly outside is not looked up).
        /// </summary>
        public void Window(int x, int width)
        {
            int left = x < 0 ? 0 : x > Width ? Width : x;
            int right = x + width > Width ? Width : x + width;
            int window = left | (right > left ? right - left : 0) << 16 | (_window & ShortBand);
            if (window != _window)
            {
                _window = window;
                _band = null;
            }
        }

        /// <summary>
        /// Marks the ASCII blocks the text's cells inside the window need and reads its other glyphs
        /// (<see cref="GlyphRows.Need"/>): a glyph outside the window is not looked up.
        /// </summary>
        public void Prepare(string text, int x, BitmapFont font, int maxWidth)
        {
            GlyphRows glyphs = font == BitmapFont.Terminus6x12 ? _small : _large;
            int first = _window & 0xFFFF;
            int last = first + Columns;
            int columns = maxWidth / font.Width;
            int length = text.Length;
            for (int i = 0; i < columns && i < length; i++)
            {
                // The string's characters one by one (a walk of its UTF-8 on the device, short rows): no char array made
                // with the heap at its shortest.
                int left = x + i * font.Width;
                if (left < last && left + font.Width > first)
                {
                    glyphs.Need(text[i]);
                }
            }
        }

        /// <summary>The glyphs of the small font or the large one, whose ASCII blocks the panel reads (<see cref="GlyphRows.Read"/>).</summary>
        public GlyphRows Glyphs(bool small) => small ? _small : _large;

        /// <summary>
        /// Makes the band for the window, after the flush's texts are prepared, and returns its rows: BandHeight, or one
        /// when the heap has no room for more or the last flush ran out of heap (the same pixels in twice the passes;
        /// docs/benchmarks.md, h-callscreen). The band is allocated in this frame, not one under it: the caller is the
        /// renderer's flush (IdleScreen.Flush, BandedPanel.Flush), and nothing the flush draws allocates after it
        /// (docs/benchmarks.md h-redraw5).
        /// </summary>
        public int Band()
        {
            if (_band == null)
            {
                _art = IconBitmaps.Art;
                try
                {
                    _band = new byte[Columns * ((_window & ShortBand) != 0 ? 1 : BandHeight) * 2 + TailBytes];
                }
                catch (System.OutOfMemoryException)
                {
                    _band = new byte[Columns * 2 + TailBytes];
                }
                NibbleRuns(_band, _band.Length - TailBytes);
                _inkColor = -1;
            }
            return Rows;
        }

        /// <summary>The screen columns the band holds (its row stride in pixels).</summary>
        private int Columns => _window >> 16 & 0x3FFF;

        /// <summary>The band's rows: BandHeight, or fewer when <see cref="Band"/> found no room for them.</summary>
        private int Rows
        {
            get
            {
                int stride = Columns;
                return _band == null || stride == 0 ? BandHeight : (_band.Length - TailBytes) / (stride * 2);
            }
        }

        /// <summary>A bottom row clipped to the band's rows.</summary>
        private int InBand(int bottom)
        {
            int rows = Rows;
            return bottom > rows ? rows : bottom;
        }

        /// <summary>The band, made if a flush's first call finds none (a caller that drew without <see cref="Band"/>).</summary>
        private void MakeBand()
        {
            if (_band == null)
            {
                Band();
            }
        }

        private static void NibbleRuns(byte[] runs, int at)
        {
            for (int v = 1; v < 16; v++)
            {
                int pair = at + v * 4 - 2; // the first lit pixel after an unlit one moves it to the next (start, length) pair
                bool lit = false;
                for (int px = 0; px < 4; px++)
                {
                    bool was = lit;
                    lit = (v & (8 >> px)) != 0;
                    if (lit && !was)
                    {
                        pair += 2;
                        runs[pair] = (byte)(px * 2);
                    }
                    if (lit)
                    {
                        runs[pair + 1] += 2;
                    }
                }
            }
        }

        // FillRect and DrawText compute in their arguments (clipped edges, band-relative columns) rather than in locals
        // of their own: their frames are the deepest of a redraw (frames.py: DrawText's 21 locals were 456 B).
        public void FillRect(int x, int y, int width, int height, int color)
        {
            int first = _window & 0xFFFF;
            int columns = Columns;
            // The band's columns: width becomes the right edge, x the left, both from the window's first column; height
            // the bottom row, y the top.
            width = (x + width > first + columns ? first + columns : x + width) - first;
            x = (x < first ? first : x) - first;
            height = InBand(y + height);
            y = y < 0 ? 0 : y;
            if (x >= width || y >= height)
            {
                return;
            }
            MakeBand();
            color = Ink(color);
            int start = (y * columns + x) * 2;
            _band[start] = (byte)(color >> 8);
            _band[start + 1] = (byte)color;
            width = (width - x) * 2; // the row's bytes
            // One pixel doubled along the row, then the row copied down: block copies only.
            for (int done = 2; done < width; done *= 2)
            {
                System.Array.Copy(_band, start, _band, start + done, done < width - done ? done : width - done);
            }
            for (y++; y < height; y++)
            {
                System.Array.Copy(_band, start, _band, (y * columns + x) * 2, width);
            }
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            int top = y < 0 ? 0 : y;
            int bottom = InBand(y + font.Height);
            if (text == null || top >= bottom)
            {
                return;
            }
            MakeBand();
            UseInk(color);
            byte[] band = _band;
            // The runs, and the ink after them (no local of its own: this frame is under the flush).
            int runs = band.Length - TailBytes;
            int stride = Columns;
            GlyphRows glyphs = font == BitmapFont.Terminus6x12 ? _small : _large;
            // x becomes each cell's left column in the band, maxWidth the cells drawn, color the glyph rows' mask.
            x -= _window & 0xFFFF;
            // The characters read one by one (a walk of the UTF-8 on the device, rows of at most 40): a char array made here
            // is the band's last allocation, and one that finds no heap inside the native ToCharArray compacts the heap
            // under this frame (the interpreter's compact-and-restart), which left garbage references (docs/benchmarks.md,
            // h-callscreen).
            maxWidth /= font.Width;
            if (maxWidth > text.Length)
            {
                maxWidth = text.Length;
            }
            color = 0xFF << (8 - font.Width) & 0xFF;
            for (int i = 0; i < maxWidth; i++, x += font.Width)
            {
                if (x >= stride || x + font.Width <= 0)
                {
                    continue;
                }
                // Read before the flush (GlyphRows.Need, Read): Find reads nothing from the resource.
                byte[] rows = glyphs.Find(text[i], out int at);
                // A cell wholly inside the band's columns (nearly all) is copied without clipping or calls.
                bool inside = x >= 0 && x + 8 <= stride;
                for (int row = top; row < bottom; row++)
                {
                    // No glyph at all: a visible box rather than nothing, as on the host.
                    int bits = (rows != null ? rows[at + row - y] : row == y || row - y == font.Height - 1 ? 0xFF : 0x81) & color;
                    if (bits == 0)
                    {
                        continue;
                    }
                    if (!inside)
                    {
                        Nibble(bits >> 4, x + (_window & 0xFFFF), row);
                        Nibble(bits & 15, x + (_window & 0xFFFF) + 4, row);
                        continue;
                    }
                    int o = (row * stride + x) * 2;
                    int t = (bits >> 4) * 4;
                    if (t != 0)
                    {
                        t += runs;
                        System.Array.Copy(band, runs + RunsBytes, band, o + band[t], band[t + 1]);
                        if (band[t + 3] != 0)
                        {
                            System.Array.Copy(band, runs + RunsBytes, band, o + band[t + 2], band[t + 3]);
                        }
                    }
                    t = (bits & 15) * 4;
                    if (t != 0)
                    {
                        t += runs;
                        System.Array.Copy(band, runs + RunsBytes, band, o + 8 + band[t], band[t + 1]);
                        if (band[t + 3] != 0)
                        {
                            System.Array.Copy(band, runs + RunsBytes, band, o + 8 + band[t + 2], band[t + 3]);
                        }
                    }
                }
            }
        }

        public void DrawIcon(int icon, int x, int y)
        {
            if (icon <= IconId.None || icon >= IconId.Count)
            {
                return;
            }
            MakeBand();
            int size = IconStyle.Size;
            FillRect(x, y, size, size, IconStyle.Tile(icon, IsColor));
            int top = y < 0 ? 0 : y;
            int bottom = InBand(y + size);
            UseInk(IconStyle.Glyph);
            for (int row = top; row < bottom; row++)
            {
                int bits = IconBitmaps.Row(_art, icon, row - y);
                // Twelve pixels, bit 11 leftmost: three nibbles.
                Nibble(bits >> 8 & 15, x, row);
                Nibble(bits >> 4 & 15, x + 4, row);
                Nibble(bits & 15, x + 8, row);
            }
        }

        /// <summary>Sends columns x..x+width-1 of the band's first rows: those of its window (all of a full-width band).</summary>
        public void FlushBand(int x, int screenY, int width, int height)
        {
            MakeBand();
            int columns = Columns;
            int skip = x - (_window & 0xFFFF);
            if (skip > 0)
            {
                // A part of the window (a caller that set none and flushes from x > 0): its columns moved to the start of
                // each row, where the writer reads them. The band is drawn again before its next flush.
                for (int row = 0; row < height; row++)
                {
                    System.Array.Copy(_band, (row * columns + skip) * 2, _band, row * columns * 2, width * 2);
                }
            }
            _write(x, screenY, width, height, _band, columns);
        }

        /// <summary>
        /// The flush is over: the band and the fonts' ASCII rows are let go until the next flush. A flush that cannot
        /// make them runs out of memory; the screen draws its regions again at the next turn (IdleScreen.Render).
        /// </summary>
        public void Release(bool drawn)
        {
            // A flush that ran out of heap is tried again with a band of one row (640 B less on a 320-pixel panel, twice
            // the passes); one that was drawn lets the next try the full band.
            _window = drawn ? _window & ~ShortBand : _window | ShortBand;
            _band = null;
            _art = null;
            _large.Release();
            _small.Release();
        }

        /// <summary>Copies the nibble's runs of lit pixels (its leftmost pixel at x) from the ink row, clipped to the band.</summary>
        private void Nibble(int nibble, int x, int row)
        {
            if (nibble == 0)
            {
                return;
            }
            byte[] runs = _band;
            int t = runs.Length - TailBytes + nibble * 4;
            Run(x + (runs[t] >> 1), runs[t + 1] >> 1, row);
            if (runs[t + 3] != 0)
            {
                Run(x + (runs[t + 2] >> 1), runs[t + 3] >> 1, row);
            }
        }

        private void Run(int x, int length, int row)
        {
            int first = _window & 0xFFFF;
            int columns = Columns;
            if (x < first)
            {
                length -= first - x;
                x = first;
            }
            if (x + length > first + columns)
            {
                length = first + columns - x;
            }
            if (length > 0)
            {
                System.Array.Copy(_band, _band.Length - InkBytes, _band, (row * columns + x - first) * 2, length * 2);
            }
        }

        private void UseInk(int color)
        {
            int ink = Ink(color);
            if (ink == _inkColor)
            {
                return;
            }
            for (int i = _band.Length - InkBytes; i < _band.Length; i += 2)
            {
                _band[i] = (byte)(ink >> 8);
                _band[i + 1] = (byte)ink;
            }
            _inkColor = ink;
        }

        private int Ink(int color) => IsColor ? color & 0xFFFF : color != 0 ? 0xFFFF : 0;
    }
}
