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
    /// <see cref="FontBytes"/> so that only the ASCII glyphs a flush draws (16 B each for 8x16, read in blocks of 16 and
    /// kept one by one, let go by <see cref="Release"/> after each flush of the panel) are in the managed heap; any other
    /// glyph is found by a binary search over the code points. Both are read before a flush draws (<see cref="Need"/>,
    /// <see cref="Read"/>, called by the renderer at a shallow frame), never by <see cref="Find"/> under the drawing
    /// frames: a native read whose allocation finds no heap there left those frames garbage (docs/benchmarks.md,
    /// h-glyphread).
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
        // The stack frames of a read through ResourceUtility.GetObject under the reader's (census of the office call at
        // 80,896 B, h-redraw4): GetObject's 204 B, ResourceManager.GetObjectChunkFromId's 264 B and GetObjectInternal's
        // 204 B; the reader's own 204 B (BootPanel.ReadLarge, the board's DeviceFonts.ReadLarge) is stood for by
        // MakeRoomForFrames' frame, at the same depth. A block of each, as an array's heap block (ArrayHeader B and the
        // bytes): four blocks of 264 B held 384 B more than the read does, and the probe's collection counted them
        // (office's MakeRoomForFrames collections, h-redraw4).
        private const int ArrayHeader = 20;
        private const int GetObjectFrame = 204;
        private const int ChunkFrame = 264;
        private const int InternalFrame = 204;

        private readonly FontBytes _read;
        // The glyphs' width (low 8 bits), height (the next 8) and count (above): one field, not three (24 B at rest,
        // docs/benchmarks.md h-uirest).
        private readonly int _shape;
        // The ASCII blocks with glyphs marked by Need and not read yet (bit b: block b; low 8 bits), the ASCII glyphs marked
        // (the next 8) and those of them read (above): Read sizes its array and finds its first free slot from them.
        private int _needed;
        // The ASCII glyphs of the flush, made by the first Need since the last Release: Resident bytes, one a glyph (0 not
        // needed; Unread marked by Need; else its slot, from 1), then the rows of the glyphs read, slot after slot. Only
        // the glyphs the texts draw are kept, not the 16-glyph blocks they were read in: a full redraw of the call screen
        // held all six blocks (1,644 B) through its band and drawing, and the blocks being read beside them
        // (docs/benchmarks.md, h-redraw3).
        private byte[] _ascii;
        private const int Unread = 0xFF;
        // The glyphs outside ASCII read by Need since the last Release: each its rows, then its code point (two bytes,
        // low first), in slots from the first; null past the last.
        private object[] _others;

        public GlyphRows(FontBytes read)
        {
            _read = read;
            byte[] header = ReadBytes(0, HeaderBytes);
            _shape = header[2] | header[3] << 8 | (header[4] | header[5] << 8) << 16;
            // FontGen puts ASCII first and complete, so the first 95 code points are U+0020..U+007E.
            if (header[0] != 'G' || header[1] != 'R' || Count < Resident || CodePoint(Resident - 1) != LastResident)
            {
                throw new System.ArgumentException("not a glyph-rows font with all of ASCII (tools/FontGen)");
            }
        }

        public int Width => _shape & 0xFF;
        public int Height => _shape >> 8 & 0xFF;

        private int Count => _shape >> 16 & 0xFFFF;

        /// <summary>
        /// Before a flush draws <paramref name="c"/> (docs/ui.md "Fonts"): an ASCII glyph is marked for
        /// <see cref="Read"/>; any other is looked up and its rows read now (U+FFFD's when the font lacks it), so that
        /// drawing reads nothing from the resource. An <see cref="System.OutOfMemoryException"/> when there is no heap
        /// for it: the redraw waits.
        /// </summary>
        public void Need(char c)
        {
            if (c >= FirstResident && c <= LastResident)
            {
                if (_ascii == null)
                {
                    _ascii = new byte[Resident];
                }
                if (_ascii[c - FirstResident] == 0)
                {
                    _ascii[c - FirstResident] = Unread;
                    _needed = (_needed | 1 << (c - FirstResident) / BlockGlyphs) + (1 << 8);
                }
                return;
            }
            if (Other(c) != null)
            {
                return;
            }
            int index = IndexOf(c);
            if (index < 0)
            {
                index = IndexOf(0xFFFD);
            }
            // The rows and the code point in one array: no second array per glyph, no field for the code points.
            // A font without either: the code point alone (drawn as a box).
            byte[] glyph = new byte[index < 0 ? 2 : Height + 2];
            if (index >= 0)
            {
                System.Array.Copy(ReadBytes(RowsOf(index), Height), glyph, Height);
            }
            glyph[glyph.Length - 2] = (byte)c;
            glyph[glyph.Length - 1] = (byte)(c >> 8);
            object[] others = _others;
            int free = 0;
            while (others != null && free < others.Length && others[free] != null)
            {
                free++;
            }
            if (others == null || free == others.Length)
            {
                others = new object[free + 4];
                if (_others != null)
                {
                    System.Array.Copy(_others, others, free);
                }
                _others = others;
            }
            others[free] = glyph;
        }

        /// <summary>
        /// Reads the ASCII glyphs marked by <see cref="Need"/> that are not read yet, at the caller's frame: the renderer's,
        /// before any drawing frame (IdleScreen.Render). Each block of 16 glyphs with a glyph marked is read from the
        /// resource and only the marked glyphs' rows are kept; the block is let go before the next is read. An
        /// <see cref="System.OutOfMemoryException"/> when one finds no heap: the redraw waits (tried again later; the
        /// screen stays as it was).
        /// </summary>
        public void Read()
        {
            if ((_needed & 0xFF) == 0)
            {
                return;
            }
            // Few locals: the font read's frames run under this one (no local for the block read: 12 B, h-redraw4). read
            // counts the glyphs read (their slots).
            int read = _needed >> 16;
            // The marks and the rows read so far in an array with room for every marked glyph's rows.
            byte[] rows = new byte[Resident + (_needed >> 8 & 0xFF) * Height];
            System.Array.Copy(_ascii, rows, Resident + read * Height);
            _ascii = rows;
            // One room check for the reads: each read's block and frames are garbage of the sizes the next read takes, so
            // a collection inside a later read finds their holes, not a compaction (docs/benchmarks.md, h-redraw3). A
            // check per block made 6 of them (8 KB of throwaway blocks) in a full redraw.
            MakeRoomForFrames(BlockGlyphs * Height);
            for (int first = 0; first < Resident; first += BlockGlyphs)
            {
                if ((_needed & 1 << first / BlockGlyphs) == 0)
                {
                    continue;
                }
                // The block's glyphs: 16, the last block's 15. Read only when text of the block is drawn, so a font the
                // profile never draws with and a screen at rest cost no rows, and a redraw of digits reads only their
                // block. The read here, not in ReadBytes: one frame less under the read's (h-redraw3). The block only on
                // the evaluation stack, handed to Keep: no slot of this frame holds it while the next is read.
                read = Keep(rows, _read(RowsOf(first), BlockBytes(first)) as byte[], first, read, Height);
                _needed = (_needed & ~(1 << first / BlockGlyphs) & 0xFFFF) | read << 16;
            }
        }

        /// <summary>
        /// The marked glyphs of the block from <paramref name="first"/> (read into <paramref name="bytes"/>; null, the
        /// reader's result not a byte array: an <see cref="System.OutOfMemoryException"/>) kept in
        /// <paramref name="rows"/>, each run of them in one copy (a native call each: most of what keeping glyphs costs);
        /// returns the glyphs read so far. Called after the block's read, allocating nothing: its locals are not in
        /// <see cref="Read"/>'s frame, which is under the reads' frames and allocations (docs/benchmarks.md h-screenturn).
        /// </summary>
        private static int Keep(byte[] rows, byte[] bytes, int first, int read, int height)
        {
            // Not a byte array: nanoCLR's reader with the heap short (ReadBytes).
            if (bytes == null)
            {
                throw new System.OutOfMemoryException();
            }
            int end = first + BlockGlyphs < Resident ? first + BlockGlyphs : Resident;
            for (int i = first; i < end; i++)
            {
                if (rows[i] == Unread)
                {
                    int from = i;
                    do
                    {
                        rows[i++] = (byte)++read;
                    }
                    while (i < end && rows[i] == Unread);
                    System.Array.Copy(bytes, (from - first) * height, rows, Resident + (rows[from] - 1) * height, (i - from) * height);
                }
            }
            return read;
        }

        /// <summary>
        /// The array holding the rows of <paramref name="c"/>'s glyph (one byte each, most significant bit leftmost),
        /// from <paramref name="at"/>, as read by <see cref="Need"/> and <see cref="Read"/>: U+FFFD's when the font lacks
        /// <paramref name="c"/>; null when it lacks both or the glyph was not read (drawn as a box). Reads nothing: the
        /// resource is read at a shallow frame only, never under the drawing frames (docs/benchmarks.md, h-glyphread).
        /// </summary>
        public byte[] Find(char c, out int at)
        {
            at = 0;
            if (c >= FirstResident && c <= LastResident)
            {
                // The glyph's slot, then where its rows start (no local: this frame is under the drawing).
                at = _ascii == null ? 0 : _ascii[c - FirstResident];
                if (at == 0 || at == Unread)
                {
                    return null;
                }
                at = Resident + (at - 1) * Height;
                return _ascii;
            }
            byte[] other = Other(c);
            return other == null || other.Length == 2 ? null : other;
        }

        /// <summary>Lets go of the rows read; the next flush's texts read them again (one copy from the resource).</summary>
        public void Release()
        {
            _needed = 0;
            _ascii = null;
            _others = null;
        }

        /// <summary>The glyph outside ASCII read by <see cref="Need"/> for <paramref name="c"/> (its code point alone when the font lacks it and U+FFFD), or null.</summary>
        private byte[] Other(char c)
        {
            object[] others = _others;
            for (int i = 0; others != null && i < others.Length && others[i] != null; i++)
            {
                byte[] glyph = (byte[])others[i];
                if ((glyph[glyph.Length - 2] | glyph[glyph.Length - 1] << 8) == c)
                {
                    return glyph;
                }
            }
            return null;
        }

        private int IndexOf(int c)
        {
            int low = Resident;
            int high = Count - 1;
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
            byte[] two = ReadBytes(HeaderBytes + index * 2, 2);
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
        private byte[] ReadBytes(int offset, int count)
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
        /// them and take their room. The result needs one block, the frames under the reader's one each of their sizes
        /// (the reader's own is this method's, at its depth), not one of 1 KB: the drawing frames lie on the event heap, which compaction does not move, and the holes between
        /// them held frames but no block of 1,280 B (the office call's screen at 80,896 B, h-script). Static, so that
        /// nanoCLR runs it in a frame of its own (never inlined) and no slot of the reader's frame holds a block.
        /// </summary>
        private static void MakeRoomForFrames(int count)
        {
            // The bytes read too: a block's 532 B that found no heap inside the native read compacted the heap under the
            // drawing frames (the interpreter's compact-and-restart) and left them garbage (a System.Exception in
            // Rgb565BandTarget.DrawText at 84,000 B; docs/benchmarks.md, h-callscreen).
            byte[] result = new byte[count];
            byte[] frame1 = new byte[GetObjectFrame - ArrayHeader];
            byte[] frame2 = new byte[ChunkFrame - ArrayHeader];
            _ = new byte[InternalFrame - ArrayHeader];
            // All held in this frame's slots up to here, so each allocation needs room beside the others.
            _ = result.Length + frame1.Length + frame2.Length;
        }

        private int RowsOf(int index) => HeaderBytes + Count * 2 + index * Height;

        /// <summary>The bytes of the ASCII block from glyph <paramref name="first"/>: 16 glyphs' rows, the last block's 15.</summary>
        private int BlockBytes(int first) => (Resident - first < BlockGlyphs ? Resident - first : BlockGlyphs) * Height;
    }
}
