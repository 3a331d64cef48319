using DeskPhone.Ui.Fonts;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// A band target that makes per flush what only drawing needs (Rgb565BandTarget: its band, and the fonts' ASCII
    /// rows, 1,520 B for 8x16): <see cref="BandedPanel"/> calls <see cref="Window"/> with the flushed rectangle's columns
    /// before its first band, so the band is made only that wide (a flush of a few character cells, the call screen's
    /// duration each second, draws into a band of a few dozen bytes and looks up no glyph outside them), and
    /// <see cref="Release"/> after each flush, so the screen at rest keeps none of it and the next text drawn reads it
    /// again.
    /// </summary>
    public interface IBandRelease
    {
        void Window(int x, int width);

        /// <summary>
        /// Called for each text of the flush after <see cref="Window"/> and before the band is made (as
        /// <see cref="IPanel.DrawText"/>'s arguments): marks the glyph rows the text will draw inside the window, and
        /// reads those outside ASCII.
        /// </summary>
        void Prepare(string text, int x, BitmapFont font, int maxWidth);

        /// <summary>
        /// Reads the ASCII glyph rows the prepared texts need, so that drawing reads nothing from the font resources (the
        /// read's interpreter frames, about 1 KB, and its allocation never meet the band and the drawing frames;
        /// docs/benchmarks.md, h-callscreen, h-glyphread). An <see cref="System.OutOfMemoryException"/> when there is no
        /// heap for them: the redraw waits.
        /// </summary>
        void ReadGlyphs();

        /// <summary>Makes the band after the texts are prepared; returns its rows (fewer than BandHeight when the heap is short).</summary>
        int Band();

        /// <param name="drawn">The flush sent all its bands (false: it ran out of heap and is tried again later).</param>
        void Release(bool drawn);
    }
}
