namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// A column of texts kept as one string literal, each entry ended by '\n', plus each entry's length (a byte: every
    /// entry is under 256 characters, StatusCatalogTextTests). On nanoFramework a literal's text stays in flash, so the
    /// column costs a byte of heap per entry instead of an array slot and a string object each; an entry becomes a
    /// string only when someone asks for it. An entry's start is the sum of the lengths before it (at most 91 additions,
    /// only when a text is not among the kept ones), where a <c>short</c> per entry kept it at twice the bytes.
    /// An entry is copied out with <c>ToCharArray(start, length)</c>, which on nanoCLR allocates only the entry's
    /// characters: <c>Substring</c> first converts the whole literal into a temporary <c>char[]</c> (7.4 KB for the
    /// descriptions), which ran the worst load profile out of heap in its MESSAGE burst (docs/benchmarks.md, "The
    /// status text and the inbox's packet"). The last few entries asked for are kept, as the status line asks for the
    /// same name and description on every redraw (docs/benchmarks.md, "Interpreter cost per request").
    /// </summary>
    internal sealed class PackedText
    {
        private readonly int _kept;
        private readonly string _text;
        private readonly byte[] _length;

        // The kept entries' texts and numbers (a byte: a column has fewer than 256 entries, StatusCatalogTextTests), made
        // by the first Get (a list only searched, Find, keeps none): two arrays instead of an object per entry (36 B
        // each, docs/benchmarks.md h-office2). The bench's thread reads them while the loop may write a slot, so reads
        // and writes of the pair take the lock (a lock-free re-check of the text after the number did not hold on the
        // host: the JIT may read the slot once, and a reader then paired one entry's text with another's number).
        private string[] _keptText;
        private byte[] _keptIndex;
        private int _next;

        /// <summary>The column <paramref name="text"/>, keeping the last 4 entries asked for.</summary>
        public PackedText(string text) : this(text, 4)
        {
        }

        /// <summary>
        /// The column <paramref name="text"/>, keeping the last <paramref name="kept"/> entries asked for (the status names:
        /// 2, the status line's and the pop-up's, where 4 kept two stale names for good, docs/benchmarks.md h-office3).
        /// </summary>
        public PackedText(string text, int kept)
        {
            _kept = kept;
            _text = text;
            // The runtime's IndexOf finds each end in one native call (a get_Chars per character counted the whole
            // literal each time).
            int count = 0;
            for (int at = text.IndexOf('\n'); at >= 0; at = text.IndexOf('\n', at + 1))
            {
                count++;
            }
            _length = new byte[count];
            int n = 0;
            int start = 0;
            for (int at = text.IndexOf('\n'); at >= 0; at = text.IndexOf('\n', at + 1))
            {
                _length[n++] = (byte)(at - start);
                start = at + 1;
            }
        }

        public int Count => _length.Length;

        /// <summary>Entry i as a new string.</summary>
        public string Get(int i)
        {
            lock (_length)
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
            int start = 0;
            for (int k = 0; k < i; k++)
            {
                start += _length[k] + 1;
            }
            string text = new string(_text.ToCharArray(start, _length[i]));
            if (i > byte.MaxValue)
            {
                return text;
            }
            lock (_length)
            {
                if (_keptText == null)
                {
                    _keptIndex = new byte[_kept];
                    _keptText = new string[_kept];
                }
                int slot = _next;
                _next = (slot + 1) % _kept;
                _keptIndex[slot] = (byte)i;
                _keptText[slot] = text;
            }
            return text;
        }

        /// <summary>The entry equal (case-sensitive) to text[start, start+length), without making a substring; -1 if none.</summary>
        public int Find(string text, int start, int length)
        {
            int at = 0;
            for (int n = 0; n < _length.Length; at += _length[n] + 1, n++)
            {
                if (_length[n] != length)
                {
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
            }
            return -1;
        }
    }
}
