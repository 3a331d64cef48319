using System.Collections.Generic;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// The banded panel (display list replayed into a band a few rows high) against the full-frame software panel:
    /// every golden screen (as the phone reaches it, and the renderer's hand-set model states), every incremental
    /// change, on every profile, must reach the glass pixel for pixel the same and cost the same bytes.
    /// </summary>
    public class BandedPanelTests
    {
        /// <summary>The capacity the device uses (board/Program.cs).</summary>

        public static IEnumerable<object[]> ProfilesAndBands()
        {
            foreach (string profile in new[] { "320x240", "480x272", "128x64" })
            {
                // 1 and 7 rows put band edges through most text and icons; 20 is the colour status line.
                foreach (int band in new[] { 1, 7, 16, 20, 24 })
                {
                    yield return new object[] { profile, band };
                }
            }
        }

        [Theory]
        [MemberData(nameof(ProfilesAndBands))]
        public void EveryGoldenScreenIsPixelIdenticalToTheFullFrame(string profileName, int bandHeight)
        {
            DisplayProfile p = ScreenGoldenTests.Profile(profileName);
            foreach (KeyValuePair<string, System.Action<GoldenPhone>> scenario in ScreenGoldenTests.PhoneScenarios)
            {
                if (scenario.Key == "idle-cut" && profileName != "128x64")
                {
                    continue; // its message fills eight pages only on the small display
                }
                var twin = new TwinPanel(p, bandHeight, IdleScreen.MostCallsPerFlush(p));
                var phone = new GoldenPhone(p, twin);
                scenario.Value(phone);
                twin.AssertSame(scenario.Key);
                Assert.Equal(0, twin.Banded.Growths);
            }
            foreach (KeyValuePair<string, System.Action<IdleScreen>> scenario in ScreenGoldenTests.RendererScenarios)
            {
                var twin = new TwinPanel(p, bandHeight, IdleScreen.MostCallsPerFlush(p));
                IdleScreen screen = ScreenGoldenTests.Screen(twin, p);
                scenario.Value(screen);
                screen.Render();
                twin.AssertSame(scenario.Key);
                Assert.Equal(0, twin.Banded.Growths);
            }
            var sheet = new TwinPanel(p, bandHeight, 2 * IconId.Count + 1);
            ScreenGoldenTests.DrawIconSheet(sheet, p);
            sheet.AssertSame("icons");
        }

        [Theory]
        [MemberData(nameof(ProfilesAndBands))]
        public void TheTechnicianViewsArePixelIdenticalToTheFullFrame(string profileName, int bandHeight)
        {
            DisplayProfile p = ScreenGoldenTests.Profile(profileName);
            foreach (KeyValuePair<string, int[]> view in TechnicianMenuGoldenTests.Views)
            {
                var twin = new TwinPanel(p, bandHeight, IdleScreen.MostCallsPerFlush(p));
                var phone = new TechnicianMenuGoldenTests();
                phone.Show(twin, p);
                phone.Press(view.Value);
                twin.AssertSame(view.Key);
            }
        }

        /// <summary>RendererTests' sequence of changes: each render flushes the same bytes and leaves the same glass.</summary>
        [Theory]
        [MemberData(nameof(ProfilesAndBands))]
        public void EachIncrementalChangeMatchesTheFullFrame(string profileName, int bandHeight)
        {
            DisplayProfile p = ScreenGoldenTests.Profile(profileName);
            var twin = new TwinPanel(p, bandHeight, IdleScreen.MostCallsPerFlush(p));
            IdleScreen screen = ScreenGoldenTests.Screen(twin, p);
            screen.Render();
            twin.AssertSame("first frame");
            var changes = new (string, System.Action)[]
            {
                ("status line", () => screen.SetStatusLine("The Ethernet cable is unplugged", IconId.Network)),
                ("status icon", () => screen.SetStatusLine("The Ethernet cable is unplugged", IconId.Lock)),
                ("identity", () => screen.SetIdentity("486 - Do not disturb")),
                ("short message", () => screen.SetMessage("one")),
                ("longer message", () => screen.SetMessage("a message long enough to wrap onto a second and then a third row of the reference panel")),
                ("shrinking message", () => screen.SetMessage("short")),
                ("overflowing message", () => screen.SetMessage(new string('ж', 2000))),
                ("function key", () => screen.SetFunctionKey(1, "dave", 0x001F)),
                ("pop-up", () => screen.SetPopUp("Provisioning is starting")),
                ("pop-up gone", () => screen.SetPopUp(null)),
                ("list", () => screen.SetList("Menu", new[] { "Own status", "Notifications", "Unlock keyboard" }, 1)),
                ("list gone", () => screen.SetList(null, null, 0)),
            };
            foreach ((string what, System.Action change) in changes)
            {
                twin.ResetCounters();
                change();
                screen.Render();
                twin.AssertSame(what);
            }
        }

        [Fact]
        public void AStatusLineChangeIsOneBandOfTheStatusLine()
        {
            DisplayProfile p = DisplayProfile.Color320x240;
            var target = new SoftwareBandTarget(p, p.StatusHeight);
            var panel = new BandedPanel(target, p.Height, IdleScreen.MostCallsPerFlush(p));
            IdleScreen screen = ScreenGoldenTests.Screen(panel, p);
            screen.Render();
            target.ResetCounters();

            screen.SetStatusLine("The Ethernet cable is unplugged", IconId.Network);
            screen.Render();

            Assert.Equal(1, target.Bands);
            Assert.Equal(320L * p.StatusHeight * 2, target.FlushedBytes);
            Assert.Equal(12800, target.BandBytes);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        [InlineData(16)]
        public void TextAndIconsAcrossBandEdgesAreDrawnWhole(int bandHeight)
        {
            DisplayProfile p = DisplayProfile.Color320x240;
            var twin = new TwinPanel(p, bandHeight, 4);
            twin.FillRect(0, 0, p.Width, 40, p.Background);
            // Starting above the rectangle, on a band edge, one row before it and at the bottom edge of the flush.
            twin.DrawText("Grüße Привет", 3, -5, p.Foreground, BitmapFont.Fixed8x16, 200);
            twin.DrawIcon(IconId.Voicemail, 4, bandHeight - 1);
            twin.DrawText("edge", 120, bandHeight - 3, 0xF800, BitmapFont.Terminus6x12, 100);
            twin.DrawIcon(IconId.Warning, 200, 31);
            twin.DrawText("below", 240, 30, 0x07E0, BitmapFont.Fixed8x16, 80);
            twin.Flush(0, 0, p.Width, 40);
            twin.AssertSame("straddling calls");
            for (int row = 0; row < IconStyle.Size; row++)
            {
                for (int col = 0; col < IconStyle.Size; col++)
                {
                    int expected = IconBitmaps.IsSet(IconId.Voicemail, col, row) ? IconStyle.Glyph : IconStyle.Color(IconId.Voicemail);
                    Assert.Equal(expected, (int)twin.Bands.Pixel(4 + col, bandHeight - 1 + row));
                }
            }
        }

        [Fact]
        public void AFlushSendsOnlyItsRectangleInBandsOfTheTargetsHeight()
        {
            DisplayProfile p = DisplayProfile.Color320x240;
            var target = new SoftwareBandTarget(p, 16);
            var panel = new BandedPanel(target, p.Height, 8);
            panel.FillRect(0, 0, p.Width, p.Height, 0xF800);
            panel.Flush(10, 50, 100, 40);

            Assert.Equal(3, target.Bands); // 16 + 16 + 8 rows
            Assert.Equal(100L * 40 * 2, target.FlushedBytes);
            Assert.Equal(0xF800, target.Pixel(10, 50));
            Assert.Equal(0xF800, target.Pixel(109, 89));
            Assert.Equal(0, target.Pixel(9, 50));
            Assert.Equal(0, target.Pixel(110, 60));
            Assert.Equal(0, target.Pixel(50, 49));
            Assert.Equal(0, target.Pixel(50, 90));
        }

        [Theory]
        [MemberData(nameof(ScreenGoldenTests.Profiles), MemberType = typeof(ScreenGoldenTests))]
        public void AnOverflowingDisplayListStillGivesTheRightPicture(string profileName)
        {
            // Two calls of room: every region overflows, and later calls paint over earlier ones (lists over the
            // message, the pop-up over the list), so replaying only what fitted would show the wrong picture.
            DisplayProfile p = ScreenGoldenTests.Profile(profileName);
            var twin = new TwinPanel(p, 7, 2);
            IdleScreen screen = ScreenGoldenTests.Screen(twin, p);
            ScreenGoldenTests.RendererScenarios["infobox"](screen);
            screen.SetList("Menu", new[] { "Own status", "Notifications", "Unlock keyboard" }, 2);
            screen.SetPopUp("Provisioning is starting: the phone restarts when it is done");
            screen.Render();

            twin.AssertSame("overflowing list");
            Assert.True(twin.Banded.Growths > 0);
            Assert.True(twin.Banded.Capacity >= twin.Banded.PeakCalls);
        }

        [Fact]
        public void EachTextIsReplayedWithItsOwnCallAmongFillsAndIconsPastTheListsGrowth()
        {
            // The list keeps a slot per text, not per call (the text's index in the call's kind): texts among fills and
            // icons, past the first slots and the capacity, each drawn where its call put it, over what came before.
            DisplayProfile p = DisplayProfile.Color320x240;
            var twin = new TwinPanel(p, 7, 2);
            for (int row = 0; row < 14; row++)
            {
                twin.FillRect(0, row * 16, p.Width, 16, row % 2 == 0 ? 0x001F : 0xFFFF);
                if (row % 3 == 0)
                {
                    twin.DrawIcon(IconId.None + 1 + row % (IconId.Count - 1), 2, row * 16);
                }
                twin.DrawText("line " + row + " " + new string((char)('A' + row), row), 20, row * 16, row % 2 == 0 ? 0xFFFF : 0, BitmapFont.Fixed8x16, p.Width - 20);
                twin.DrawText("!", 4 + row, row * 16 + 4, 0xF800, BitmapFont.Terminus6x12, 6);
            }
            twin.Flush(0, 0, p.Width, 14 * 16);

            twin.AssertSame("texts among fills and icons");
            Assert.True(twin.Banded.Growths > 0);
        }

        [Theory]
        [MemberData(nameof(ScreenGoldenTests.Profiles), MemberType = typeof(ScreenGoldenTests))]
        public void TheDisplayListHoldsTheIdleScreensWorstCase(string profileName)
        {
            // Every body row with an icon and text, the overflow mark, a scrolled list with its "more" mark and a
            // three-row pop-up on top: the most calls one region's flush records.
            DisplayProfile p = ScreenGoldenTests.Profile(profileName);
            var target = new SoftwareBandTarget(p, 16);
            var panel = new BandedPanel(target, p.Height, IdleScreen.MostCallsPerFlush(p));
            IdleScreen screen = ScreenGoldenTests.Screen(panel, p);
            var lines = new string[30];
            var icons = new int[30];
            var items = new string[30];
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = "line " + i;
                icons[i] = IconId.Info;
                items[i] = "item " + i;
            }
            screen.SetInfoBox(lines, icons);
            screen.SetList("A long list", items, 0);
            screen.SetPopUp(string.Concat(System.Linq.Enumerable.Repeat("A pop-up that needs all three of its rows. ", 20)));
            for (int i = 0; i < 8; i++)
            {
                screen.SetFunctionKey(i, "key " + i, 0xF800);
            }
            screen.Render();

            int rows = screen.ListRows + 1;
            // Body fill, icon and text per row, the overflow mark (2); list fill, title, one per item after it, the
            // selection bar, "v"; the pop-up's box and three rows.
            Assert.Equal(1 + 2 * rows + 2 + (1 + 1 + (rows - 1) + 1 + 1) + (1 + 3), panel.PeakCalls);
            Assert.Equal(0, panel.Growths);
            // What the board sizes its display list by (board/Program.cs, the boot scenario): exactly this worst case.
            Assert.Equal(panel.PeakCalls, IdleScreen.MostCallsPerFlush(p));
        }

        /// <summary>A band target that finds no heap for its first few calls (the board's band is made by each flush).</summary>
        private sealed class ShortOfHeapTarget : IBandTarget
        {
            private readonly SoftwareBandTarget _inner;
            public int Failures;

            public ShortOfHeapTarget(SoftwareBandTarget inner)
            {
                _inner = inner;
            }

            public int Width => _inner.Width;
            public int BandHeight => _inner.BandHeight;
            public bool IsColor => _inner.IsColor;

            private void Fail()
            {
                if (Failures > 0)
                {
                    Failures--;
                    throw new System.OutOfMemoryException();
                }
            }

            public void FillRect(int x, int y, int width, int height, int color)
            {
                Fail();
                _inner.FillRect(x, y, width, height, color);
            }

            public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth) => _inner.DrawText(text, x, y, color, font, maxWidth);

            public void DrawIcon(int icon, int x, int y) => _inner.DrawIcon(icon, x, y);

            public void FlushBand(int x, int screenY, int width, int height) => _inner.FlushBand(x, screenY, width, height);
        }

        [Fact]
        public void AFlushWithoutHeapIsDrawnAgainAtTheNextRender()
        {
            DisplayProfile p = ScreenGoldenTests.Profile("320x240");
            var bands = new SoftwareBandTarget(p, 2);
            var target = new ShortOfHeapTarget(bands) { Failures = 1 };
            var twin = new TwinPanel(p, target, bands.Pixel, () => bands.Bands, IdleScreen.MostCallsPerFlush(p));
            IdleScreen screen = ScreenGoldenTests.Screen(twin, p);
            // The first region's flush finds no heap: the render gives up quietly, nothing of that region reached the glass.
            screen.Render();
            Assert.Equal(0, target.Failures);
            // The next turn draws every region again: the glass is the full frame.
            screen.Render();
            twin.AssertSame("after a flush without heap");
            Assert.Equal(0, twin.Banded.Growths);
        }
    }
}
