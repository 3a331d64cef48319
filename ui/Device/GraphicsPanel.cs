using System.Drawing;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;
using nanoFramework.UI;

namespace DeskPhone.Ui.Device
{
    /// <summary>
    /// The panel on the board: nanoFramework.Graphics draws natively (fill, text, flush of a rectangle), so no
    /// pixel is pushed from C#. The two fonts are .tinyfnt resources with the same cell sizes as the host's
    /// BitmapFonts (8x16 and 6x12; docs/ui.md), so the host's layout is the device's layout.
    /// </summary>
    public sealed class GraphicsPanel : IPanel
    {
        private const ushort Opaque = 256;

        private readonly Bitmap _screen;
        private readonly Font _large;
        private readonly Font _small;
        private readonly Bitmap[] _icons = new Bitmap[IconId.Count];

        public GraphicsPanel(Bitmap screen, bool isColor, Font large, Font small)
        {
            _screen = screen;
            IsColor = isColor;
            _large = large;
            _small = small;
        }

        public int Width => _screen.Width;
        public int Height => _screen.Height;
        public bool IsColor { get; }

        public void FillRect(int x, int y, int width, int height, int color) =>
            _screen.FillRectangle(x, y, width, height, ToColor(color), Opaque);

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            int fit = font.Fit(maxWidth);
            _screen.DrawText(text.Length > fit ? text.Substring(0, fit) : text, font.Height > 12 ? _large : _small, ToColor(color), x, y);
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
            _screen.DrawImage(x, y, image, 0, 0, IconStyle.Size, IconStyle.Size, Opaque);
        }

        public void Flush(int x, int y, int width, int height) => _screen.Flush(x, y, width, height);

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
