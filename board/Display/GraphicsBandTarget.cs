using System.Drawing;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;
using nanoFramework.UI;

namespace DeskPhone.Board.Display
{
    /// <summary>
    /// The band the board's <see cref="BandedPanel"/> paints into: one small nanoFramework.Graphics bitmap the width
    /// of the panel (320 x 20 x 2 = 12,800 bytes instead of a 153,600-byte screen), drawn natively (fill, text,
    /// icon blit) and sent with <c>Bitmap.Flush(srcX, srcY, w, h, screenX, screenY)</c>, so no pixel is pushed
    /// from C#. Drawing outside the bitmap is clipped by the native code. The two fonts are .tinyfnt resources
    /// with the same cell sizes as the host's BitmapFonts (8x16 and 6x12; docs/ui.md), so the host's layout is
    /// the device's layout.
    /// </summary>
    public sealed class GraphicsBandTarget : IBandTarget
    {
        private const ushort Opaque = 256;

        // Each nanoFramework bitmap is its pixels (16 bpp) plus a native header (CLR_GFX_Bitmap, well under this)
        // in the graphics heap; the margin covers the heap's own bookkeeping.
        private const int BitmapHeaderBytes = 64;
        private const int HeapMarginBytes = 2048;

        private readonly Bitmap _band;
        private readonly Font _large;
        private readonly Font _small;
        private readonly Bitmap[] _icons = new Bitmap[IconId.Count];

        public GraphicsBandTarget(int width, int bandHeight, bool isColor, Font large, Font small)
        {
            _band = new Bitmap(width, bandHeight);
            IsColor = isColor;
            _large = large;
            _small = small;
        }

        /// <summary>
        /// Graphics heap for DisplayControl.Initialize: the band and every icon cached (the most there can be),
        /// 27,232 bytes for a 320 x 20 band against 153,600 for a full screen.
        /// </summary>
        public static int GraphicsBytes(int width, int bandHeight) =>
            width * bandHeight * 2 + (IconId.Count - 1) * IconStyle.Size * IconStyle.Size * 2 + IconId.Count * BitmapHeaderBytes + HeapMarginBytes;

        public int Width => _band.Width;
        public int BandHeight => _band.Height;
        public bool IsColor { get; }

        public void FillRect(int x, int y, int width, int height, int color) =>
            _band.FillRectangle(x, y, width, height, ToColor(color), Opaque);

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            int fit = font.Fit(maxWidth);
            _band.DrawText(text.Length > fit ? text.Substring(0, fit) : text, font.Height > 12 ? _large : _small, ToColor(color), x, y);
        }

        public void DrawIcon(int icon, int x, int y)
        {
            if (icon <= IconId.None || icon >= IconId.Count)
            {
                return;
            }
            // Decoded once per icon by the native BMP decoder, then every draw is one native blit.
            Bitmap image = _icons[icon];
            if (image == null)
            {
                image = new Bitmap(IconBmp.Build(icon, IsColor), Bitmap.BitmapImageType.Bmp);
                _icons[icon] = image;
            }
            _band.DrawImage(x, y, image, 0, 0, IconStyle.Size, IconStyle.Size, Opaque);
        }

        public void FlushBand(int x, int screenY, int width, int height) => _band.Flush(x, 0, width, height, x, screenY);

        private Color ToColor(int rgb565)
        {
            if (!IsColor)
            {
                return rgb565 != 0 ? Color.FromArgb(255, 255, 255) : Color.FromArgb(0, 0, 0);
            }
            return Color.FromArgb(((rgb565 >> 11) & 0x1F) * 255 / 31, ((rgb565 >> 5) & 0x3F) * 255 / 63, (rgb565 & 0x1F) * 255 / 31);
        }
    }
}
