using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Boot
{
    /// <summary>
    /// Sits between the board's BandedPanel and its Rgb565BandTarget (BootPanel) and passes every call on, so what is
    /// drawn is exactly what the board would draw and send. The script names a text it expects; the band notes
    /// whether, and at which screen row, it was drawn.
    /// </summary>
    internal sealed class RecordingBand : IBandTarget, IBandRelease
    {
        private readonly Rgb565BandTarget _band;
        private string _expected;
        private bool _inBand;
        private int _bandY;

        public RecordingBand(Rgb565BandTarget band)
        {
            _band = band;
        }

        public int Width => _band.Width;
        public int BandHeight => _band.BandHeight;
        public bool IsColor => _band.IsColor;

        public int Texts;
        public int Bands;

        /// <summary>Bytes of pixels the flushed bands held (2 a pixel): what the panel must have received.</summary>
        public int PixelBytes;

        /// <summary>The expected text was drawn (in a band that was sent to the glass).</summary>
        public bool Seen;

        /// <summary>The screen row of the top of the expected text, once seen.</summary>
        public int SeenAtY = -1;

        public void Expect(string text)
        {
            _expected = text;
            _inBand = false;
            Seen = false;
            SeenAtY = -1;
        }

        public void FillRect(int x, int y, int width, int height, int color) => _band.FillRect(x, y, width, height, color);

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            Texts++;
            if (_expected != null && !Seen && !_inBand && text != null && text.IndexOf(_expected) >= 0)
            {
                _inBand = true;
                _bandY = y;
            }
            _band.DrawText(text, x, y, color, font, maxWidth);
        }

        public void DrawIcon(int icon, int x, int y) => _band.DrawIcon(icon, x, y);

        public void FlushBand(int x, int screenY, int width, int height)
        {
            Bands++;
            PixelBytes += width * height * 2;
            if (_inBand)
            {
                _inBand = false;
                Seen = true;
                SeenAtY = screenY + _bandY;
            }
            _band.FlushBand(x, screenY, width, height);
        }

        public void Release() => _band.Release();
    }
}
