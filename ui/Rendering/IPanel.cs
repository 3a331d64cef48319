using DeskPhone.Ui.Fonts;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// The panel the renderer draws on, kept small: fill, text, icon, flush. The device implements it with
    /// a BandedPanel in front of an Rgb565BandTarget (block copies into a few rows sent over SPI), the host with a
    /// software RGB565 framebuffer. Colours are RGB565;
    /// a monochrome panel lights every non-zero colour.
    /// </summary>
    public interface IPanel
    {
        int Width { get; }
        int Height { get; }
        bool IsColor { get; }

        void FillRect(int x, int y, int width, int height, int color);

        /// <summary>Draws one line of text with its top-left corner at (x, y); clipped at <paramref name="maxWidth"/> pixels.</summary>
        void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth);

        /// <summary>Draws a 12x12 icon (DeskPhone.Ui.Icons.IconId) with its top-left corner at (x, y).</summary>
        void DrawIcon(int icon, int x, int y);

        /// <summary>Sends a rectangle of the frame to the glass.</summary>
        void Flush(int x, int y, int width, int height);
    }
}
