namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// A column of texts kept as one string literal, each entry ended by '\n', plus a second literal of the entries'
    /// starts (<see cref="Starts"/>). On nanoFramework a literal's text stays in flash, so the column costs no heap but
    /// its two string objects instead of an array slot and a string object per entry (and the starts, a byte array of
    /// lengths made at start-up before, 276 B for the three columns, issue #17); an entry becomes a string only when
    /// someone asks for it. An entry is copied out with <c>ToCharArray(start, length)</c>, which on nanoCLR allocates
    /// only the entry's characters: <c>Substring</c> first converts the whole literal into a temporary <c>char[]</c>
    /// (7.4 KB for the descriptions), which ran the worst load profile out of heap in its MESSAGE burst
    /// (docs/benchmarks.md, "The status text and the inbox's packet"). The last few entries asked for are kept, as the
    /// status line asks for the same name and description on every redraw (docs/benchmarks.md, "Interpreter cost per
    /// request").
    /// </summary>
    internal sealed class PackedText
    {
        private readonly string _text;
        private readonly string _starts;

        // The kept entries' texts and numbers (a byte: a column has fewer than 256 entries, StatusCatalogTextTests), made
        // by the first Get (a list only searched, Find, keeps none): two arrays instead of an object per entry (36 B
        // each, docs/benchmarks.md h-office2). The bench's thread reads them while the loop may write a slot, so reads
        // and writes of the pair take the lock (a lock-free re-check of the text after the number did not hold on the
        // host: the JIT may read the slot once, and a reader then paired one entry's text with another's number).
        private string[] _keptText;
        private byte[] _keptIndex;
        // The next slot to write (low byte) and the entries kept (above it): one field for both.
        private int _next;

        /// <summary>The column <paramref name="text"/> with its <paramref name="starts"/>, keeping the last 4 entries asked for.</summary>
        public PackedText(string text, string starts) : this(text, starts, 4)
        {
        }

        /// <summary>
        /// The column <paramref name="text"/> with its <paramref name="starts"/>, keeping the last <paramref name="kept"/>
        /// entries asked for (the status names: 2, the status line's and the pop-up's, where 4 kept two stale names for
        /// good, docs/benchmarks.md h-office3).
        /// </summary>
        public PackedText(string text, string starts, int kept)
        {
            _next = kept << 8;
            _text = text;
            _starts = starts;
        }

        /// <summary>
        /// The character of <paramref name="starts"/> at i, less this, is where entry i starts in the text (one more
        /// than the entries: the last is the text's length). A literal cannot hold NUL, hence the offset; the tests that
        /// check a column against its text print the right starts (StatusCatalogTextTests).
        /// </summary>
        public const int Starts = 32;

        public int Count => _starts.Length - 1;

        private int StartOf(int i) => _starts[i] - Starts;

        /// <summary>Entry i as a new string.</summary>
        public string Get(int i)
        {
            lock (this)
            {
                string[] texts = _keptText;
                for (int k = 0; texts != null && k < texts.Length; k++)
                {
                    string kept = texts[k];
                    if ((object)kept != null && _keptIndex[k] == i)
                    {
                        return kept;
                    }
                }
            }
            int start = StartOf(i);
            string text = new string(_text.ToCharArray(start, StartOf(i + 1) - 1 - start));
            if (i > byte.MaxValue)
            {
                return text;
            }
            lock (this)
            {
                int kept = _next >> 8;
                if (_keptText == null)
                {
                    _keptIndex = new byte[kept];
                    _keptText = new string[kept];
                }
                int slot = _next & 0xFF;
                _next = kept << 8 | (slot + 1) % kept;
                _keptIndex[slot] = (byte)i;
                _keptText[slot] = text;
            }
            return text;
        }

        /// <summary>The entry equal (case-sensitive) to text[start, start+length), without making a substring; -1 if none.</summary>
        public int Find(string text, int start, int length)
        {
            int count = Count;
            int at = 0;
            for (int n = 0; n < count; n++)
            {
                int next = StartOf(n + 1);
                if (next - 1 - at != length)
                {
                    at = next;
                    continue;
                }
                int i = 0;
                while (i < length && _text[at + i] == text[start + i])
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
