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
        /// The glyphs of the small font (<see cref="BitmapFont.Terminus6x12"/>) or the large one (null: a target that
        /// draws nothing). After the texts are prepared the panel reads the ASCII rows they need with
        /// <see cref="GlyphRows.Read"/>, from its own frame (not under a method of the target's: one frame less under the
        /// font read's, docs/benchmarks.md h-screenturn), so that drawing reads nothing from the font resources (the read's
        /// interpreter frames, about 1 KB, and its allocation never meet the band and the drawing frames;
        /// docs/benchmarks.md, h-callscreen, h-glyphread).
        /// </summary>
        GlyphRows Glyphs(bool small);

        /// <summary>Makes the band after the texts are prepared; returns its rows (fewer than BandHeight when the heap is short).</summary>
        int Band();

        /// <param name="drawn">The flush sent all its bands (false: it ran out of heap and is tried again later).</param>
        void Release(bool drawn);
    }
}
