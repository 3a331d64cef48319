using DeskPhone.Ui.Fonts;

namespace DeskPhone.Board.Display
{
    /// <summary>
    /// The device's two fonts, the same glyphs and cells as the host's Fixed8x16 and Terminus6x12 tables
    /// (board/Display/Resources/*.glyphs, made by tools/FontGen). Loaded on first use: each keeps its ASCII rows in the
    /// managed heap (1,520 B and 1,140 B) and reads any other glyph from the resource when it is drawn.
    /// </summary>
    public static class DeviceFonts
    {
        private static GlyphRows _large;
        private static GlyphRows _small;

        /// <summary>8x16, the colour profiles' font.</summary>
        public static GlyphRows Large => _large ??= new GlyphRows(ReadLarge);

        /// <summary>6x12, the monochrome profile's font.</summary>
        public static GlyphRows Small => _small ??= new GlyphRows(ReadSmall);

        // Bytes offset..offset+count-1 of the font resource, copied into a new array (the rest stays in flash); with the
        // heap short nanoCLR may hand back something else (the count), so the result is not cast here: GlyphRows checks
        // it. The resource read straight from the reader, no helper between: one frame less under the read's three
        // (docs/benchmarks.md h-redraw5), as the boot harness's reader (tests/Device.Boot/BootPanel.cs).
        private static object ReadLarge(int offset, int count) =>
            nanoFramework.Runtime.Native.ResourceUtility.GetObject(DeviceResources.ResourceManager, DeviceResources.BinaryResources.Fixed8x16, offset, count);

        private static object ReadSmall(int offset, int count) =>
            nanoFramework.Runtime.Native.ResourceUtility.GetObject(DeviceResources.ResourceManager, DeviceResources.BinaryResources.Terminus6x12, offset, count);
    }
}
