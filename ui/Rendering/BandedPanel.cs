using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// A panel without a frame buffer, for boards that cannot spare one (320x240x2 = 153,600 bytes): the drawing
    /// calls since the last flush are kept in a display list, and <see cref="Flush"/> replays them band by band
    /// into a target a few rows high (<see cref="IBandTarget"/>), sending each band to the glass at its place, as
    /// small-RAM UI libraries do with partial buffers. The rectangle being flushed must be painted by the calls
    /// recorded for it (IdleScreen fills each region before drawing on it): a band keeps nothing of the
    /// previous one. Calls outside the flushed rectangle are dropped with it.
    /// </summary>
    public sealed class BandedPanel : IPanel
    {
        private const byte Fill = 0;
        private const byte Text = 1;
        private const byte Icon = 2;

        private readonly IBandTarget _target;
        // Per call, Fields shorts in one array (one array header instead of six, and shorts: a panel is at most a few
        // hundred pixels each way): the kind in the low 2 bits of the first, and for text the font's index in _fonts
        // above them (6 bits: a screen draws with one or two fonts, no 12-byte reference per call) and the text's index
        // in _text above those (8 bits); x; y; width (DrawText:
        // maxWidth); height (DrawText: the font's height; DrawIcon: its size); the value (FillRect and DrawText: the
        // RGB565 colour; DrawIcon: the icon).
        private const int Fields = 6;
        private const int KindAt = 0;
        private const int XAt = 1;
        private const int YAt = 2;
        private const int WidthAt = 3;
        private const int HeightAt = 4;
        private const int ValueAt = 5;
        // The list is made by a flush's first call and let go by the flush, as the target's band (docs/benchmarks.md,
        // h-boot80): a phone at rest does not hold its 864 B (40 calls). It is made for FirstCalls calls and grows by
        // GrowCalls up to the capacity: a flush holds about the list it needs while its band and glyphs are made (a
        // line's or a few cells' 144 B, the call screen's body 28 calls, not 40; docs/benchmarks.md, h-redraw).
        private const int FirstCalls = 4;
        private const int GrowCalls = 8;
        private short[] _calls;
        // The panel's height (low 16 bits) and the calls the list holds without growing (above): one field, not two.
        private int _shape;
        // PeakCalls (low 16 bits) and Growths (above): the counters in one field, not two (12 B a field at rest).
        private int _peaks;
        // The fonts the list's texts use, made with it and let go with it (48 B at rest, issue #17).
        private BitmapFont[] _fonts;
        // The fonts in _fonts (low 8 bits) and the texts in _text (above): one field, not two.
        private int _counts;
        // The texts of the list's DrawText calls only, not a slot per call: the call screen's body is 9 texts in 28
        // calls, 12 B a slot (docs/benchmarks.md, h-redraw3). Grows by GrowCalls from FirstCalls, as the calls.
        private string[] _text;
        private int _count;
        // Set by ReadGlyphs (a renderer that draws a region in parts): Parts, a flush without heap for its band keeps the
        // list for a smaller part (the renderer lets it go, Discard, when none is left); and Keep, the next flush is not
        // the region's last part and keeps the list. One field, not two: 12 B at rest each.
        private const int Parts = 1;
        private const int Keep = 2;
        private int _parts;

        /// <param name="capacity">Calls one flush may need: size it from the screen's worst case; more still draw
        /// right, but grow the list (an allocation, counted in <see cref="Growths"/>).</param>
        public BandedPanel(IBandTarget target, int height, int capacity)
        {
            _target = target;
            _shape = height & 0xFFFF | (capacity < 1 ? 1 : capacity) << 16;
        }

        public int Width => _target.Width;
        public int Height => _shape & 0xFFFF;
        public bool IsColor => _target.IsColor;

        /// <summary>Calls the display list holds without growing.</summary>
        public int Capacity => _shape >> 16;

        /// <summary>The most calls one flush has replayed so far (to check the capacity against real screens).</summary>
        public int PeakCalls => _peaks & 0xFFFF;

        /// <summary>Times a flush needed more calls than the capacity and the list grew.</summary>
        public int Growths => _peaks >> 16;

        /// <summary>Bands sent to the glass so far.</summary>
        public int BandsSent { get; private set; }

        public void FillRect(int x, int y, int width, int height, int color) => Add(Fill, x, y, width, height, color, null, null);

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            if (text != null)
            {
                Add(Text, x, y, maxWidth, font.Height, color, text, font);
            }
        }

        public void DrawIcon(int icon, int x, int y) => Add(Icon, x, y, IconStyle.Size, IconStyle.Size, icon, null, null);

        public void Flush(int x, int y, int width, int height)
        {
            if (_count > PeakCalls)
            {
                _peaks = (_peaks & ~0xFFFF) | _count;
            }
            // Computed in the arguments, few locals: this frame is under every band's drawing (frames.py: 15 locals
            // were 408 B). height becomes the bottom row, y each band's top.
            height += y;
            // band: the band's rows, then 0 once all are drawn (no local for that: the frame is 324 B, office's ringing
            // redraw's lowest collection on the 80,896-byte board, docs/benchmarks.md screenmargin).
            int band = _target.BandHeight;
            try
            {
                if (_target is IBandRelease)
                {
                    // Read by the renderer's ReadGlyphs for this flush (_parts set: IdleScreen), else here: the texts'
                    // characters are walked once a flush, not twice.
                    if (_parts == 0)
                    {
                        ReadGlyphs(x, y, width, height - y, true);
                        _parts = 0;
                    }
                    band = ((IBandRelease)_target).Band();
                }
                for (; y < height; y += band)
                {
                    int rows = height - y < band ? height - y : band;
                    // The calls walked by their first field (no call counter).
                    for (int at = 0; at < _count * Fields; at += Fields)
                    {
                        // Only calls that reach into this band; one that straddles two is replayed in both, clipped.
                        // Replayed here, not in a method of its own: one interpreter frame less under the target's
                        // drawing, the deepest moment of a redraw (about 200 B; docs/benchmarks.md, h-callscreen).
                        int callTop = _calls[at + YAt];
                        if (callTop < y + rows && callTop + _calls[at + HeightAt] > y)
                        {
                            // The kind in the low 2 bits, a text's font above; the value an RGB565 colour or an icon.
                            int kind = _calls[at + KindAt];
                            if ((kind & 3) == Fill)
                            {
                                _target.FillRect(_calls[at + XAt], callTop - y, _calls[at + WidthAt], _calls[at + HeightAt], (ushort)_calls[at + ValueAt]);
                            }
                            else if ((kind & 3) == Text)
                            {
                                _target.DrawText(_text[kind >> 8 & 0xFF], _calls[at + XAt], callTop - y, (ushort)_calls[at + ValueAt], _fonts[kind >> 2 & 63], _calls[at + WidthAt]);
                            }
                            else
                            {
                                _target.DrawIcon((ushort)_calls[at + ValueAt], _calls[at + XAt], callTop - y);
                            }
                        }
                    }
                    _target.FlushBand(x, y, width, rows);
                    BandsSent++;
                }
                band = 0;
            }
            finally
            {
                // Also when the target could not make its band (out of memory): the list starts empty for the redraw.
                // A part that is not its region's last (ReadGlyphs) keeps the list for the next part and lets go of the
                // band and glyphs only, so the next part's glyphs find their room; so does a part of a region drawn in
                // parts that found no heap for its band (a smaller part, a narrower band, is tried; IdleScreen.Flush).
                if ((_parts & (band == 0 ? Keep : Parts)) != 0)
                {
                    ((IBandRelease)_target).Release(band == 0);
                }
                else
                {
                    Drop(band == 0);
                }
            }
        }

        /// <summary>
        /// Has the target read the glyphs the recorded texts draw inside columns x..x+width-1 of rows y..y+height-1 (the
        /// next <see cref="Flush"/>'s, of the same rows), so the flush reads nothing from the font resources: marks them
        /// (<see cref="MarkGlyphs"/>), then reads each font's ASCII blocks at this frame. Without heap for the glyphs an
        /// <see cref="System.OutOfMemoryException"/>, with those read let go. A renderer that draws in parts marks and reads
        /// itself, one frame less under the font read (IdleScreen.Flush).
        /// </summary>
        public void ReadGlyphs(int x, int y, int width, int height, bool last)
        {
            MarkGlyphs(x, y, width, height, last);
            try
            {
                Glyphs(false)?.Read();
                Glyphs(true)?.Read();
            }
            catch (System.OutOfMemoryException)
            {
                Unread();
                throw;
            }
        }

        /// <summary>
        /// Marks the glyphs the recorded texts draw inside columns x..x+width-1 of rows y..y+height-1 (the next
        /// <see cref="Flush"/>'s, of the same rows) and reads those outside ASCII; the caller then reads each font's ASCII
        /// blocks (<see cref="Glyphs"/>, <see cref="GlyphRows.Read"/>) at its own frame, not under the drawing frames nor
        /// under this one (docs/benchmarks.md, h-glyphread, h-redraw4), and lets them go with <see cref="Unread"/> when one
        /// finds no heap. A flush that is not the <paramref name="last"/> part of its region keeps the recorded calls for
        /// the next part (IdleScreen.Flush draws a region in parts when the whole finds no heap for its glyphs;
        /// docs/benchmarks.md, h-flushparts). Without heap for a glyph outside ASCII an
        /// <see cref="System.OutOfMemoryException"/>, with those read let go and the calls kept: the caller tries a
        /// smaller part or lets them go (<see cref="Discard"/>); so does the next flush when it finds no heap for its band.
        /// </summary>
        public void MarkGlyphs(int x, int y, int width, int height, bool last)
        {
            _parts = last ? Parts : Parts | Keep;
            if (!(_target is IBandRelease windowed))
            {
                return;
            }
            // The texts marked here, not in a method of its own: one frame less under a glyph read outside ASCII
            // (docs/benchmarks.md, h-redraw3).
            try
            {
                windowed.Window(x, width);
                for (int i = 0; i < _count; i++)
                {
                    int at = i * Fields;
                    if ((_calls[at + KindAt] & 3) == Text && _calls[at + YAt] < y + height && _calls[at + YAt] + _calls[at + HeightAt] > y)
                    {
                        windowed.Prepare(_text[_calls[at + KindAt] >> 8 & 0xFF], _calls[at + XAt], _fonts[_calls[at + KindAt] >> 2 & 63], _calls[at + WidthAt]);
                    }
                }
            }
            catch (System.OutOfMemoryException)
            {
                Unread();
                throw;
            }
        }

        /// <summary>
        /// The target when it makes its band per flush (null: one that does not). A renderer that reads the glyphs itself
        /// has it make the next flush's band (<see cref="IBandRelease.Band"/>, after the glyphs are read) at its own
        /// frame: the band's allocation, the flush's last, then runs with no frame of the panel's or the target's under
        /// the renderer's (nanoCLR runs the target's Band inside the caller's frame; under <see cref="Flush"/> it had
        /// that frame's 324 B and its own 204 B; docs/benchmarks.md h-redraw5). Flush finds it made.
        /// </summary>
        public IBandRelease Windowed => _target as IBandRelease;

        /// <summary>The target's glyphs of the small font or the large one (null: a target without glyphs to read).</summary>
        public GlyphRows Glyphs(bool small) => _target is IBandRelease windowed ? windowed.Glyphs(small) : null;

        /// <summary>
        /// Lets go of the glyphs marked and read for the next flush (a read that found no heap: the caller tries a smaller
        /// part or lets the calls go); the calls are kept. A flush that read for itself (no part set by the renderer) lets
        /// the list go as before.
        /// </summary>
        public void Unread()
        {
            if (_target is IBandRelease windowed)
            {
                windowed.Release(false);
            }
            _parts = 0;
        }

        /// <summary>Lets go of the recorded calls (a region whose smallest part found no heap: drawn again later).</summary>
        public void Discard() => Drop(false);

        /// <summary>Lets go of the list with the strings it holds (the caller's), and of the target's band and glyphs.</summary>
        private void Drop(bool drawn)
        {
            _calls = null;
            _text = null;
            _fonts = null;
            _counts = 0;
            _count = 0;
            _parts = 0;
            if (_target is IBandRelease release)
            {
                release.Release(drawn);
            }
        }

        private void Add(byte kind, int x, int y, int width, int height, int value, string text, BitmapFont font)
        {
            if (_calls == null)
            {
                _calls = new short[(Capacity < FirstCalls ? Capacity : FirstCalls) * Fields];
            }
            else if (_count * Fields == _calls.Length)
            {
                // Replaying what is recorded so far would be wrong (later calls paint over it and no band is kept),
                // so the list grows instead: to the capacity, else (past it) one allocation, visible in Growths.
                Grow();
            }
            int at = _count * Fields;
            _calls[at + KindAt] = (short)(font == null ? kind : kind | FontIndex(font) << 2 | TextIndex(text) << 8);
            _calls[at + XAt] = Clamp(x);
            _calls[at + YAt] = Clamp(y);
            _calls[at + WidthAt] = Clamp(width);
            _calls[at + HeightAt] = Clamp(height);
            // Colours are RGB565 and icons small numbers: 16 bits hold either.
            _calls[at + ValueAt] = (short)value;
            _count++;
        }

        /// <summary>The font's index in <see cref="_fonts"/>, added at its first use (at most 64 fonts: 6 bits of the kind).</summary>
        private int FontIndex(BitmapFont font)
        {
            int count = _counts & 0xFF;
            for (int i = 0; i < count; i++)
            {
                if (_fonts[i] == font)
                {
                    return i;
                }
            }
            if (count == 64)
            {
                throw new System.InvalidOperationException("a banded panel draws with at most 64 fonts");
            }
            if (_fonts == null)
            {
                _fonts = new BitmapFont[2];
            }
            else if (count == _fonts.Length)
            {
                var fonts = new BitmapFont[count * 2];
                System.Array.Copy(_fonts, fonts, count);
                _fonts = fonts;
            }
            _fonts[count] = font;
            _counts++;
            return count;
        }

        /// <summary>Adds <paramref name="text"/> to <see cref="_text"/> and returns its index (at most 256 texts: 8 bits of the kind).</summary>
        private int TextIndex(string text)
        {
            int index = _counts >> 8;
            if (index == 256)
            {
                throw new System.InvalidOperationException("a banded panel flushes at most 256 texts");
            }
            if (_text == null)
            {
                _text = new string[FirstCalls];
            }
            else if (index == _text.Length)
            {
                var texts = new string[index + GrowCalls];
                System.Array.Copy(_text, texts, index);
                _text = texts;
            }
            _text[index] = text;
            _counts += 1 << 8;
            return index;
        }

        private void Grow()
        {
            short[] calls = _calls;
            int length = calls.Length / Fields;
            bool past = length >= Capacity;
            _calls = new short[(past ? length * 2 : length + GrowCalls < Capacity ? length + GrowCalls : Capacity) * Fields];
            System.Array.Copy(calls, _calls, calls.Length);
            if (past)
            {
                // The next flushes grow the list this large.
                _shape = (_shape & 0xFFFF) | _calls.Length / Fields << 16;
                _peaks += 1 << 16;
            }
        }

        private static short Clamp(int v) => (short)(v > short.MaxValue ? short.MaxValue : v < short.MinValue ? short.MinValue : v);
    }
}
