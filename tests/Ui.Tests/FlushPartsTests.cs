using System;
using System.Linq;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;
using Xunit;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// A region whose glyphs find no heap all at once is drawn in parts (IdleScreen.Flush; docs/benchmarks.md,
    /// h-flushparts): the connected call screen's first redraw at the board's heap needed all six ASCII blocks at once.
    /// </summary>
    public class FlushPartsTests
    {
        private const int BlockBytes = 16 * 16;

        [Fact]
        public void ARegionWhoseGlyphsFindNoRoomAtOnceIsDrawnInPartsWithTheSamePixels()
        {
            byte[] roomy = CallScreen(int.MaxValue, out int roomyParts, out int roomyRefused);
            // Room for two ASCII blocks at a time (the body's texts need all six): the whole body is refused, its
            // parts are not.
            byte[] tight = CallScreen(2 * BlockBytes + 64, out int tightParts, out int refused);

            Assert.Equal(0, roomyRefused);
            Assert.True(refused > 0, "no read was refused: the limit does not bite");
            Assert.True(tightParts > roomyParts, tightParts + " parts flushed, " + roomyParts + " with room");
            Assert.Equal(roomy, tight);
        }

        [Fact]
        public void ATallRegionIsDrawnAFewTextLinesAtATimeEachPartReadingItsOwnGlyphs()
        {
            // The connected call's body on a panel that reads glyphs: some of its glyphs are read after its first bands
            // are sent, not all before them (office's lowest collection on the 80,896-byte board held all 38 of the
            // body's glyphs at once; docs/benchmarks.md margin2).
            DisplayProfile profile = DisplayProfile.Color320x240;
            byte[] file = Rgb565BandTargetTests.FontFile("Fixed8x16");
            // In order: -1 for a glyph read, else the top row of a band sent.
            var events = new System.Collections.Generic.List<int>();
            var glyphs = new GlyphRows((offset, count) =>
            {
                events.Add(-1);
                return file.Skip(offset).Take(count).ToArray();
            });
            var target = new Rgb565BandTarget(profile.Width, 2, profile.IsColor, glyphs, glyphs, (x, y, w, h, band, stride) => events.Add(y));
            var screen = new IdleScreen(new BandedPanel(target, profile.Height, IdleScreen.MostCallsPerFlush(profile)), profile);
            screen.SetCall(new[] { "Connected: Bob", "555  00:03", "Loss 0% Jitter 0ms RTT -", "Speaker" }, new[] { IconId.Call, IconId.None, IconId.None, IconId.None }, new[] { "Hold", "Mute", "Transfer", "End" });
            screen.Render();

            int top = profile.StatusHeight + profile.LineHeight + profile.Margin;
            int keys = profile.Height - profile.FunctionKeyRows * profile.LineHeight;
            int first = events.FindIndex(e => e >= top);
            int last = events.FindLastIndex(e => e >= top && e < keys);
            Assert.True(first > 0 && last > first, "the body sent no bands");
            Assert.Contains(-1, events.GetRange(first, last - first));
        }

        [Fact]
        public void ARegionWaitsOnlyWhenEvenAPartOfOneColumnFindsNoRoom()
        {
            // Room for no ASCII block at all: the parts without text are drawn, the screen waits, the recorded calls
            // are let go.
            var glyphs = Source(BlockBytes - 1, out _, out Func<int> refused);
            DisplayProfile profile = DisplayProfile.Color320x240;
            var panel = new BandedPanel(new Rgb565BandTarget(profile.Width, 2, profile.IsColor, glyphs, glyphs, (x, y, w, h, band, stride) => { }), profile.Height, IdleScreen.MostCallsPerFlush(profile));
            var screen = new IdleScreen(panel, profile);
            screen.SetStatusLine("12:34 Mon 7 Dec", 0);
            screen.Render();
            Assert.NotEqual(0, screen.Dirty);
            Assert.True(refused() > 1, "a smaller part was not tried");
            int before = refused();
            panel.Flush(0, 0, profile.Width, 20);
            Assert.Equal(before, refused()); // the recorded calls were let go: no text to read glyphs for
        }

        [Fact]
        public void MarkingReadsNoAsciiBlockTheCallerReadsThemAtItsFrameAndUnreadLetsThemGo()
        {
            // IdleScreen.Flush marks through the panel and reads each font's blocks itself, one frame less under the
            // read (docs/benchmarks.md, h-redraw4).
            byte[] file = Rgb565BandTargetTests.FontFile("Fixed8x16");
            int reads = 0;
            var glyphs = new GlyphRows((offset, count) =>
            {
                reads++;
                return file.Skip(offset).Take(count).ToArray();
            });
            DisplayProfile profile = DisplayProfile.Color320x240;
            var panel = new BandedPanel(new Rgb565BandTarget(profile.Width, 2, profile.IsColor, glyphs, glyphs, (x, y, w, h, band, stride) => { }), profile.Height, 8);
            panel.DrawText("AB", 0, 0, 0xFFFF, BitmapFont.Fixed8x16, profile.Width);
            int before = reads;

            panel.MarkGlyphs(0, 0, profile.Width, 16, true);
            Assert.Equal(before, reads);
            Assert.Null(glyphs.Find('A', out _));

            Assert.Same(glyphs, panel.Glyphs(false));
            panel.Glyphs(false).Read();
            Assert.Equal(before + 1, reads); // 'A' and 'B' are in one block
            Assert.NotNull(glyphs.Find('A', out _));

            panel.Unread();
            Assert.Null(glyphs.Find('A', out _));
        }

        /// <summary>
        /// The glass after the connected call screen's redraws with a font source that refuses a read taking the bytes
        /// read since the last band sent above <paramref name="limit"/> (a flush's glyphs are let go after it, and after
        /// a refused read).
        /// </summary>
        private static byte[] CallScreen(int limit, out int parts, out int refusedReads)
        {
            DisplayProfile profile = DisplayProfile.Color320x240;
            GlyphRows glyphs = Source(limit, out Action sent, out Func<int> refused);
            byte[] glass = new byte[profile.Width * profile.Height * 2];
            int flushes = 0;
            int lastY = -1;
            var target = new Rgb565BandTarget(profile.Width, 2, profile.IsColor, glyphs, glyphs, (x, y, w, h, band, stride) =>
            {
                sent();
                // A band that does not follow the last one's rows starts a flush (a region or a part of one).
                if (y != lastY)
                {
                    flushes++;
                }
                lastY = y + h;
                for (int row = 0; row < h; row++)
                {
                    Array.Copy(band, row * stride * 2, glass, ((y + row) * profile.Width + x) * 2, w * 2);
                }
            });
            var screen = new IdleScreen(new BandedPanel(target, profile.Height, IdleScreen.MostCallsPerFlush(profile)), profile);
            screen.SetStatusLine("12:34 Mon 7 Dec", 0);
            screen.SetIdentity("alice@example.org");
            screen.SetFunctionKey(0, "Bob", 0);
            screen.SetCall(new[] { "Connected: M\u00fcller", "555  00:03", "Loss 0% Jitter 0ms RTT -", "Speaker" }, new[] { IconId.Call, IconId.None, IconId.None, IconId.None }, new[] { "Hold", "Mute", "Transfer", "End" });
            screen.Render();
            Assert.Equal(0, screen.Dirty); // drawn at the first redraw
            parts = flushes;
            refusedReads = refused();
            return glass;
        }

        private static GlyphRows Source(int limit, out Action sent, out Func<int> refused)
        {
            byte[] file = Rgb565BandTargetTests.FontFile("Fixed8x16");
            int held = 0;
            int refusals = 0;
            sent = () => held = 0;
            refused = () => refusals;
            return new GlyphRows((offset, count) =>
            {
                if (held + count > limit)
                {
                    // The target lets go of what it read for the refused part.
                    held = 0;
                    refusals++;
                    throw new OutOfMemoryException();
                }
                held += count;
                return file.Skip(offset).Take(count).ToArray();
            });
        }
    }
}
