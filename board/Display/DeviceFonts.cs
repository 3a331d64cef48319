using nanoFramework.UI;

namespace DeskPhone.Board.Display
{
    /// <summary>
    /// The device's two fonts, the same glyphs and cells as the host's BitmapFont.Fixed8x16 and Terminus6x12
    /// (board/Display/Resources, made by tools/FontGen). Loaded on first use: each costs its bitmap in managed heap.
    /// </summary>
    public static class DeviceFonts
    {
        private static Font _large;
        private static Font _small;

        /// <summary>8x16, the colour profiles' font.</summary>
        public static Font Large => _large ??= DeviceResources.GetFont(DeviceResources.FontResources.Fixed8x16);

        /// <summary>6x12, the monochrome profile's font and the icons' symbols.</summary>
        public static Font Small => _small ??= DeviceResources.GetFont(DeviceResources.FontResources.Terminus6x12);
    }
}
