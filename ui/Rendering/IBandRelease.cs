namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// A band target that holds something only drawing needs (Rgb565BandTarget: the fonts' ASCII rows, 1,520 B for
    /// 8x16): <see cref="BandedPanel"/> calls <see cref="Release"/> after each flush, so the screen at rest keeps none
    /// of it and the next text drawn reads it again.
    /// </summary>
    public interface IBandRelease
    {
        void Release();
    }
}
