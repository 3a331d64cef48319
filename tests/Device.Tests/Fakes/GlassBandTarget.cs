using DeskPhone.Host.Panel.Fonts;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// A band target for <see cref="BandedPanel"/> that draws as the host's software panel does (RGB565 cells: fills,
    /// glyphs of the host's Terminus 6x12 table, icons), keeps a glass of the whole screen that each flushed band is
    /// copied to, and gives a checksum of the glass: the device twin of tools/Host's SoftwareBandTarget, so a screen
    /// rendered here must equal the host golden pixel for pixel. Monochrome inks are 0x0000 and 0xFFFF, as on the host.
    /// </summary>
    public sealed class GlassBandTarget : IBandTarget
    {
        private readonly ushort[] _band;
        private readonly ushort[] _glass;
        private readonly int _height;

        public GlassBandTarget(DisplayProfile profile, int bandHeight)
        {
            Width = profile.Width;
            _height = profile.Height;
            BandHeight = bandHeight;
            IsColor = profile.IsColor;
            _band = new ushort[Width * bandHeight];
            _glass = new ushort[Width * profile.Height];
        }

        public int Width { get; }
        public int BandHeight { get; }
        public bool IsColor { get; }
        public int Bands { get; private set; }

        public ushort Pixel(int x, int y) => _glass[y * Width + x];

        /// <summary>FNV-1a (32 bit) over the glass's RGB565 values, row by row, low byte first.</summary>
        public uint Checksum()
        {
            return Fnv1a(_glass);
        }

        public static uint Fnv1a(ushort[] pixels)
        {
            uint h = 2166136261;
            for (int i = 0; i < pixels.Length; i++)
            {
                h = (h ^ (uint)(pixels[i] & 0xFF)) * 16777619;
                h = (h ^ (uint)(pixels[i] >> 8)) * 16777619;
            }
            return h;
        }

        public void FillRect(int x, int y, int width, int height, int color)
        {
            ushort ink = Ink(color);
            int top = y < 0 ? 0 : y;
            int bottom = y + height > BandHeight ? BandHeight : y + height;
            int left = x < 0 ? 0 : x;
            int right = x + width > Width ? Width : x + width;
            for (int row = top; row < bottom; row++)
            {
                for (int col = left; col < right; col++)
                {
                    _band[row * Width + col] = ink;
                }
            }
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            if (text == null)
            {
                return;
            }
            int columns = maxWidth / font.Width;
            if (text.Length < columns)
            {
                columns = text.Length;
            }
            for (int i = 0; i < columns; i++)
            {
                DrawGlyph(text[i], x + i * font.Width, y, color, font);
            }
        }

        public void DrawIcon(int icon, int x, int y)
        {
            if (icon <= IconId.None || icon >= IconId.Count)
            {
                return;
            }
            int size = IconStyle.Size;
            FillRect(x, y, size, size, IconStyle.Tile(icon, IsColor));
            for (int row = 0; row < size; row++)
            {
                for (int col = 0; col < size; col++)
                {
                    if (IconBitmaps.IsSet(icon, col, row))
                    {
                        Plot(x + col, y + row, IconStyle.Glyph);
                    }
                }
            }
        }

        public void FlushBand(int x, int screenY, int width, int height)
        {
            Bands++;
            int columns = width < Width - x ? width : Width - x;
            for (int row = 0; row < height && screenY + row < _height; row++)
            {
                System.Array.Copy(_band, row * Width + x, _glass, (screenY + row) * Width + x, columns);
            }
        }

        private void DrawGlyph(char c, int x, int y, int color, BitmapFont font)
        {
            int glyph = Find(c);
            if (glyph < 0)
            {
                glyph = Find('\uFFFD');
            }
            for (int row = 0; row < font.Height; row++)
            {
                int bits = glyph < 0 || font.Height != Terminus6x12Data.Height
                    ? (row == 0 || row == font.Height - 1 ? 0xFF : 0x81)
                    : Terminus6x12Data.Rows[glyph * Terminus6x12Data.Height + row];
                for (int col = 0; col < font.Width; col++)
                {
                    if ((bits & (0x80 >> col)) != 0)
                    {
                        Plot(x + col, y + row, color);
                    }
                }
            }
        }

        /// <summary>The glyph's index in the table (sorted code points), or -1.</summary>
        private static int Find(char c)
        {
            int[] points = Terminus6x12Data.CodePoints;
            int lo = 0;
            int hi = points.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                if (points[mid] == c)
                {
                    return mid;
                }
                if (points[mid] < c)
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

        private void Plot(int x, int y, int color)
        {
            if (x >= 0 && x < Width && y >= 0 && y < BandHeight)
            {
                _band[y * Width + x] = Ink(color);
            }
        }

        private ushort Ink(int color) => IsColor ? (ushort)color : (ushort)(color != 0 ? 0xFFFF : 0);
    }
}
