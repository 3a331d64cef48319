namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// A column of texts kept as one string literal, each entry ended by '\n', plus a second literal of the entries'
    /// lengths (<see cref="Lengths"/>). On nanoFramework a literal's text stays in flash, so the column costs no heap
    /// instead of an array slot and a string object per entry (and the lengths, a byte array made at start-up before,
    /// 276 B for the three columns, issue #17); an entry becomes a string only when someone
    /// asks for it. An entry's start is the sum of the lengths before it (at most 91 additions, only when a text is not
    /// among the kept ones); lengths, not starts, keep the literal at a byte a character in the image. An entry is copied out with <c>ToCharArray(start, length)</c>, which on nanoCLR allocates
    /// only the entry's characters: <c>Substring</c> first converts the whole literal into a temporary <c>char[]</c>
    /// (7.4 KB for the descriptions), which ran the worst load profile out of heap in its MESSAGE burst
    /// (docs/benchmarks.md, "The status text and the inbox's packet"). The last few entries asked for are kept, as the
    /// status line asks for the same name and description on every redraw (docs/benchmarks.md, "Interpreter cost per
    /// request").
    /// </summary>
    internal sealed class PackedText
    {
        // The column's two literals are not fields: its owner passes its constants to each call, so the object holds
        // only the kept entries (36 B; the two fields and the two 12-byte string objects they held were 48 B more for
        // good, h-domslim).

        // The kept entries' texts, made by the first Get (a list only searched, Find, keeps none), and in _kept their
        // numbers, a byte each (a column has fewer than 256 entries, StatusCatalogTextTests) from bit 16 on, 8 bits a
        // slot, with the next slot to write (low byte) and the entries kept (the next byte): one field where a byte
        // array of the numbers and its field were 36 B more per column (docs/benchmarks.md h-restcuts3), and one array
        // instead of an object per entry (36 B each, docs/benchmarks.md h-office2). The bench's thread reads them while
        // the loop may write a slot, so reads and writes of the pair take the lock (a lock-free re-check of the text
        // after the number did not hold on the host: the JIT may read the slot once, and a reader then paired one
        // entry's text with another's number).
        private string[] _keptText;
        private long _kept;
        private const int NumbersShift = 16;

        /// <summary>
        /// A column's cache, keeping the last <paramref name="kept"/> entries asked for (at most 6; the status names: 2,
        /// the status line's and the pop-up's, where 4 kept two stale names for good, docs/benchmarks.md h-office3; the
        /// descriptions 4).
        /// </summary>
        public PackedText(int kept)
        {
            _kept = kept << 8;
        }

        /// <summary>
        /// The character of the lengths literal at i, less this, is entry i's length (under 256 characters,
        /// StatusCatalogTextTests). A literal cannot hold NUL, hence the offset; the test that checks a column against
        /// its text prints the right literal.
        /// </summary>
        public const int Lengths = 32;

        /// <summary>Entry i of the column <paramref name="column"/> with its <paramref name="lengths"/>, as a new string.</summary>
        public string Get(string column, string lengths, int i)
        {
            // Few locals (one loop counter for both loops, no copies of the kept count, slot and shift): the entry's
            // string is made under this frame, the deepest of a composition's notices (312 B, office's
            // StatusCatalog.Description collections on the 80,896-byte board, docs/benchmarks.md screenmargin).
            string[] texts;
            int k;
            lock (this)
            {
                texts = _keptText;
                for (k = 0; texts != null && k < texts.Length; k++)
                {
                    if ((object)texts[k] != null && (int)(_kept >> (NumbersShift + 8 * k) & 0xFF) == i)
                    {
                        return texts[k];
                    }
                }
            }
            int start = 0;
            for (k = 0; k < i; k++)
            {
                start += lengths[k] - Lengths + 1;
            }
            string text = new string(column.ToCharArray(start, lengths[i] - Lengths));
            if (i > byte.MaxValue)
            {
                return text;
            }
            lock (this)
            {
                // The array holds as many slots as the column keeps; k: the slot to write.
                texts = _keptText ?? (_keptText = new string[(int)(_kept >> 8) & 0xFF]);
                k = (int)_kept & 0xFF;
                _kept = (_kept & ~(0xFFL << (NumbersShift + 8 * k)) & ~0xFFL) | ((long)i << (NumbersShift + 8 * k)) | (long)((k + 1) % texts.Length);
                texts[k] = text;
            }
            return text;
        }

        /// <summary>
        /// The entry of the column <paramref name="column"/> with its <paramref name="lengths"/> equal (case-sensitive) to
        /// text[start, start+length), without making a substring; -1 if none. Static, as a column only searched (the key
        /// states' names) needs no object kept from boot (h-domslim).
        /// </summary>
        public static int Find(string column, string lengths, string text, int start, int length)
        {
            int count = lengths.Length;
            int at = 0;
            for (int n = 0; n < count; n++)
            {
                int entry = lengths[n] - Lengths;
                int next = at + entry + 1;
                if (entry != length)
                {
                    at = next;
                    continue;
                }
                int i = 0;
                while (i < length && column[at + i] == text[start + i])
                {
                    i++;
                }
                if (i == length)
                {
                    return n;
                }
                at = next;
            }
            return -1;
        }
    }
}
