using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The board's band (Rgb565BandTarget there) as a recorder: the
    /// BandedPanel in front of it is the board's own, so what arrives here is exactly what the board would draw.
    /// The script names a text it expects; the band notes whether, and at which screen row, it was drawn.
    /// </summary>
    internal sealed class RecordingBand : IBandTarget
    {
        private string _expected;
        private bool _inBand;
        private int _bandY;

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
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            Texts++;
            if (_expected != null && !Seen && text != null && text.IndexOf(_expected) >= 0)
            {
                _inBand = true;
                _bandY = y;
            }
        }

        public void DrawIcon(int icon, int x, int y)
        {
        }

        public void FlushBand(int x, int screenY, int width, int height)
        {
            Bands++;
            if (_inBand)
            {
                _inBand = false;
                Seen = true;
                SeenAtY = screenY + _bandY;
            }
        }
    }
}
