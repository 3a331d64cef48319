using DeskPhone.Ui.Fonts;
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
        private readonly Rgb565Canvas _draw;
        private readonly Rgb565Glass _glass;

        public SoftwarePanel(DisplayProfile profile)
        {
            _draw = new Rgb565Canvas(profile.Width, profile.Height, profile.IsColor);
            _glass = new Rgb565Glass(profile.Width, profile.Height, profile.IsColor);
        }

        public int Width => _draw.Width;
        public int Height => _draw.Height;
        public bool IsColor => _draw.IsColor;

        /// <summary>Bytes sent to the panel since the last <see cref="ResetCounters"/> (2 per pixel in colour, 1 bit in monochrome).</summary>
        public long FlushedBytes => _glass.FlushedBytes;
        public int Flushes => _glass.Flushes;

        public void ResetCounters() => _glass.ResetCounters();

        public void FillRect(int x, int y, int width, int height, int color) => _draw.FillRect(x, y, width, height, color);

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth) =>
            _draw.DrawText(text, x, y, color, font, maxWidth);

        public void DrawIcon(int icon, int x, int y) => _draw.DrawIcon(icon, x, y);

        public void Flush(int x, int y, int width, int height) => _glass.Receive(_draw, x, y, width, height, y);

        /// <summary>What the glass shows now as RGB565 (for tests that compare pixels).</summary>
        public ushort Pixel(int x, int y) => _glass.Pixel(x, y);

        public byte[] ToPng() => _glass.ToPng();
    }
}
