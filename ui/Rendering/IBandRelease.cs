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

        void Release();
    }
}
