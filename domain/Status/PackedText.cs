namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// A column of texts kept as one string literal, each entry ended by '\n', plus where each entry starts. On
    /// nanoFramework a literal's text stays in flash, so the column costs a few bytes of heap per entry instead of an
    /// array slot and a string object each; an entry becomes a string only when someone asks for it.
    /// An entry is copied out with <c>ToCharArray(start, length)</c>, which on nanoCLR allocates only the entry's
    /// characters: <c>Substring</c> first converts the whole literal into a temporary <c>char[]</c> (7.4 KB for the
    /// descriptions), which ran the worst load profile out of heap in its MESSAGE burst (docs/benchmarks.md, "The
    /// status text and the inbox's packet"). The last few entries asked for are kept, as the status line asks for the
    /// same name and description on every redraw (docs/benchmarks.md, "Interpreter cost per request").
    /// </summary>
    internal sealed class PackedText
    {
        private const int Kept = 4;

        private readonly string _text;
        private readonly short[] _start;

        // Replaced as a whole (one reference write), so a reader on another thread never pairs an index with another
        // entry's text.
        private readonly Entry[] _kept = new Entry[Kept];
        private int _next;

        private sealed class Entry
        {
            public Entry(int index, string text)
            {
                Index = index;
                Text = text;
            }

            public readonly int Index;
            public readonly string Text;
        }

        public PackedText(string text)
        {
            _text = text;
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                count += text[i] == '\n' ? 1 : 0;
            }
            _start = new short[count + 1];
            int n = 1;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    _start[n++] = (short)(i + 1);
                }
            }
        }

        public int Count => _start.Length - 1;

        /// <summary>Entry i as a new string.</summary>
        public string Get(int i)
        {
            for (int k = 0; k < Kept; k++)
            {
                Entry e = _kept[k];
                if (e != null && e.Index == i)
                {
                    return e.Text;
                }
            }
            string text = new string(_text.ToCharArray(_start[i], _start[i + 1] - _start[i] - 1));
            int slot = _next;
            _next = (slot + 1) % Kept;
            _kept[slot] = new Entry(i, text);
            return text;
        }

        /// <summary>The entry equal (case-sensitive) to text[start, start+length), without making a substring; -1 if none.</summary>
        public int Find(string text, int start, int length)
        {
            for (int n = 0; n < _start.Length - 1; n++)
            {
                int at = _start[n];
                if (_start[n + 1] - at - 1 != length)
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
