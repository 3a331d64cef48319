using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeskPhone.FontGen
{
    /// <summary>
    /// Writes the glyphs as the device's font resource, which the board reads a glyph at a time (ui/Fonts/GlyphRows):
    /// little-endian, a 6-byte header ('G', 'R', cell width, cell height, glyph count as a 16-bit number), the code
    /// points sorted (16 bits each), then Height row bytes per glyph in the same order (most significant bit leftmost).
    /// ASCII (U+0020..U+007E) must be complete: it is the first 95 glyphs, which the device keeps resident.
    /// </summary>
    public static class GlyphRowsFile
    {
        public const int HeaderBytes = 6;
        public const int Ascii = 0x7E - 0x20 + 1;

        /// <param name="glyphs">Code point to Height rows, one byte each, most significant bit leftmost (Width up to 8).</param>
        public static byte[] Build(int width, int height, SortedDictionary<int, byte[]> glyphs)
        {
            if (width < 1 || width > 8 || height < 1 || height > 255 || glyphs.Count > 0xFFFF
                || glyphs.Keys.Any(c => c < 0 || c > 0xFFFF) || glyphs.Values.Any(rows => rows.Length != height))
            {
                throw new ArgumentException("glyphs must be 1 to 8 pixels wide, Height rows each, in U+0000..U+FFFF");
            }
            for (int c = 0x20; c <= 0x7E; c++)
            {
                if (!glyphs.ContainsKey(c))
                {
                    throw new ArgumentException("the font lacks U+" + c.ToString("X4") + ": the device keeps ASCII resident and needs all of it");
                }
            }
            if (glyphs.Keys.Any(c => c < 0x20))
            {
                throw new ArgumentException("control characters come before ASCII's resident block");
            }
            var file = new MemoryStream();
            var w = new BinaryWriter(file);
            w.Write((byte)'G');
            w.Write((byte)'R');
            w.Write((byte)width);
            w.Write((byte)height);
            w.Write((ushort)glyphs.Count);
            foreach (int c in glyphs.Keys)
            {
                w.Write((ushort)c);
            }
            foreach (byte[] rows in glyphs.Values)
            {
                w.Write(rows);
            }
            w.Flush();
            return file.ToArray();
        }
    }
}
