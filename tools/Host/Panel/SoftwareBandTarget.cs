using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Host.Panel
{
    /// <summary>
    /// The host's band target for <see cref="BandedPanel"/>: one band of <see cref="Rgb565Canvas"/> (the software
    /// panel's drawing) and a glass of the whole screen, so tests compare it pixel by pixel with a
    /// <see cref="SoftwarePanel"/> and count bytes and bands the way the device sends them.
    /// </summary>
    public sealed class SoftwareBandTarget : IBandTarget
    {
        private readonly Rgb565Canvas _band;
        private readonly Rgb565Glass _glass;

        public SoftwareBandTarget(DisplayProfile profile, int bandHeight)
        {
            _band = new Rgb565Canvas(profile.Width, bandHeight, profile.IsColor);
            _glass = new Rgb565Glass(profile.Width, profile.Height, profile.IsColor);
        }

        public int Width => _band.Width;
        public int BandHeight => _band.Height;
        public bool IsColor => _band.IsColor;

        /// <summary>The band's pixels, as the device's band bitmap would hold them (bytes: 2 per pixel).</summary>
        public int BandBytes => _band.Width * _band.Height * 2;

        /// <summary>Bytes sent since the last <see cref="ResetCounters"/>, summed over the bands.</summary>
        public long FlushedBytes => _glass.FlushedBytes;

        /// <summary>Bands sent since the last <see cref="ResetCounters"/>.</summary>
        public int Bands => _glass.Flushes;

        public void ResetCounters() => _glass.ResetCounters();

        public void FillRect(int x, int y, int width, int height, int color) => _band.FillRect(x, y, width, height, color);

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth) =>
            _band.DrawText(text, x, y, color, font, maxWidth);

        public void DrawIcon(int icon, int x, int y) => _band.DrawIcon(icon, x, y);

        public void FlushBand(int x, int screenY, int width, int height) => _glass.Receive(_band, x, 0, width, height, screenY);

        public ushort Pixel(int x, int y) => _glass.Pixel(x, y);

        public byte[] ToPng() => _glass.ToPng();
    }
}
