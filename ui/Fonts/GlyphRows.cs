namespace DeskPhone.Ui.Fonts
{
    /// <summary>
    /// Reads <paramref name="count"/> bytes of a font resource from <paramref name="offset"/>: a fresh byte array, or
    /// (on the device, with the heap short) whatever nanoCLR's ResourceUtility.GetObject handed back instead, which
    /// <see cref="GlyphRows"/> checks, so the reader passes the result on without a cast.
    /// </summary>
    public delegate object FontBytes(int offset, int count);

    /// <summary>
    /// The glyphs of a font resource made by tools/FontGen (board/Display/Resources/*.glyphs: a 6-byte header,
    /// the sorted code points, then the rows of each glyph; docs/ui.md "Fonts"), read through
    /// <see cref="FontBytes"/> so that only ASCII (95 glyphs, 1,520 B for 8x16, read in blocks of 16 when text of the
    /// block is drawn, let go by <see cref="Release"/> after each flush of the panel) is in the managed heap; any other
    /// glyph is found by a binary search over the code points and read from the resource when drawn.
    /// </summary>
    public sealed class GlyphRows
    {
        private const int HeaderBytes = 6;
        private const int FirstResident = 0x20;
        private const int LastResident = 0x7E;
        private const int Resident = LastResident - FirstResident + 1;
        // ASCII is read in blocks of 16 glyphs (space to '/', '0' to '?', ...: 268 B each for 8x16) instead of all 95 at
        // once (1,540 B): a call screen's second needs only the digits' block, and a whole redraw with the heap short
        // needs room for one block beside the band and the read's frames (docs/benchmarks.md, h-callscreen; blocks of 32,
        // 532 B, found no such hole under the office call at 80,896 B, h-script).
        private const int BlockGlyphs = 16;
        private const int Blocks = (Resident + BlockGlyphs - 1) / BlockGlyphs;
        // The stack frames of a read through ResourceUtility.GetObject (the reader's, GetObject's, the ResourceManager's
        // and its native's: about 900 B in the interpreter): four of at most ReadFrameBytes (frames.py: the reader's
        // 204 B; with 256 B the check's pieces met holes of 252-264 B under the office call at 80,896 B, h-script).
        private const int ReadFrameBytes = 240;

        private readonly FontBytes _read;
        private readonly int _count;
        // The ASCII blocks read since the last Release (byte[] or null each), made by the first glyph drawn.
        private object[] _resident;

        public GlyphRows(FontBytes read)
        {
            _read = read;
            byte[] header = Read(0, HeaderBytes);
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
                int block = (c - FirstResident) / BlockGlyphs;
                at = (c - FirstResident - block * BlockGlyphs) * Height;
                object[] blocks = _resident;
                if (blocks == null)
                {
                    blocks = new object[Blocks];
                    _resident = blocks;
                }
                byte[] rows = (byte[])blocks[block];
                if (rows != null)
                {
                    return rows;
                }
                // The block's glyphs: 16, the last block's 15.
                int first = block * BlockGlyphs;
                int count = (Resident - first < BlockGlyphs ? Resident - first : BlockGlyphs) * Height;
                try
                {
                    // Read by the first text drawn after a Release that needs this block, so a font the profile never
                    // draws with and a screen at rest cost no rows, and a redraw of digits reads only their block.
                    rows = Read(RowsOf(first), count);
                }
                catch (System.OutOfMemoryException)
                {
                    // No room beside the blocks read so far: let them go (read again when drawn) and try this one alone.
                    // Without room for it the redraw waits (IdleScreen.Render): a glyph read alone needs the same 1 KB
                    // of the read's frames, and its fallback here moved the office INVITE's turn at 80,896 B out of
                    // memory (docs/benchmarks.md, h-callscreen).
                    for (int i = 0; i < Blocks; i++)
                    {
                        blocks[i] = null;
                    }
                    rows = Read(RowsOf(first), count);
                }
                blocks[block] = rows;
                return rows;
            }
            at = 0;
            int index = IndexOf(c);
            if (index < 0)
            {
                index = IndexOf(0xFFFD);
            }
            return index < 0 ? null : Read(RowsOf(index), Height);
        }

        /// <summary>Lets go of the ASCII rows; the next ASCII glyph asked for reads its block again (one copy from the resource).</summary>
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
            byte[] two = Read(HeaderBytes + index * 2, 2);
            return two[0] | two[1] << 8;
        }

        /// <summary>
        /// The bytes read, or an <see cref="System.OutOfMemoryException"/> (no heap now: the screen is drawn again at the
        /// next turn) when there may be no room for the read's stack frames or the reader hands back anything but a
        /// byte array. Both are nanoCLR's resource read with the heap short (docs/benchmarks.md "Font reads when the heap
        /// is short"): when a frame under ResourceUtility.GetObject finds no heap, the interpreter's compact-and-restart
        /// either goes on past the call with its last argument, the count, as the result, or returns nothing and fails an
        /// assertion.
        /// </summary>
        private byte[] Read(int offset, int count)
        {
            MakeRoomForFrames(count);
            byte[] bytes = _read(offset, count) as byte[];
            if (bytes == null)
            {
                throw new System.OutOfMemoryException();
            }
            return bytes;
        }

        /// <summary>
        /// Throwaway blocks the size of a read's result and of its frames, held at once: allocating them compacts the
        /// heap and refuses when there is no such room; when there is, the frames' and the result's allocations collect
        /// them and take their room. The result needs one block, the frames (about 900 B) four of a frame's size, not
        /// one of 1 KB: the drawing frames lie on the event heap, which compaction does not move, and the holes between
        /// them held frames but no block of 1,280 B (the office call's screen at 80,896 B, h-script). Static, so that
        /// nanoCLR runs it in a frame of its own (never inlined) and no slot of the reader's frame holds a block.
        /// </summary>
        private static void MakeRoomForFrames(int count)
        {
            // The bytes read too: a block's 532 B that found no heap inside the native read compacted the heap under the
            // drawing frames (the interpreter's compact-and-restart) and left them garbage (a System.Exception in
            // Rgb565BandTarget.DrawText at 84,000 B; docs/benchmarks.md, h-callscreen).
            byte[] result = new byte[count];
            byte[] frame1 = new byte[ReadFrameBytes];
            byte[] frame2 = new byte[ReadFrameBytes];
            byte[] frame3 = new byte[ReadFrameBytes];
            _ = new byte[ReadFrameBytes];
            // All held in this frame's slots up to here, so each allocation needs room beside the others.
            _ = result.Length + frame1.Length + frame2.Length + frame3.Length;
        }

        private int RowsOf(int index) => HeaderBytes + _count * 2 + index * Height;
    }
}
