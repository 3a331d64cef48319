namespace DeskPhone.Ui.Icons
{
    /// <summary>
    /// An icon as a Windows BMP in memory, for nanoFramework's native decoder (<c>new Bitmap(bytes, Bmp)</c>), so the
    /// device draws an icon with one native DrawImage instead of a pixel loop in C#. That decoder reads only 8-bit
    /// indexed, 16-bit 565, 24- and 32-bit BMPs (not 1- or 4-bit), so this is 8-bit with a two-colour palette:
    /// 14-byte file header, 40-byte info header, 2 x 4 palette bytes, then 12 rows of 12 index bytes, bottom row first.
    /// </summary>
    public static class IconBmp
    {
        public const int HeaderSize = 14 + 40 + 2 * 4;
        public const int RowBytes = (IconBitmaps.Size + 3) / 4 * 4;
        public const int Length = HeaderSize + RowBytes * IconBitmaps.Size;

        /// <summary>The icon's BMP: palette entry 0 is the tile colour, 1 the glyph colour (<see cref="IconStyle"/>).</summary>
        public static byte[] Build(int icon, bool isColor)
        {
            int size = IconBitmaps.Size;
            var bmp = new byte[Length];
            bmp[0] = (byte)'B';
            bmp[1] = (byte)'M';
            Put(bmp, 2, Length);
            Put(bmp, 10, HeaderSize);
            Put(bmp, 14, 40);
            Put(bmp, 18, size);
            Put(bmp, 22, size); // positive height: bottom-up rows, the common layout
            bmp[26] = 1; // planes
            bmp[28] = 8; // bits per pixel
            // 30: compression 0 (BI_RGB)
            Put(bmp, 34, RowBytes * size);
            Put(bmp, 46, 2); // colours used; the decoder divides the palette bytes by it
            PutColor(bmp, 54, IconStyle.Tile(icon, isColor));
            PutColor(bmp, 58, IconStyle.Glyph);
            for (int y = 0; y < size; y++)
            {
                int row = IconBitmaps.Row(icon, y);
                int o = HeaderSize + (size - 1 - y) * RowBytes;
                for (int x = 0; x < size; x++)
                {
                    bmp[o + x] = (byte)((row >> (size - 1 - x)) & 1);
                }
            }
            return bmp;
        }

        private static void Put(byte[] b, int at, int value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
            b[at + 2] = (byte)(value >> 16);
            b[at + 3] = (byte)(value >> 24);
        }

        // Palette entries are blue, green, red, 0; each 565 channel is widened by repeating its top bits, so a
        // panel that narrows back to 565 gets the exact colour.
        private static void PutColor(byte[] b, int at, int rgb565)
        {
            int r = (rgb565 >> 11) & 0x1F;
            int g = (rgb565 >> 5) & 0x3F;
            int bl = rgb565 & 0x1F;
            b[at] = (byte)((bl << 3) | (bl >> 2));
            b[at + 1] = (byte)((g << 2) | (g >> 4));
            b[at + 2] = (byte)((r << 3) | (r >> 2));
            b[at + 3] = 0;
        }
    }
}
