using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeskPhone.FontGen
{
    /// <summary>
    /// Writes the glyphs as a nanoFramework .tinyfnt, the font resource nanoFramework.Graphics draws natively.
    /// The layout is the one the native code reads (nf-interpreter Graphics.h / Font.cpp, the metadata processor's
    /// font processor): a resource-file header (magic 0xF995B0A8, version 2, one resource of kind Font), then
    /// CLR_GFX_FontDescription (metrics, range and character counts), CLR_GFX_BitmapDescription, the ranges and
    /// characters (each with a sentinel after the last) and a 1 bpp bitmap of all glyphs side by side, rows padded
    /// to 32-bit words, leftmost pixel in the lowest bit. All little-endian.
    /// Every glyph is a full cell (no margins), so each character is exactly Width wide and Height high, like the
    /// host's BitmapFont.
    /// </summary>
    public static class TinyFont
    {
        public const uint ResourceFileMagic = 0xF995B0A8;
        private const uint ResourceFileVersion = 2;
        private const uint FileHeaderSize = 5 * 4;
        private const uint ResourceHeaderSize = 2 * 4;
        private const byte ResourceKindFont = 2;

        /// <summary>Rows above the baseline: the PSF has no baseline, so it is taken from where 'H' ends.</summary>
        public static int Ascent(int height, IReadOnlyDictionary<int, byte[]> glyphs)
        {
            if (!glyphs.TryGetValue('H', out byte[] h))
            {
                return height;
            }
            for (int row = height - 1; row >= 0; row--)
            {
                if (h[row] != 0)
                {
                    return row + 1;
                }
            }
            return height;
        }

        /// <param name="glyphs">Code point to Height rows, one byte each, most significant bit leftmost (Width up to 8).</param>
        public static byte[] Build(int width, int height, SortedDictionary<int, byte[]> glyphs)
        {
            if (width < 1 || width > 8 || glyphs.Count == 0 || glyphs.Keys.Any(c => c < 0 || c > 0xFFFD))
            {
                throw new ArgumentException("glyphs must be 1 to 8 pixels wide, at least one, in U+0000..U+FFFD");
            }
            int[] codes = glyphs.Keys.ToArray();
            var rangeStarts = new List<int>();
            for (int i = 0; i < codes.Length; i++)
            {
                if (i == 0 || codes[i] != codes[i - 1] + 1)
                {
                    rangeStarts.Add(i);
                }
            }
            int ascent = Ascent(height, glyphs);
            int bitmapWidth = codes.Length * width;
            int wordsPerRow = (bitmapWidth + 31) / 32;

            var font = new MemoryStream();
            var w = new BinaryWriter(font);
            // CLR_GFX_FontMetrics: height, offset, ascent, descent, internal and external leading, average and max width.
            w.Write((ushort)height);
            w.Write((short)0);
            w.Write((short)ascent);
            w.Write((short)(height - ascent));
            w.Write((short)0);
            w.Write((short)0);
            w.Write((short)width);
            w.Write((short)width);
            // CLR_GFX_FontDescription: ranges, characters, flags (plain 1 bpp, no anti-aliasing), pad.
            w.Write((ushort)rangeStarts.Count);
            w.Write((ushort)codes.Length);
            w.Write((ushort)0);
            w.Write((ushort)0);
            // CLR_GFX_BitmapDescription: width, height, flags, bits per pixel, type (nanoCLR bitmap).
            w.Write((uint)bitmapWidth);
            w.Write((uint)height);
            w.Write((ushort)0);
            w.Write((byte)1);
            w.Write((byte)0);
            // CLR_GFX_FontCharacterRange: first character index, first and last code point, x of the range in the bitmap.
            for (int r = 0; r < rangeStarts.Count; r++)
            {
                int first = rangeStarts[r];
                int last = (r + 1 < rangeStarts.Count ? rangeStarts[r + 1] : codes.Length) - 1;
                w.Write((uint)first);
                w.Write((ushort)codes[first]);
                w.Write((ushort)codes[last]);
                w.Write((uint)(first * width));
            }
            // The sentinel range only carries the bitmap's end: a character's width is the next offset minus its own.
            w.Write(0u);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((uint)bitmapWidth);
            // CLR_GFX_FontCharacter: x within its range, left and right margin; then the sentinel character.
            int range = 0;
            for (int i = 0; i < codes.Length; i++)
            {
                if (range + 1 < rangeStarts.Count && rangeStarts[range + 1] == i)
                {
                    range++;
                }
                w.Write((ushort)((i - rangeStarts[range]) * width));
                w.Write((sbyte)0);
                w.Write((sbyte)0);
            }
            w.Write((ushort)0);
            w.Write((sbyte)0);
            w.Write((sbyte)0);

            var bits = new uint[wordsPerRow * height];
            for (int i = 0; i < codes.Length; i++)
            {
                byte[] rows = glyphs[codes[i]];
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        if ((rows[y] & (0x80 >> x)) != 0)
                        {
                            int px = i * width + x;
                            bits[y * wordsPerRow + px / 32] |= 1u << (px % 32);
                        }
                    }
                }
            }
            foreach (uint word in bits)
            {
                w.Write(word);
            }
            w.Flush();
            byte[] data = font.ToArray();

            var file = new MemoryStream();
            var f = new BinaryWriter(file);
            f.Write(ResourceFileMagic);
            f.Write(ResourceFileVersion);
            f.Write(FileHeaderSize);
            f.Write(ResourceHeaderSize);
            f.Write(1u);
            // Resource header: the id is not used (the build reads the font by its .resx name), kind Font, pad, size.
            f.Write((short)0);
            f.Write(ResourceKindFont);
            f.Write((byte)0);
            f.Write((uint)data.Length);
            f.Write(data);
            f.Flush();
            return file.ToArray();
        }
    }
}
