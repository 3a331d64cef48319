using System.Collections;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>Word wrap for a monospaced font: breaks at spaces, hard-breaks words longer than a line, keeps '\n'.</summary>
    public static class TextWrap
    {
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
                return new string[0];
            }
            int i = 0;
            while (i < text.Length)
            {
                if (lines.Count == maxLines)
                {
                    overflow = true;
                    break;
                }
                int newline = text.IndexOf('\n', i);
                int paragraphEnd = newline < 0 ? text.Length : newline;
                int end = paragraphEnd - i <= columns ? paragraphEnd : i + columns;
                if (end < paragraphEnd)
                {
                    int space = text.LastIndexOf(' ', end, end - i);
                    if (space > i)
                    {
                        end = space;
                    }
                }
                lines.Add(text.Substring(i, end - i));
                i = end;
                while (i < paragraphEnd && text[i] == ' ')
                {
                    i++;
                }
                if (i == paragraphEnd && newline >= 0)
                {
                    i++;
                }
            }
            var result = new string[lines.Count];
            for (int k = 0; k < result.Length; k++)
            {
                result[k] = (string)lines[k];
            }
            return result;
        }
    }
}
