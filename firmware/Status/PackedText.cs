namespace DeskPhone.Firmware.Status
{
    /// <summary>
    /// A column of texts kept as one string literal, each entry ended by '\n', plus where each entry starts. On
    /// nanoFramework a literal's text stays in flash, so the column costs a few bytes of heap per entry instead of an
    /// array slot and a string object each; an entry becomes a string only when someone asks for it.
    /// </summary>
    internal sealed class PackedText
    {
        private readonly string _text;
        private readonly short[] _start;

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
        public string Get(int i) => _text.Substring(_start[i], _start[i + 1] - _start[i] - 1);

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
