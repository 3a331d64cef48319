using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// The queued Infoboxes (<see cref="InfoBoxQueue"/>'s), read as the one on screen, the first: up to
    /// <see cref="MaxLines"/> lines, each with text and an icon, and whether the clock shows. The queue keeps all its
    /// boxes in this one object, one byte array and one int array, where it kept an object, a string and an array slot
    /// per box (the office profile's 8 boxes: 792 B, docs/benchmarks.md h-basecut); the screen reads the first box here
    /// when it is composed, which makes new strings for it anyway.
    /// </summary>
    public sealed partial class InfoBox
    {
        /// <summary>Lines a box can hold; lines with other positions are ignored.</summary>
        public const int MaxLines = 4;

        /// <summary>Characters kept per line; the renderer wraps a long line into the next ones.</summary>
        public const int MaxLineChars = 256;

        // Every queued box's parts in queue order: its id when it has one (HasIdBit), then its lines up to the highest one
        // given, each part's UTF-8 bytes ended by End (a line is flattened, it holds no control character; a line break in
        // an id is kept as a space). Searched as bytes: nanoCLR's string search is wrong after non-ASCII text.
        private byte[] _text = new byte[0];

        // Per queued box: the icons 6 bits each, then the line count, ShowClock and HasId.
        private readonly int[] _bits = new int[InfoBoxQueue.MaxBoxes];

        private const int IconBits = 6;
        private const int IconMask = (1 << IconBits) - 1;
        private const int CountShift = MaxLines * IconBits;
        private const int CountMask = 7 << CountShift;
        private const int ShowClockBit = 1 << (CountShift + 3);
        private const int HasIdBit = ShowClockBit << 1;

        private const char End = '\n';
        private const string Ends = "\n";

        /// <summary>Made by the queue with its first box.</summary>
        internal InfoBox()
        {
        }

        /// <summary>The first box's id attribute, or null; a box with the id of a queued one replaces it.</summary>
        public string Id => IdOf(0);

        public bool ShowClock => (_bits[0] & ShowClockBit) != 0;

        /// <summary>Number of lines of the first box up to the last one given (positions without a line are empty).</summary>
        public int LineCount => (_bits[0] & CountMask) >> CountShift;

        /// <summary>Text of line 0..MaxLines-1 of the first box (position pos is index pos-1); empty for a missing line.</summary>
        public string LineText(int index) =>
            index < 0 || index >= LineCount ? "" : Part(0, (_bits[0] & HasIdBit) != 0 ? index + 1 : index);

        /// <summary>A <see cref="DeskPhone.Ui.Icons.IconId"/>, or IconId.None.</summary>
        public int LineIcon(int index) => index < 0 || index >= MaxLines ? 0 : (_bits[0] >> (index * IconBits)) & IconMask;

        /// <summary>The id of queued box <paramref name="box"/>, or null.</summary>
        internal string IdOf(int box) => (_bits[box] & HasIdBit) != 0 ? Part(box, 0) : null;

        /// <summary>
        /// Puts the box <paramref name="text"/> with its <paramref name="bits"/> (as <see cref="Begin"/> and
        /// <see cref="SetLine"/> made them) in place of queued box <paramref name="box"/>, or after the last when it is
        /// <paramref name="count"/>, the boxes queued.
        /// </summary>
        internal void Put(int box, int count, string text, int bits)
        {
            byte[] bytes = Utf8.Codec.GetBytes(text);
            Splice(box, box < count ? box + 1 : box, bytes);
            _bits[box] = bits;
        }

        /// <summary>Takes queued box <paramref name="box"/> out of the <paramref name="count"/> queued.</summary>
        internal void RemoveAt(int box, int count)
        {
            Splice(box, box + 1, new byte[0]);
            for (int i = box + 1; i < count; i++)
            {
                _bits[i - 1] = _bits[i];
            }
            _bits[count - 1] = 0;
        }

        /// <summary>Replaces the parts of boxes [from, to) by <paramref name="bytes"/>.</summary>
        private void Splice(int from, int to, byte[] bytes)
        {
            int start = After(PartsBefore(from));
            int end = After(PartsBefore(to));
            var text = new byte[_text.Length - (end - start) + bytes.Length];
            System.Array.Copy(_text, text, start);
            System.Array.Copy(bytes, 0, text, start, bytes.Length);
            System.Array.Copy(_text, end, text, start + bytes.Length, _text.Length - end);
            _text = text;
        }

        /// <summary>Part <paramref name="part"/> (the id first, if any) of queued box <paramref name="box"/>.</summary>
        private string Part(int box, int part)
        {
            int start = After(PartsBefore(box) + part);
            int end = start;
            while (_text[end] != End)
            {
                end++;
            }
            return end == start ? "" : Utf8.Codec.GetString(_text, start, end - start);
        }

        /// <summary>The parts of the queued boxes before box <paramref name="box"/>.</summary>
        private int PartsBefore(int box)
        {
            int parts = 0;
            for (int i = 0; i < box; i++)
            {
                parts += ((_bits[i] & CountMask) >> CountShift) + ((_bits[i] & HasIdBit) != 0 ? 1 : 0);
            }
            return parts;
        }

        /// <summary>Where the text after the first <paramref name="parts"/> parts starts.</summary>
        private int After(int parts)
        {
            int at = 0;
            for (; parts > 0; parts--)
            {
                while (_text[at] != End)
                {
                    at++;
                }
                at++;
            }
            return at;
        }

        // A box being read from a NOTIFY (InfoBoxQueue.Parse) is a string of its parts, each ended by End, and its bits:
        // the queue takes it only once the whole document was read, so a malformed one leaves the queue as it was.

        /// <summary>A new box's text (its id, if any) and its <paramref name="bits"/>.</summary>
        internal static string Begin(string id, bool showClock, out int bits)
        {
            bits = showClock ? ShowClockBit : 0;
            if (id == null)
            {
                return "";
            }
            bits |= HasIdBit;
            return OneLine(id) + Ends;
        }

        /// <summary>The id of a box read (<see cref="Begin"/>), or null.</summary>
        internal static string IdOf(string text, int bits) => (bits & HasIdBit) != 0 ? text.Substring(0, text.IndexOf(End)) : null;

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

        /// <summary>Sets line <paramref name="index"/> of the box read <paramref name="lines"/>; returns its new text.</summary>
        internal static string SetLine(string lines, ref int bits, int index, string text, int icon)
        {
            // Two locals, count the lines, then the parts before the line, counted down: the line's text is concatenated
            // under this frame and Parse's (office's InfoBoxQueue collections on the 80,896-byte board, docs/benchmarks.md
            // screenmargin).
            int count = (bits & CountMask) >> CountShift;
            if (index >= count)
            {
                // Empty lines up to the new one.
                for (; count <= index; count++)
                {
                    lines += Ends;
                }
                bits = (bits & ~CountMask) | ((index + 1) << CountShift);
            }
            if (text.Length > MaxLineChars)
            {
                text = text.Substring(0, MaxLineChars);
            }
            int start = 0;
            for (count = (bits & HasIdBit) != 0 ? index + 1 : index; count > 0; count--)
            {
                start = lines.IndexOf(End, start) + 1;
            }
            bits = (bits & ~(IconMask << (index * IconBits))) | ((icon & IconMask) << (index * IconBits));
            return lines.Substring(0, start) + text + lines.Substring(lines.IndexOf(End, start));
        }
    }
}
