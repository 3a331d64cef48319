using DeskPhone.Host.Panel.Fonts;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Host.Panel
{
    /// <summary>
    /// RGB565 pixels the host draws into the way the device does (fill, text cells, icons), clipped to the canvas:
    /// the whole frame of <see cref="SoftwarePanel"/> or the one band of <see cref="SoftwareBandTarget"/>.
    /// </summary>
    public sealed class Rgb565Canvas
    {
        public Rgb565Canvas(int width, int height, bool isColor)
        {
            Width = width;
            Height = height;
            IsColor = isColor;
            Pixels = new ushort[width * height];
        }

        public int Width { get; }
        public int Height { get; }
        public bool IsColor { get; }

        /// <summary>Row-major, <see cref="Width"/> per row.</summary>
        public ushort[] Pixels { get; }

        public void FillRect(int x, int y, int width, int height, int color)
        {
            for (int row = System.Math.Max(0, y); row < System.Math.Min(Height, y + height); row++)
            {
                for (int col = System.Math.Max(0, x); col < System.Math.Min(Width, x + width); col++)
                {
                    Pixels[row * Width + col] = Ink(color);
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
                    if (IconBitmaps.IsSet(icon, col, row))
                    {
                        Plot(x + col, y + row, IconStyle.Glyph);
                    }
                }
            }
        }

        private void DrawGlyph(char c, int x, int y, int color, BitmapFont font)
        {
            FontGlyphs glyphs = FontGlyphs.For(font);
            for (int row = 0; row < font.Height; row++)
            {
                int bits = glyphs.Row(c, row);
                if (bits < 0)
                {
                    // No glyph at all: a visible box rather than nothing.
                    bits = row == 0 || row == font.Height - 1 ? 0xFF : 0x81;
                }
                for (int col = 0; col < font.Width; col++)
                {
                    if ((bits & (0x80 >> col)) != 0)
                    {
                        Plot(x + col, y + row, color);
                    }
                }
            }
        }

        private void Plot(int x, int y, int color)
        {
            if (x >= 0 && x < Width && y >= 0 && y < Height)
            {
                Pixels[y * Width + x] = Ink(color);
            }
        }

        private ushort Ink(int color) => IsColor ? (ushort)color : (ushort)(color != 0 ? 0xFFFF : 0);
    }
}
