using System.Collections.Generic;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// Passes every call to a panel and keeps the texts now on it: a text is forgotten when a later fill covers it
    /// completely (the region was repainted), so <see cref="Visible"/> is what the glass shows as text. Each text also
    /// keeps whether it fitted its clip width, so a row cut by clipping (not by the model) shows.
    /// </summary>
    internal sealed class RecordingPanel : IPanel
    {
        internal sealed class Drawn
        {
            public string Text;
            public int X, Y, Width, Height, MaxWidth;

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
            _panel.FillRect(x, y, width, height, color);
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            _texts.Add(new Drawn { Text = text, X = x, Y = y, Width = font.Measure(text), Height = font.Height, MaxWidth = maxWidth });
            _panel.DrawText(text, x, y, color, font, maxWidth);
        }

        public void DrawIcon(int icon, int x, int y) => _panel.DrawIcon(icon, x, y);

        public void Flush(int x, int y, int width, int height) => _panel.Flush(x, y, width, height);
    }
}
