using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Boot
{
    /// <summary>
    /// Sits between the board's BandedPanel and its Rgb565BandTarget (BootPanel) and passes every call on, so what is
    /// drawn is exactly what the board would draw and send; or, made from a display profile, draws nothing (the
    /// interpreter-cost program, tests/Device.Cost, counts the phone's work, not the pixels'). The script names a text
    /// it expects; the band notes whether, and at which screen row, it was drawn.
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
            Width = band.Width;
            BandHeight = band.BandHeight;
            IsColor = band.IsColor;
        }

        /// <summary>A band of the status line's height that draws nothing.</summary>
        public RecordingBand(DisplayProfile profile)
        {
            Width = profile.Width;
            BandHeight = profile.StatusHeight;
            IsColor = profile.IsColor;
        }

        public int Width { get; }
        public int BandHeight { get; }
        public bool IsColor { get; }

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

        public void FillRect(int x, int y, int width, int height, int color)
        {
            if (_band != null)
            {
                _band.FillRect(x, y, width, height, color);
            }
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            Texts++;
            if (_expected != null && !Seen && !_inBand && text != null && text.IndexOf(_expected) >= 0)
            {
                _inBand = true;
                _bandY = y;
            }
            if (_band != null)
            {
                _band.DrawText(text, x, y, color, font, maxWidth);
            }
        }

        public void DrawIcon(int icon, int x, int y)
        {
            if (_band != null)
            {
                _band.DrawIcon(icon, x, y);
            }
        }

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
            if (_band != null)
            {
                _band.FlushBand(x, screenY, width, height);
            }
        }

        /// <summary>The board's band is made as wide as the flush (BandedPanel sets the window): so is this one's.</summary>
        public void Window(int x, int width)
        {
            if (_band != null)
            {
                _band.Window(x, width);
            }
        }

        public void Prepare(string text, int x, BitmapFont font, int maxWidth)
        {
            if (_band != null)
            {
                _band.Prepare(text, x, font, maxWidth);
            }
        }

        public GlyphRows Glyphs(bool small) => _band?.Glyphs(small);

        public int Band() => _band != null ? _band.Band() : BandHeight;

        public void Release(bool drawn)
        {
            if (_band != null)
            {
                _band.Release(drawn);
            }
        }
    }
}
