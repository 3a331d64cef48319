using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// The board's band target (<see cref="Rgb565BandTarget"/>: RGB565 rows in a managed array, glyphs read from the
    /// committed font resources board/Display/Resources/*.glyphs) behind a <see cref="BandedPanel"/>, against the host's
    /// full-frame <see cref="SoftwarePanel"/> (glyphs from tools/Host/Panel/Fonts): every golden screen, the
    /// technician views and the icon sheet must reach the glass pixel for pixel the same, with the panel's bytes
    /// (high byte first) decoded as the panel reads them.
    /// </summary>
    public class Rgb565BandTargetTests
    {

        public static IEnumerable<object[]> ProfilesAndBands()
        {
            foreach (string profile in new[] { "320x240", "480x272", "128x64" })
            {
                // 2 is the board's band (DeviceSizing.PanelBandRows); 1, 4 and 7 put band edges through most text and
                // icons; 20 is the status line.
                foreach (int band in new[] { 1, 2, 4, 7, 20 })
                {
                    yield return new object[] { profile, band };
                }
            }
        }

        [Theory]
        [MemberData(nameof(ProfilesAndBands))]
        public void EveryGoldenScreenIsPixelIdenticalToTheHostRenderer(string profileName, int bandHeight)
        {
            DisplayProfile p = ScreenGoldenTests.Profile(profileName);
            foreach (KeyValuePair<string, Action<GoldenPhone>> scenario in ScreenGoldenTests.PhoneScenarios)
            {
                if (scenario.Key == "idle-cut" && profileName != "128x64")
                {
                    continue; // its message fills eight pages only on the small display
                }
                var twin = Twin(p, bandHeight, IdleScreen.MostCallsPerFlush(p));
                scenario.Value(new GoldenPhone(p, twin));
                twin.AssertSame(scenario.Key);
            }
            foreach (KeyValuePair<string, Action<IdleScreen>> scenario in ScreenGoldenTests.RendererScenarios)
            {
                var twin = Twin(p, bandHeight, IdleScreen.MostCallsPerFlush(p));
                IdleScreen screen = ScreenGoldenTests.Screen(twin, p);
                scenario.Value(screen);
                screen.Render();
                twin.AssertSame(scenario.Key);
            }
            foreach (KeyValuePair<string, int[]> view in TechnicianMenuGoldenTests.Views)
            {
                var twin = Twin(p, bandHeight, IdleScreen.MostCallsPerFlush(p));
                var phone = new TechnicianMenuGoldenTests();
                phone.Show(twin, p);
                phone.Press(view.Value);
                twin.AssertSame(view.Key);
            }
            var sheet = Twin(p, bandHeight, 2 * IconId.Count + 1);
            ScreenGoldenTests.DrawIconSheet(sheet, p);
            sheet.AssertSame("icons");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        [InlineData(5)]
        public void ClippedTextIconsAndMissingGlyphsMatchTheHostRenderer(int bandHeight)
        {
            DisplayProfile p = DisplayProfile.Color320x240;
            var twin = Twin(p, bandHeight, 16);
            twin.FillRect(-4, -3, p.Width + 10, 44, p.Background);
            // Above the flushed rectangle, across the left and right edges, both fonts, glyphs outside ASCII, one
            // the fonts lack (U+20AC: drawn as U+FFFD), icons half off the panel.
            twin.DrawText("Grüße Привет Ελένη €", -3, -5, p.Foreground, BitmapFont.Fixed8x16, 400);
            twin.DrawText("right edge ж", p.Width - 92, 12, 0xF800, BitmapFont.Fixed8x16, 200);
            twin.DrawText("edge ж€", -2, bandHeight - 3, 0x07E0, BitmapFont.Terminus6x12, 100);
            twin.DrawText("cut by maxWidth", 150, 20, 0x001F, BitmapFont.Terminus6x12, 37);
            twin.DrawIcon(IconId.Voicemail, -5, bandHeight - 1);
            twin.DrawIcon(IconId.Warning, p.Width - 7, 31);
            twin.FillRect(100, 30, 0, 5, 0xFFFF);
            twin.FillRect(100, 30, 1, 5, 0xF81F);
            twin.Flush(0, 0, p.Width, 40);
            twin.AssertSame("straddling calls");
            // 'ж' half past the right edge: its left half is drawn.
            Assert.Contains(Enumerable.Range(0, 16 * 4), i => twin.Glass(p.Width - 4 + i % 4, 12 + i / 4) == 0xF800);
        }

        [Fact]
        public void GlyphsAreReadWhenPreparedAndDrawingReadsNothingFromTheFontResource()
        {
            var reads = new List<int>();
            byte[] file = FontFile("Fixed8x16");
            var glyphs = new GlyphRows((offset, count) =>
            {
                reads.Add(count);
                return file.Skip(offset).Take(count).ToArray();
            });
            var target = new Rgb565BandTarget(320, 16, true, glyphs, glyphs, (x, y, w, h, band, stride) => { });
            Assert.Equal(new[] { 6, 2 }, reads); // the header and the last ASCII code point, checked

            reads.Clear();
            target.Prepare("Hello", 0, BitmapFont.Fixed8x16, 320);
            Assert.Empty(reads); // ASCII is only marked
            target.Glyphs(false).Read();
            target.Glyphs(true).Read();
            Assert.Equal(new[] { 16 * 16, 16 * 16 }, reads); // the ASCII blocks of 'H' ('@' to 'O') and of "ello" ('`' to 'o'), once
            // Kept: the rows of the four glyphs of "Hello" after a byte per ASCII glyph, not the two blocks (512 B).
            Assert.Equal(95 + 4 * 16, glyphs.Find('H', out _).Length);
            Assert.Null(glyphs.Find('I', out _));
            reads.Clear();
            target.Prepare("Hello, world! ~{|}", 0, BitmapFont.Fixed8x16, 320);
            target.Glyphs(false).Read();
            target.Glyphs(true).Read();
            // The blocks of ", !" (space to '/'), of "d" ('`' to 'o' again: only the glyphs prepared are kept, not their
            // blocks) and of "wr~{|}" ('p' to '~'); not '@' to 'O' ('H' is kept).
            Assert.Equal(new[] { 16 * 16, 16 * 16, 15 * 16 }, reads);
            reads.Clear();
            target.DrawText("Hello, world! ~{|}", 0, 0, 0xFFFF, BitmapFont.Fixed8x16, 320);
            Assert.Empty(reads);

            target.Prepare("ü", 0, BitmapFont.Fixed8x16, 320);
            Assert.Equal(16, reads.Last()); // one glyph's rows, after a binary search of 2-byte code points, when prepared
            Assert.All(reads.Take(reads.Count - 1), n => Assert.Equal(2, n));
            Assert.InRange(reads.Count - 1, 1, 9); // log2 of the 373 glyphs outside ASCII
            reads.Clear();
            target.Prepare("ü", 0, BitmapFont.Fixed8x16, 320);
            target.Glyphs(false).Read();
            target.Glyphs(true).Read();
            target.DrawText("üéQ", 0, 0, 0xFFFF, BitmapFont.Fixed8x16, 320);
            Assert.Empty(reads); // read once; a glyph not prepared ('é', 'Q') is a box, never a read while drawing
            Assert.Null(glyphs.Find('é', out _));
            Assert.Null(glyphs.Find('Q', out _));
            Assert.NotNull(glyphs.Find('ü', out _));
        }

        [Fact]
        public void AfterEachFlushTheAsciiRowsAreLetGoAndReadAgainByTheNextText()
        {
            var reads = new List<int>();
            byte[] file = FontFile("Fixed8x16");
            var glyphs = new GlyphRows((offset, count) =>
            {
                reads.Add(count);
                return file.Skip(offset).Take(count).ToArray();
            });
            var target = new Rgb565BandTarget(320, 2, true, glyphs, glyphs, (x, y, w, h, band, stride) => { });
            var panel = new BandedPanel(target, 240, 8);
            reads.Clear();
            panel.FillRect(0, 0, 320, 16, 0);
            panel.DrawText("Hello", 0, 0, 0xFFFF, BitmapFont.Fixed8x16, 320);
            panel.Flush(0, 0, 320, 16);
            Assert.Equal(new[] { 16 * 16, 16 * 16 }, reads); // the blocks of "Hello", once for the 8 bands of the flush
            reads.Clear();
            panel.FillRect(0, 0, 320, 16, 0);
            panel.Flush(0, 0, 320, 16);
            Assert.Empty(reads); // no text, nothing read
            panel.DrawText("Hi", 0, 0, 0xFFFF, BitmapFont.Fixed8x16, 320);
            panel.Flush(0, 0, 320, 16);
            Assert.Equal(new[] { 16 * 16, 16 * 16 }, reads); // let go after the first flush: read again
        }

        [Fact]
        public void WithoutRoomForAnAsciiBlockTheReadRunsOutOfMemoryBeforeAnyDrawing()
        {
            byte[] file = FontFile("Fixed8x16");
            var reads = new List<int>();
            bool tight = false;
            var glyphs = new GlyphRows((offset, count) =>
            {
                reads.Add(count);
                // The second block read.
                if (tight && reads.Count >= 2)
                {
                    throw new OutOfMemoryException();
                }
                return file.Skip(offset).Take(count).ToArray();
            });
            tight = true;
            reads.Clear();
            // Space's block is read; '@' to 'O' finds no room beside it: the redraw waits, nothing drawn.
            Assert.Throws<OutOfMemoryException>(() => HelloRows(glyphs));
            Assert.Equal(new[] { 16 * 16, 16 * 16 }, reads);
            tight = false;
            glyphs.Release();
            Assert.Equal(HelloRows(Glyphs("Fixed8x16")), HelloRows(glyphs));
        }

        /// <summary>The rows a band of one line of text sends when drawn with <paramref name="glyphs"/>, read before.</summary>
        private static byte[] HelloRows(GlyphRows glyphs)
        {
            var sent = new List<byte[]>();
            var target = new Rgb565BandTarget(320, 16, true, glyphs, glyphs, (x, y, w, h, band, stride) => sent.Add(RowsOf(band, stride, x, w, h)));
            target.Prepare("Hello, world! ~{|}", 3, BitmapFont.Fixed8x16, 320);
            target.Glyphs(false).Read();
            target.Glyphs(true).Read();
            target.FillRect(0, 0, 320, 16, 0x0000);
            target.DrawText("Hello, world! ~{|}", 3, 0, 0xFFFF, BitmapFont.Fixed8x16, 320);
            target.FlushBand(0, 0, 320, 16);
            return sent[0];
        }

        [Fact]
        public void WhenAnAsciiBlocksReadHandsBackNoArrayTheDrawingRunsOutOfMemory()
        {
            // nanoCLR with the heap short: ResourceUtility.GetObject hands back the count it was given, not the array
            // (docs/benchmarks.md "Font reads when the heap is short"); a cast there was an InvalidCastException.
            byte[] file = FontFile("Fixed8x16");
            var reads = new List<int>();
            var tight = new GlyphRows((offset, count) =>
            {
                reads.Add(count);
                return count >= 15 * 16 ? count : file.Skip(offset).Take(count).ToArray();
            });
            Assert.Throws<OutOfMemoryException>(() => HelloRows(tight));
            Assert.Equal(new[] { 16 * 16 }, reads.Skip(2)); // the first block tried: the redraw waits
        }

        [Fact]
        public void AGlyphReadThatHandsBackNoArrayIsOutOfMemoryNotAnotherException()
        {
            byte[] file = FontFile("Fixed8x16");
            bool shortOfHeap = false;
            var glyphs = new GlyphRows((offset, count) => shortOfHeap ? count : file.Skip(offset).Take(count).ToArray());
            shortOfHeap = true;
            // The renderer's "no heap now, draw again at the next turn" (IdleScreen.Render, BandedPanelTests).
            glyphs.Need('H');
            Assert.Throws<OutOfMemoryException>(() => glyphs.Read());
            Assert.Throws<OutOfMemoryException>(() => glyphs.Need('\u00fc'));
            Assert.Throws<OutOfMemoryException>(() => new GlyphRows((offset, count) => count));
            shortOfHeap = false;
            glyphs.Read();
            byte[] rows = glyphs.Find('H', out int at);
            Assert.Equal(file.Skip(6 + 468 * 2 + ('H' - 0x20) * 16).Take(16), rows.Skip(at).Take(16));
        }

        [Fact]
        public void TheIdleScreenReadsItsGlyphsBeforeEachFlushNeverUnderTheDrawing()
        {
            // nanoCLR's font read that finds no heap under the drawing frames left them garbage (a System.Exception in
            // Rgb565BandTarget.DrawText at 88,600 B; docs/benchmarks.md, h-glyphread): every read is made by
            // IdleScreen.Render's Flush before the panel's, none under BandedPanel.Flush.
            byte[] file = FontFile("Fixed8x16");
            var under = new List<string>();
            int reads = 0;
            var glyphs = new GlyphRows((offset, count) =>
            {
                reads++;
                foreach (var frame in new System.Diagnostics.StackTrace().GetFrames())
                {
                    var method = frame.GetMethod();
                    if (method?.DeclaringType == typeof(BandedPanel) && method.Name == "Flush"
                        || method?.DeclaringType == typeof(Rgb565BandTarget) && method.Name != "ReadGlyphs" && method.Name != "Prepare" && method.Name != ".ctor")
                    {
                        under.Add(method.DeclaringType.Name + "." + method.Name);
                    }
                }
                return file.Skip(offset).Take(count).ToArray();
            });
            DisplayProfile profile = DisplayProfile.Color320x240;
            var target = new Rgb565BandTarget(profile.Width, 2, profile.IsColor, glyphs, glyphs, (x, y, w, h, band, stride) => { });
            var screen = new IdleScreen(new BandedPanel(target, profile.Height, IdleScreen.MostCallsPerFlush(profile)), profile);
            screen.SetStatusLine("12:34 Mon 7 Dec", 0);
            screen.SetIdentity("alice@example.org");
            screen.SetFunctionKey(0, "Bob", 0);
            screen.SetCall(new[] { "Connected: M\u00fcller", "555  00:59" }, new[] { IconId.Call, IconId.None }, new[] { "Hold", "Mute", "Transfer", "End" });
            screen.Render();
            screen.SetCall(new[] { "Connected: M\u00fcller", "555  01:00" }, new[] { IconId.Call, IconId.None }, new[] { "Hold", "Mute", "Transfer", "End" });
            screen.Render();
            Assert.True(reads > 10, reads + " reads");
            Assert.Empty(under);
            Assert.Equal(0, screen.Dirty);
        }

        [Fact]
        public void AGlyphReadWithoutHeapLetsTheRecordedCallsGoAndTheScreenWaits()
        {
            byte[] file = FontFile("Fixed8x16");
            bool shortOfHeap = true;
            int refused = 0;
            var sent = new List<int>();
            var glyphs = new GlyphRows((offset, count) => shortOfHeap && count > 6 && ++refused > 0 ? count : file.Skip(offset).Take(count).ToArray());
            DisplayProfile profile = DisplayProfile.Color320x240;
            var target = new Rgb565BandTarget(profile.Width, 2, profile.IsColor, glyphs, glyphs, (x, y, w, h, band, stride) => sent.Add(w));
            var panel = new BandedPanel(target, profile.Height, 8);
            var screen = new IdleScreen(panel, profile);
            screen.SetStatusLine("Hi", 0);
            screen.SetIdentity("alice@example.org");
            screen.Render();
            // The status line's glyphs found no heap, before its flush, even for a part of one column: only its parts
            // without text were drawn (IdleScreen.Flush, docs/benchmarks.md, h-flushparts), never the whole line.
            Assert.DoesNotContain(profile.Width, sent);
            Assert.NotEqual(0, screen.Dirty);
            int before = refused;
            panel.Flush(0, 0, profile.Width, 20);
            Assert.Equal(before, refused); // the calls recorded before the failed read were let go: no text to read for

            sent.Clear();
            shortOfHeap = false;
            screen.Render();
            Assert.NotEmpty(sent);
            Assert.Equal(0, screen.Dirty);
        }

        [Fact]
        public void AFlushOfAFewCellsMakesABandAsWideAsThemAndLooksUpNoOtherGlyph()
        {
            var sent = new List<(int X, int W, int Stride, int Bytes)>();
            var reads = new List<int>();
            byte[] file = FontFile("Fixed8x16");
            var glyphs = new GlyphRows((offset, count) =>
            {
                reads.Add(count);
                return file.Skip(offset).Take(count).ToArray();
            });
            var target = new Rgb565BandTarget(320, 2, true, glyphs, glyphs, (x, y, w, h, band, stride) => sent.Add((x, w, stride, band.Length)));
            var panel = new BandedPanel(target, 240, 8);
            reads.Clear();

            // The last cell of "555  01:00" (a glyph outside ASCII before it: not read, it is outside the cells).
            panel.FillRect(18 + 9 * 8, 60, 8, 18, 0x0841);
            panel.DrawText("ü55  01:00", 18, 60, 0xFFFF, BitmapFont.Fixed8x16, 300);
            panel.Flush(18 + 9 * 8, 60, 8, 18);

            Assert.Equal(9, sent.Count);
            Assert.All(sent, s => Assert.Equal((18 + 72, 8, 8, 8 * 2 * 2 + 64 + 8), (s.X, s.W, s.Stride, s.Bytes))); // and the nibble runs and the ink after the pixels
            Assert.Equal(new[] { 16 * 16 }, reads); // the digits' block only: no search for the 'ü' outside the window
        }

        [Fact]
        public void AFlushThatRanOutOfHeapIsDrawnAgainInBandsOfOneRowWithTheSamePixels()
        {
            // The connected call screen's first redraw at the board's heap (docs/benchmarks.md, h-callscreen): the glyph
            // rows are read before the band is made, and after a flush that found no heap the next makes a band of one row.
            byte[] file = FontFile("Fixed8x16");
            bool shortOfHeap = false;
            var reads = new List<int>();
            var glyphs = new GlyphRows((offset, count) =>
            {
                if (shortOfHeap)
                {
                    throw new OutOfMemoryException();
                }
                reads.Add(count);
                return file.Skip(offset).Take(count).ToArray();
            });
            var sent = new List<(int Y, int H, byte[] Rows)>();
            var target = new Rgb565BandTarget(320, 2, true, glyphs, glyphs, (x, y, w, h, band, stride) => sent.Add((y, h, RowsOf(band, stride, x, w, h))));
            var panel = new BandedPanel(target, 240, 8);
            void Draw()
            {
                panel.FillRect(0, 40, 320, 18, 0x0841);
                panel.DrawText("Connected: Caller", 8, 41, 0xFFFF, BitmapFont.Fixed8x16, 300);
                panel.Flush(0, 40, 320, 18);
            }

            reads.Clear();
            Draw();
            var whole = sent.SelectMany(b => b.Rows).ToArray();
            Assert.All(sent, b => Assert.Equal(2, b.H));
            Assert.Equal(new[] { 16 * 16, 16 * 16, 16 * 16, 16 * 16, 15 * 16 }, reads); // the blocks of ' ', ':', 'C', 'o' and 't', read before the first band

            sent.Clear();
            reads.Clear();
            shortOfHeap = true;
            Assert.Throws<OutOfMemoryException>(Draw);
            Assert.Empty(sent); // nothing reached the glass: the glyphs are read before any band

            shortOfHeap = false;
            Draw();
            Assert.Equal(18, sent.Count);
            Assert.All(sent, b => Assert.Equal(1, b.H));
            Assert.Equal(whole, sent.SelectMany(b => b.Rows).ToArray());

            sent.Clear();
            Draw();
            Assert.All(sent, b => Assert.Equal(2, b.H)); // drawn: the next flush has its full band again
            Assert.Equal(whole, sent.SelectMany(b => b.Rows).ToArray());
        }

        [Fact]
        public void TheBandGoesToThePanelAsRgb565HighByteFirst()
        {
            var sent = new List<(int X, int Y, int W, int H, byte[] Bytes)>();
            GlyphRows glyphs = Glyphs("Fixed8x16");
            var target = new Rgb565BandTarget(320, 4, true, glyphs, glyphs,
                (x, y, w, h, band, stride) => sent.Add((x, y, w, h, RowsOf(band, stride, x, w, h))));
            var panel = new BandedPanel(target, 240, 8);

            panel.FillRect(0, 0, 320, 240, 0x1234);
            panel.FillRect(10, 21, 3, 1, 0xF800);
            panel.Flush(8, 20, 6, 6);

            Assert.Equal(2, sent.Count); // 4 + 2 rows
            Assert.Equal((8, 20, 6, 4), (sent[0].X, sent[0].Y, sent[0].W, sent[0].H));
            Assert.Equal((8, 24, 6, 2), (sent[1].X, sent[1].Y, sent[1].W, sent[1].H));
            Assert.Equal(new byte[] { 0x12, 0x34, 0x12, 0x34, 0xF8, 0x00, 0xF8, 0x00, 0xF8, 0x00, 0x12, 0x34 }, sent[0].Bytes.Skip(12).Take(12).ToArray());
            Assert.Equal(2560, target.BandBytes);
        }

        private static byte[] RowsOf(byte[] band, int stride, int x, int width, int height)
        {
            var bytes = new byte[width * height * 2];
            for (int row = 0; row < height; row++)
            {
                Array.Copy(band, row * stride * 2, bytes, row * width * 2, width * 2);
            }
            return bytes;
        }

        private static string RepoRoot() =>
            typeof(Rgb565BandTargetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value;

        internal static byte[] FontFile(string name) => File.ReadAllBytes(Path.Combine(RepoRoot(), "board", "Display", "Resources", name + ".glyphs"));

        private static readonly Dictionary<string, GlyphRows> Loaded = new();

        internal static GlyphRows Glyphs(string name)
        {
            lock (Loaded)
            {
                if (!Loaded.TryGetValue(name, out GlyphRows glyphs))
                {
                    byte[] file = FontFile(name);
                    glyphs = new GlyphRows((offset, count) => file.AsSpan(offset, count).ToArray());
                    Loaded[name] = glyphs;
                }
                return glyphs;
            }
        }

        /// <summary>The host's full frame against a banded panel in front of the board's band target.</summary>
        private static TwinPanel Twin(DisplayProfile profile, int bandHeight, int capacity)
        {
            var glass = new Glass(new ushort[profile.Width * profile.Height], profile.Width);
            var target = new Rgb565BandTarget(profile.Width, bandHeight, profile.IsColor, Glyphs("Fixed8x16"), Glyphs("Terminus6x12"), glass.Receive);
            return new TwinPanel(profile, target, glass.Pixel, () => glass.Writes, capacity);
        }

        /// <summary>The panel's memory: RGB565 pixels decoded from what each band write sends (high byte first).</summary>
        private sealed class Glass
        {
            private readonly ushort[] _pixels;
            private readonly int _width;

            public Glass(ushort[] pixels, int width)
            {
                _pixels = pixels;
                _width = width;
            }

            public int Writes { get; private set; }

            public void Receive(int x, int y, int width, int height, byte[] band, int bandWidth)
            {
                Writes++;
                for (int row = 0; row < height; row++)
                {
                    for (int col = 0; col < width && x + col < _width; col++)
                    {
                        int at = (row * bandWidth + col) * 2;
                        _pixels[(y + row) * _width + x + col] = (ushort)(band[at] << 8 | band[at + 1]);
                    }
                }
            }

            public ushort Pixel(int x, int y) => _pixels[y * _width + x];
        }
    }
}
