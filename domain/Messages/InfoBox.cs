namespace DeskPhone.Domain.Messages
{
    /// <summary>One Infobox: up to <see cref="MaxLines"/> lines, each with text and an icon, and whether the clock shows.</summary>
    public sealed class InfoBox
    {
        /// <summary>Lines a box can hold; lines with other positions are ignored.</summary>
        public const int MaxLines = 4;

        /// <summary>Characters kept per line; the renderer wraps a long line into the next ones.</summary>
        public const int MaxLineChars = 256;

        // Only as many line slots as the highest line given (most boxes have one or two lines), and the icons a byte
        // each in one int (icon IDs are below IconId.Count, 36): about 60 B less a box than two arrays of MaxLines.
        private string[] _text = new string[0];
        private int _icons;

        public InfoBox(string id, bool showClock)
        {
            Id = id;
            ShowClock = showClock;
        }

        /// <summary>The box's id attribute, or null; a box with the id of a queued one replaces it.</summary>
        public string Id { get; }

        public bool ShowClock { get; }

        /// <summary>Number of lines up to the last one given (positions without a line are empty).</summary>
        public int LineCount => _text.Length;

        /// <summary>Text of line 0..MaxLines-1 (position pos is index pos-1); empty for a missing line.</summary>
        public string LineText(int index) => index < _text.Length ? _text[index] ?? "" : "";

        /// <summary>A <see cref="DeskPhone.Ui.Icons.IconId"/>, or IconId.None.</summary>
        public int LineIcon(int index) => (_icons >> (index * 8)) & 0xFF;

        internal void SetLine(int index, string text, int icon)
        {
            if (index >= _text.Length)
            {
                string[] grown = new string[index + 1];
                System.Array.Copy(_text, grown, _text.Length);
                _text = grown;
            }
            _text[index] = text.Length > MaxLineChars ? text.Substring(0, MaxLineChars) : text;
            _icons = (_icons & ~(0xFF << (index * 8))) | (icon & 0xFF) << (index * 8);
        }
    }
}
