namespace DeskPhone.Ui.Fonts
{
    /// <summary>Reads <paramref name="count"/> bytes of a font resource from <paramref name="offset"/> (a fresh array).</summary>
    public delegate byte[] FontBytes(int offset, int count);

    /// <summary>
    /// The glyphs of a font resource made by tools/FontGen (board/Display/Resources/*.glyphs: a 6-byte header,
    /// the sorted code points, then the rows of each glyph; docs/ui.md "Fonts"), read through
    /// <see cref="FontBytes"/> so that only ASCII (95 glyphs, 1,520 B for 8x16, read when text is drawn, let go by
    /// <see cref="Release"/> after each flush of the panel) is in the managed heap; any other
    /// glyph is found by a binary search over the code points and read from the resource when drawn.
    /// </summary>
    public sealed class GlyphRows
    {
        private const int HeaderBytes = 6;
        private const int FirstResident = 0x20;
        private const int LastResident = 0x7E;
        private const int Resident = LastResident - FirstResident + 1;

        private readonly FontBytes _read;
        private readonly int _count;
        private byte[] _resident;

        public GlyphRows(FontBytes read)
        {
            _read = read;
            byte[] header = read(0, HeaderBytes);
            Width = header[2];
            Height = header[3];
            _count = header[4] | header[5] << 8;
            // FontGen puts ASCII first and complete, so the first 95 code points are U+0020..U+007E.
            if (header[0] != 'G' || header[1] != 'R' || _count < Resident || CodePoint(Resident - 1) != LastResident)
            {
                throw new System.ArgumentException("not a glyph-rows font with all of ASCII (tools/FontGen)");
            }
        }

        public int Width { get; }
        public int Height { get; }

        /// <summary>
        /// The array holding the rows of <paramref name="c"/>'s glyph (one byte each, most significant bit leftmost),
        /// from <paramref name="at"/>: U+FFFD's when the font lacks <paramref name="c"/>, null when it lacks both.
        /// </summary>
        public byte[] Find(char c, out int at)
        {
            if (c >= FirstResident && c <= LastResident)
            {
                byte[] rows = _resident;
                if (rows == null)
                {
                    try
                    {
                        // Read by the first text drawn after a Release, so a font the profile never draws with and a
                        // screen at rest cost no rows.
                        rows = _read(RowsOf(0), Resident * Height);
                        _resident = rows;
                    }
                    catch (System.OutOfMemoryException)
                    {
                        // No room for the block: this glyph alone, as for one outside ASCII (slower, still drawn).
                        at = 0;
                        return _read(RowsOf(c - FirstResident), Height);
                    }
                }
                at = (c - FirstResident) * Height;
                return rows;
            }
            at = 0;
            int index = IndexOf(c);
            if (index < 0)
            {
                index = IndexOf(0xFFFD);
            }
            return index < 0 ? null : _read(RowsOf(index), Height);
        }

        /// <summary>Lets go of the ASCII rows; the next ASCII glyph asked for reads them again (one copy from the resource).</summary>
        public void Release()
        {
            _resident = null;
        }

        private int IndexOf(int c)
        {
            int low = Resident;
            int high = _count - 1;
            while (low <= high)
            {
                int middle = (low + high) >> 1;
                int found = CodePoint(middle);
                if (found == c)
                {
                    return middle;
                }
                if (found < c)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return -1;
        }

        private int CodePoint(int index)
        {
            byte[] two = _read(HeaderBytes + index * 2, 2);
            return two[0] | two[1] << 8;
        }

        private int RowsOf(int index) => HeaderBytes + _count * 2 + index * Height;
    }
}
