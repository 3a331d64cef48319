using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Host.Panel
{
    /// <summary>
    /// The host's panel: an RGB565 framebuffer that draws like the device (fill, text cells, icons), counts what it
    /// was asked to flush, and writes PNG. What it shows is what a flush has sent: drawing without a flush does not
    /// reach the "glass" that <see cref="ToPng"/> reads.
    /// </summary>
    public sealed class SoftwarePanel : IPanel
    {
        private readonly ushort[] _draw;
        private readonly ushort[] _glass;

        public SoftwarePanel(DisplayProfile profile)
        {
            Width = profile.Width;
            Height = profile.Height;
            IsColor = profile.IsColor;
            _draw = new ushort[Width * Height];
            _glass = new ushort[Width * Height];
        }

        public int Width { get; }
        public int Height { get; }
        public bool IsColor { get; }

        /// <summary>Bytes sent to the panel since the last <see cref="ResetCounters"/> (2 per pixel in colour, 1 bit in monochrome).</summary>
        public long FlushedBytes { get; private set; }
        public int Flushes { get; private set; }

        public void ResetCounters()
        {
            FlushedBytes = 0;
            Flushes = 0;
        }

        public void FillRect(int x, int y, int width, int height, int color)
        {
            for (int row = System.Math.Max(0, y); row < System.Math.Min(Height, y + height); row++)
            {
                for (int col = System.Math.Max(0, x); col < System.Math.Min(Width, x + width); col++)
                {
                    _draw[row * Width + col] = Ink(color);
                }
            }
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            if (text == null)
            {
                return;
            }
            int columns = System.Math.Min(text.Length, maxWidth / font.Width);
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
                    int px = x + col;
                    int py = y + row;
                    if (IconBitmaps.IsSet(icon, col, row) && px >= 0 && px < Width && py >= 0 && py < Height)
                    {
                        _draw[py * Width + px] = Ink(IconStyle.Glyph);
                    }
                }
            }
        }

        public void Flush(int x, int y, int width, int height)
        {
            Flushes++;
            FlushedBytes += IsColor ? (long)width * height * 2 : (long)width * height / 8;
            for (int row = y; row < y + height && row < Height; row++)
            {
                System.Array.Copy(_draw, row * Width + x, _glass, row * Width + x, System.Math.Min(width, Width - x));
            }
        }

        /// <summary>What the glass shows now as RGB565 (for tests that compare pixels).</summary>
        public ushort Pixel(int x, int y) => _glass[y * Width + x];

        public byte[] ToPng() => PngWriter.Rgb565(Width, Height, _glass);

        private void DrawGlyph(char c, int x, int y, int color, BitmapFont font)
        {
            for (int row = 0; row < font.Height; row++)
            {
                int bits = font.Row(c, row);
                if (bits < 0)
                {
                    // No glyph at all: a visible box rather than nothing.
                    bits = row == 0 || row == font.Height - 1 ? 0xFF : 0x81;
                }
                for (int col = 0; col < font.Width; col++)
                {
                    if ((bits & (0x80 >> col)) != 0)
                    {
                        int px = x + col;
                        int py = y + row;
                        if (px >= 0 && px < Width && py >= 0 && py < Height)
                        {
                            _draw[py * Width + px] = Ink(color);
                        }
                    }
                }
            }
        }

        private ushort Ink(int color) => IsColor ? (ushort)color : (ushort)(color != 0 ? 0xFFFF : 0);
    }
}
