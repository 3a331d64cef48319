namespace DeskPhone.Domain.Messages
{
    /// <summary>One Infobox: up to <see cref="MaxLines"/> lines, each with text and an icon, and whether the clock shows.</summary>
    public sealed class InfoBox
    {
        /// <summary>Lines a box can hold; lines with other positions are ignored.</summary>
        public const int MaxLines = 4;

        /// <summary>Characters kept per line; the renderer wraps a long line into the next ones.</summary>
        public const int MaxLineChars = 256;

        // The lines up to the highest one given, each ended by '\n' (a line is flattened, it holds no control
        // character), in one string: one string object a box instead of one a line and an array of them (the office
        // profile's 8 boxes of two lines: about 80 B a box, docs/benchmarks.md "What each identity and each BLF key
        // holds"). Read only when the screen is composed, which makes new strings for it anyway.
        private string _lines = "";

        // The icons 6 bits each (icon IDs are below IconId.Count, 36), then the line count and ShowClock.
        private int _bits;
        private const int IconBits = 6;
        private const int IconMask = (1 << IconBits) - 1;
        private const int CountShift = MaxLines * IconBits;
        private const int CountMask = 7 << CountShift;
        private const int ShowClockBit = 1 << (CountShift + 3);

        private const char End = '\n';
        private const string Ends = "\n";

        public InfoBox(string id, bool showClock)
        {
            Id = id;
            _bits = showClock ? ShowClockBit : 0;
        }

        /// <summary>The box's id attribute, or null; a box with the id of a queued one replaces it.</summary>
        public readonly string Id;

        public bool ShowClock => (_bits & ShowClockBit) != 0;

        /// <summary>Number of lines up to the last one given (positions without a line are empty).</summary>
        public int LineCount => (_bits & CountMask) >> CountShift;

        /// <summary>Text of line 0..MaxLines-1 (position pos is index pos-1); empty for a missing line.</summary>
        public string LineText(int index)
        {
            if (index < 0 || index >= LineCount)
            {
                return "";
            }
            int start = Start(index);
            return _lines.Substring(start, _lines.IndexOf(End, start) - start);
        }

        /// <summary>A <see cref="DeskPhone.Ui.Icons.IconId"/>, or IconId.None.</summary>
        public int LineIcon(int index) => index < 0 || index >= MaxLines ? 0 : (_bits >> (index * IconBits)) & IconMask;

        internal void SetLine(int index, string text, int icon)
        {
            int count = LineCount;
            if (index >= count)
            {
                // Empty lines up to the new one.
                for (int i = count; i <= index; i++)
                {
                    _lines += Ends;
                }
                _bits = (_bits & ~CountMask) | ((index + 1) << CountShift);
            }
            if (text.Length > MaxLineChars)
            {
                text = text.Substring(0, MaxLineChars);
            }
            int start = Start(index);
            _lines = _lines.Substring(0, start) + text + _lines.Substring(_lines.IndexOf(End, start));
            _bits = (_bits & ~(IconMask << (index * IconBits))) | ((icon & IconMask) << (index * IconBits));
        }

        /// <summary>Where line <paramref name="index"/> starts in <see cref="_lines"/>.</summary>
        private int Start(int index)
        {
            int start = 0;
            for (int i = 0; i < index; i++)
            {
                start = _lines.IndexOf(End, start) + 1;
            }
            return start;
        }
    }
}
