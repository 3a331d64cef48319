using System.Collections.Generic;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// Passes every call to a panel and keeps the texts now on it: a text is forgotten when a later fill covers it
    /// completely (the region was repainted), or when a text is drawn at its place (same position and font height)
    /// after a fill covered every cell in which the two differ (IdleScreen's changed cells: the call screen's second),
    /// so <see cref="Visible"/> is what the glass shows as text. Each text also
    /// keeps whether it fitted its clip width, so a row cut by clipping (not by the model) shows.
    /// </summary>
    internal sealed class RecordingPanel : IPanel
    {
        internal sealed class Drawn
        {
            public string Text;
            public int X, Y, Width, Height, MaxWidth;
            public List<(int X, int Y, int Width, int Height)> FillsSince = new();

            public bool Fits => Width <= MaxWidth;

            public override string ToString() => "'" + Text + "' at (" + X + ", " + Y + ")";
        }

        private readonly IPanel _panel;
        private readonly List<Drawn> _texts = new();

        public RecordingPanel(IPanel panel)
        {
            _panel = panel;
        }

        public IReadOnlyList<Drawn> Visible => _texts;

        public int Width => _panel.Width;
        public int Height => _panel.Height;
        public bool IsColor => _panel.IsColor;

        public void FillRect(int x, int y, int width, int height, int color)
        {
            _texts.RemoveAll(t => t.X >= x && t.Y >= y && t.X + t.Width <= x + width && t.Y + t.Height <= y + height);
            foreach (Drawn t in _texts)
            {
                t.FillsSince.Add((x, y, width, height));
            }
            _panel.FillRect(x, y, width, height, color);
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            _texts.RemoveAll(t => t.X == x && t.Y == y && t.Height == font.Height && Repainted(t, text, font));
            _texts.Add(new Drawn { Text = text, X = x, Y = y, Width = font.Measure(text), Height = font.Height, MaxWidth = maxWidth });
            _panel.DrawText(text, x, y, color, font, maxWidth);
        }

        /// <summary>A fill since <paramref name="old"/> was drawn covers the cells in which it and the new text differ.</summary>
        private static bool Repainted(Drawn old, string text, BitmapFont font)
        {
            int first = 0;
            while (first < old.Text.Length && first < text.Length && old.Text[first] == text[first])
            {
                first++;
            }
            int last = System.Math.Max(old.Text.Length, text.Length) - 1;
            if (old.Text.Length == text.Length)
            {
                while (last >= first && old.Text[last] == text[last])
                {
                    last--;
                }
            }
            int left = old.X + first * font.Width;
            int right = old.X + (last + 1) * font.Width;
            return last < first || old.FillsSince.Exists(f => f.X <= left && f.X + f.Width >= right && f.Y <= old.Y && f.Y + f.Height >= old.Y + old.Height);
        }

        public void DrawIcon(int icon, int x, int y) => _panel.DrawIcon(icon, x, y);

        public void Flush(int x, int y, int width, int height) => _panel.Flush(x, y, width, height);
    }
}
