namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// A band target that can make its band only as wide as the columns a flush sends (Rgb565BandTarget):
    /// <see cref="BandedPanel"/> calls <see cref="Window"/> with the flushed rectangle's columns before its first band,
    /// so a flush of a few character cells (the call screen's duration each second) draws into a band of a few dozen
    /// bytes and looks up no glyph outside them.
    /// </summary>
    public interface IBandWindow
    {
        void Window(int x, int width);
    }
}
