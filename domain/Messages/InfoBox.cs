namespace DeskPhone.Domain.Messages
{
    /// <summary>One Infobox: up to <see cref="MaxLines"/> lines, each with text and an icon, and whether the clock shows.</summary>
    public sealed partial class InfoBox
    {
        /// <summary>Lines a box can hold; lines with other positions are ignored.</summary>
        public const int MaxLines = 4;

        /// <summary>Characters kept per line; the renderer wraps a long line into the next ones.</summary>
        public const int MaxLineChars = 256;

        // The box's id when it has one (HasIdBit), then the lines up to the highest one given, each ended by '\n' (a
        // line is flattened, it holds no control character; a line break in an id is kept as a space), in one string:
        // one string object a box instead of one a line and an array of them (the office profile's 8 boxes of two
        // lines: about 80 B a box, docs/benchmarks.md "What each identity and each BLF key holds"), and no field for
        // the id (12 B a box, h-office4). Read only when the screen is composed, which makes new strings for it anyway,
        // and the id when a box is queued.
        private string _lines = "";

        // The icons 6 bits each (icon IDs are below IconId.Count, 36), then the line count and ShowClock.
        private int _bits;
        private const int IconBits = 6;
        private const int IconMask = (1 << IconBits) - 1;
        private const int CountShift = MaxLines * IconBits;
        private const int CountMask = 7 << CountShift;
        private const int ShowClockBit = 1 << (CountShift + 3);
        private const int HasIdBit = ShowClockBit << 1;

        private const char End = '\n';
        private const string Ends = "\n";

        public InfoBox(string id, bool showClock)
        {
            _bits = showClock ? ShowClockBit : 0;
            if (id != null)
            {
                _lines = OneLine(id) + Ends;
                _bits |= HasIdBit;
            }
        }

        /// <summary><paramref name="id"/> with its line breaks as spaces (the id's part ends at the first).</summary>
        private static string OneLine(string id)
        {
            if (id.IndexOf(End) < 0)
            {
                return id;
            }
            char[] chars = id.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == End)
                {
                    chars[i] = ' ';
                }
            }
            return new string(chars);
        }

        /// <summary>The box's id attribute, or null; a box with the id of a queued one replaces it.</summary>
        public string Id => (_bits & HasIdBit) != 0 ? _lines.Substring(0, _lines.IndexOf(End)) : null;

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

        /// <summary>Where line <paramref name="index"/> starts in <see cref="_lines"/> (after the id, if any).</summary>
        private int Start(int index)
        {
            int start = 0;
            int parts = (_bits & HasIdBit) != 0 ? index + 1 : index;
            for (int i = 0; i < parts; i++)
            {
                start = _lines.IndexOf(End, start) + 1;
            }
            return start;
        }
    }
}
