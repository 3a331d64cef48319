// nanoFramework.Graphics (and .Core) members the Device folders use, declared where nanoFramework
// declares them, with the real signatures and empty bodies. System.Drawing.Color shadows the host's.
namespace System.Drawing
{
    public struct Color
    {
        public static Color FromArgb(int red, int green, int blue) => default;
    }
}

namespace nanoFramework.UI
{
    public class Font
    {
    }

    public class Bitmap
    {
        public enum BitmapImageType : byte { NanoCLRBitmap = 0, Gif = 1, Jpeg = 2, Bmp = 3 }

        public Bitmap(int width, int height) { }
        public Bitmap(byte[] imageData, BitmapImageType type) { }
        public int Width => 0;
        public int Height => 0;
        public void FillRectangle(int x, int y, int width, int height, System.Drawing.Color color, ushort opacity) { }
        public void DrawText(string text, Font font, System.Drawing.Color color, int x, int y) { }
        public void DrawImage(int xDst, int yDst, Bitmap bitmap, int xSrc, int ySrc, int width, int height, ushort opacity) { }
        public void Flush(int srcX, int srcY, int width, int height, int screenX, int screenY) { }
    }

    public class GraphicDriver
    {
    }

    public class SpiConfiguration
    {
        public SpiConfiguration(byte spiBus, int chipSelect, int dataCommand, int reset, int backLight) { }
    }

    public struct ScreenConfiguration
    {
        public ScreenConfiguration(ushort x, ushort y, ushort width, ushort height, GraphicDriver graphicDriver = null) { }
    }

    public static class DisplayControl
    {
        public static void Initialize(SpiConfiguration spi, ScreenConfiguration screen, uint bufferSize) { }
    }
}
