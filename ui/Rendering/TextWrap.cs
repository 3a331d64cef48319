using System.Collections;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// Word wrap for a monospaced font: breaks at spaces, hard-breaks words longer than a line, keeps '\n'.
    /// It searches a char array, not the string: on nanoFramework (strings stored as UTF-8) string.LastIndexOf(char)
    /// misses characters after non-ASCII text and IndexOf(char) misses everything after a character outside the BMP
    /// (tests/Device.Tests, docs/device-tests.md), which wrapped accented text mid-word on the device.
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
            overflow = false;
            var lines = new ArrayList();
            if (text == null || columns <= 0 || maxLines <= 0)
            {
                overflow = text != null && text.Length > 0;
                return NoLines;
            }
            char[] chars = text.ToCharArray();
            int i = 0;
            while (i < chars.Length)
            {
                if (lines.Count == maxLines)
                {
                    overflow = true;
                    break;
                }
                int newline = IndexOf(chars, '\n', i);
                int paragraphEnd = newline < 0 ? chars.Length : newline;
                int end = paragraphEnd - i <= columns ? paragraphEnd : i + columns;
                if (end < paragraphEnd)
                {
                    int space = LastIndexOf(chars, ' ', end, i);
                    if (space > i)
                    {
                        end = space;
                    }
                }
                // A text that is one line whole is that line: no copy beside it (the Infobox's lines, office at rest:
                // 60 B, docs/benchmarks.md h-uirest).
                lines.Add(i == 0 && end == chars.Length ? text : text.Substring(i, end - i));
                i = end;
                while (i < paragraphEnd && chars[i] == ' ')
                {
                    i++;
                }
                if (i == paragraphEnd && newline >= 0)
                {
                    i++;
                }
            }
            var result = lines.Count == 0 ? NoLines : new string[lines.Count];
            for (int k = 0; k < result.Length; k++)
            {
                result[k] = (string)lines[k];
            }
            return result;
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
            char[] chars = text.ToCharArray();
            int newline = IndexOf(chars, '\n', 0);
            if (newline < 0 && chars.Length <= columns)
            {
                return text;
            }
            if (newline >= 0 && newline <= columns)
            {
                return Marked(text.Substring(0, newline), columns);
            }
            return Cut(text, chars, columns);
        }

        /// <summary>A row followed by text that is left out: the row and <see cref="CutMark"/>, cut to make room if need be.</summary>
        public static string Marked(string row, int columns)
        {
            char[] chars = row.ToCharArray();
            return chars.Length + CutMark.Length <= columns ? row + CutMark : Cut(row, chars, columns);
        }

        private static string Cut(string text, char[] chars, int columns)
        {
            int room = columns - CutMark.Length;
            if (room <= 0)
            {
                return columns <= 0 ? "" : text.Substring(0, columns);
            }
            int end = room;
            int space = LastIndexOf(chars, ' ', room, room / 2);
            if (space > 0)
            {
                end = space;
            }
            return text.Substring(0, end) + CutMark;
        }

        private static int IndexOf(char[] chars, char c, int start)
        {
            for (int i = start; i < chars.Length; i++)
            {
                if (chars[i] == c)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The last <paramref name="c"/> at or before <paramref name="from"/> and after <paramref name="after"/>, or -1.</summary>
        private static int LastIndexOf(char[] chars, char c, int from, int after)
        {
            for (int i = from < chars.Length ? from : chars.Length - 1; i > after; i--)
            {
                if (chars[i] == c)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
