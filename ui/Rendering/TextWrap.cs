namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// Word wrap for a monospaced font: breaks at spaces, hard-breaks words longer than a line, keeps '\n'.
    /// It searches the text with its indexer, not the runtime's string searches: on nanoFramework (strings stored as
    /// UTF-8) string.LastIndexOf(char) misses characters after non-ASCII text and IndexOf(char) misses everything after
    /// a character outside the BMP (tests/Device.Tests, docs/device-tests.md), which wrapped accented text mid-word on
    /// the device. The indexer is right at every index but a low surrogate's (it gives the high one there), never a
    /// space or a line break, so it finds them where a char array would, without a copy of the text per wrap (the call
    /// screen's lines at each compose in office's call, docs/benchmarks.md h-screenturn).
    /// </summary>
    public static class TextWrap
    {
        /// <summary>The one empty result (never written: it has no element), not a new array each (24 B each).</summary>
        internal static readonly string[] NoLines = new string[0];

        /// <summary>
        /// At most <paramref name="maxLines"/> lines of at most <paramref name="columns"/> characters;
        /// <paramref name="overflow"/> tells that text was left out (the renderer then shows a mark).
        /// </summary>
        public static string[] Wrap(string text, int columns, int maxLines, out bool overflow)
        {
            // Counted first, then written into an array of their number: no list grown per wrap.
            overflow = false;
            int n = Into(text, columns, maxLines, null, 0, ref overflow);
            if (n == 0)
            {
                return NoLines;
            }
            var lines = new string[n];
            Into(text, columns, maxLines, lines, 0, ref overflow);
            return lines;
        }

        /// <summary>
        /// <see cref="Wrap"/>'s lines written into <paramref name="lines"/> from <paramref name="at"/> (null: only counted);
        /// returns their number and sets <paramref name="overflow"/> when text was left out (never clears it: the caller
        /// wrapping several texts needs no local per text). A text that is one line whole is that line, not a copy.
        /// </summary>
        internal static int Into(string text, int columns, int maxLines, string[] lines, int at, ref bool overflow)
        {
            if (text == null || columns <= 0 || maxLines <= 0)
            {
                overflow |= text != null && text.Length > 0;
                return 0;
            }
            // Once: nanoCLR's Length walks the UTF-8.
            int length = text.Length;
            int n = 0;
            int i = 0;
            while (i < length)
            {
                if (n == maxLines)
                {
                    overflow = true;
                    break;
                }
                // A line break is looked for only as far as the row reaches (the indexer walks the UTF-8 from the
                // start: a search to the text's end for every row would be cubic in a long message on nanoCLR).
                int newline = IndexOf(text, '\n', i, i + columns < length ? i + columns + 1 : length);
                int paragraphEnd = newline < 0 ? length : newline;
                int end = paragraphEnd - i <= columns ? paragraphEnd : i + columns;
                if (end < paragraphEnd)
                {
                    int space = LastIndexOf(text, ' ', end, i);
                    if (space > i)
                    {
                        end = space;
                    }
                }
                if (lines != null)
                {
                    // A text that is one line whole is that line: no copy beside it (the Infobox's lines, office at rest:
                    // 60 B, docs/benchmarks.md h-uirest).
                    lines[at + n] = i == 0 && end == length ? text : text.Substring(i, end - i);
                }
                n++;
                i = end;
                while (i < paragraphEnd && text[i] == ' ')
                {
                    i++;
                }
                // The line break that ends the row, or follows its last word's spaces, starts no row of its own.
                if (i < length && text[i] == '\n')
                {
                    i++;
                }
            }
            return n;
        }

        /// <summary>The mark that ends a row cut short ("..." rather than U+2026: the fonts lack it).</summary>
        public const string CutMark = "...";

        /// <summary>
        /// One row of at most <paramref name="columns"/> characters: the text when it fits (up to its first line break),
        /// else as much as fits before <see cref="CutMark"/>, broken at a space where there is one, and the mark.
        /// Null stays null.
        /// </summary>
        public static string Fit(string text, int columns)
        {
            if (text == null)
            {
                return null;
            }
            int length = text.Length;
            // As far as the row reaches: a break further on cuts the row the same way as no break.
            int newline = IndexOf(text, '\n', 0, length <= columns ? length : columns + 1);
            if (newline < 0 && length <= columns)
            {
                return text;
            }
            if (newline >= 0 && newline <= columns)
            {
                return Marked(text.Substring(0, newline), columns);
            }
            return Cut(text, length, columns);
        }

        /// <summary>A row followed by text that is left out: the row and <see cref="CutMark"/>, cut to make room if need be.</summary>
        public static string Marked(string row, int columns)
        {
            int length = row.Length;
            return length + CutMark.Length <= columns ? row + CutMark : Cut(row, length, columns);
        }

        private static string Cut(string text, int length, int columns)
        {
            int room = columns - CutMark.Length;
            if (room <= 0)
            {
                return columns <= 0 ? "" : text.Substring(0, columns);
            }
            int end = room;
            int space = LastIndexOf(text, ' ', room < length ? room : length - 1, room / 2);
            if (space > 0)
            {
                end = space;
            }
            return text.Substring(0, end) + CutMark;
        }

        private static int IndexOf(string text, char c, int start, int length)
        {
            for (int i = start; i < length; i++)
            {
                if (text[i] == c)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The last <paramref name="c"/> at or before <paramref name="from"/> (an index of the text) and after
        /// <paramref name="after"/>, or -1.</summary>
        private static int LastIndexOf(string text, char c, int from, int after)
        {
            for (int i = from; i > after; i--)
            {
                if (text[i] == c)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
