namespace DeskPhone.Domain.Messages
{
    /// <summary>One Infobox: up to <see cref="MaxLines"/> lines, each with text and an icon, and whether the clock shows.</summary>
    public sealed class InfoBox
    {
        /// <summary>Lines a box can hold; lines with other positions are ignored.</summary>
        public const int MaxLines = 4;

        /// <summary>Characters kept per line; the renderer wraps a long line into the next ones.</summary>
        public const int MaxLineChars = 256;

        private readonly string[] _text = new string[MaxLines];
        private readonly int[] _icon = new int[MaxLines];

        public InfoBox(string id, bool showClock)
        {
            Id = id;
            ShowClock = showClock;
        }

        /// <summary>The box's id attribute, or null; a box with the id of a queued one replaces it.</summary>
        public string Id { get; }

        public bool ShowClock { get; }

        /// <summary>Number of lines up to the last one given (positions without a line are empty).</summary>
        public int LineCount
        {
            get
            {
                for (int i = MaxLines - 1; i >= 0; i--)
                {
                    if (_text[i] != null)
                    {
                        return i + 1;
                    }
                }
                return 0;
            }
        }

        /// <summary>Text of line 0..MaxLines-1 (position pos is index pos-1); empty for a missing line.</summary>
        public string LineText(int index) => _text[index] ?? "";

        /// <summary>A <see cref="DeskPhone.Ui.Icons.IconId"/>, or IconId.None.</summary>
        public int LineIcon(int index) => _icon[index];

        internal void SetLine(int index, string text, int icon)
        {
            _text[index] = text.Length > MaxLineChars ? text.Substring(0, MaxLineChars) : text;
            _icon[index] = icon;
        }
    }
}
