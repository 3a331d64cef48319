using DeskPhone.Ui.Fonts;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// A small drawing surface the width of the panel and a few rows high, which <see cref="BandedPanel"/> paints one
    /// band of a flushed rectangle into and sends to the glass. Coordinates are the band's: x as on the screen, y
    /// from the band's top row; everything outside the band is clipped.
    /// </summary>
    public interface IBandTarget
    {
        int Width { get; }
        int BandHeight { get; }
        bool IsColor { get; }

        void FillRect(int x, int y, int width, int height, int color);

        /// <summary>As <see cref="IPanel.DrawText"/>, in band coordinates.</summary>
        void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth);

        /// <summary>As <see cref="IPanel.DrawIcon"/>, in band coordinates.</summary>
        void DrawIcon(int icon, int x, int y);

        /// <summary>Sends the band's columns x..x+width-1 of rows 0..height-1 to the screen at (x, screenY).</summary>
        void FlushBand(int x, int screenY, int width, int height);
    }
}
