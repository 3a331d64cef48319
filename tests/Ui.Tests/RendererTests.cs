using System;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    public class RendererTests
    {
        private static (SoftwarePanel, IdleScreen) Screen(DisplayProfile profile)
        {
            var panel = new SoftwarePanel(profile);
            var screen = new IdleScreen(panel, profile);
            screen.SetStatusLine("No administrator password is set", IconId.Security);
            screen.SetIdentity("486 - Online");
            screen.SetMessage("Lunch is ready in the canteen. Grüße aus der Küche, Ελλάδα, Привет! " +
                              "This message is long enough to wrap over several lines of the screen.");
            screen.SetFunctionKey(0, "bob", 0xF800);
            screen.SetFunctionKey(1, "carol", 0x07E0);
            screen.SetFunctionKey(4, "line 2", 0);
            return (panel, screen);
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("480x272")]
        [InlineData("128x64")]
        public void IdleScreenMatchesItsGolden(string profileName)
        {
            DisplayProfile profile = Profile(profileName);
            (SoftwarePanel panel, IdleScreen screen) = Screen(profile);
            screen.Render();
            Golden.Check("idle-" + profileName, panel);
        }

        [Fact]
        public void InfoBoxWithIconsAndAPopUpMatchTheirGolden()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.SetInfoBox(new[] { "Fire drill at 11:00", "Meet in the car park behind building B, next to the bicycle stands" },
                new[] { IconId.Warning, IconId.Info });
            screen.SetPopUp("Provisioning is starting");
            screen.Render();
            Golden.Check("infobox-popup-320x240", panel);
        }

        [Fact]
        public void ListOverTheBodyMatchesItsGolden()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            string[] items = new string[12];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = "Notification " + (i + 1);
            }
            screen.SetList("Notifications (12)", items, 8);
            screen.Render();
            Golden.Check("list-320x240", panel);
        }

        [Fact]
        public void StatusLineChangeFlushesOnlyTheStatusLine()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.Render();
            panel.ResetCounters();

            screen.SetStatusLine("The Ethernet cable is unplugged", IconId.Network);
            screen.Render();

            Assert.Equal(1, panel.Flushes);
            Assert.Equal(320L * DisplayProfile.Color320x240.StatusHeight * 2, panel.FlushedBytes);
            Assert.True(panel.FlushedBytes <= 12800, panel.FlushedBytes + " bytes for a status-line change");
        }

        [Fact]
        public void MessageChangeFlushesOnlyTheRowsOldAndNewTextCover()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            long row = 320L * DisplayProfile.Color320x240.LineHeight * 2;
            screen.SetMessage("one");
            screen.Render();

            panel.ResetCounters();
            screen.SetMessage("two");
            screen.Render();
            Assert.Equal(row, panel.FlushedBytes);

            panel.ResetCounters();
            screen.SetMessage("a message long enough to wrap onto a second and then a third row of the reference panel");
            screen.Render();
            Assert.Equal(3 * row, panel.FlushedBytes);

            // Shrinking must still clear the rows the longer text left behind.
            panel.ResetCounters();
            screen.SetMessage("short");
            screen.Render();
            Assert.Equal(3 * row, panel.FlushedBytes);
            DisplayProfile p = DisplayProfile.Color320x240;
            int thirdRow = p.StatusHeight + p.LineHeight + p.Margin + 2 * p.LineHeight;
            for (int y = thirdRow; y < thirdRow + p.LineHeight; y++)
            {
                for (int x = 0; x < p.Width; x++)
                {
                    Assert.Equal(p.Background, (int)panel.Pixel(x, y));
                }
            }
        }

        [Fact]
        public void EachChangeMarksAndFlushesOnlyItsRegion()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.Render();
            Assert.Equal(0, screen.Dirty);

            screen.SetIdentity("486 - Do not disturb");
            Assert.Equal(IdleScreen.IdentityRegion, screen.Dirty);
            panel.ResetCounters();
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            Assert.Equal(320L * DisplayProfile.Color320x240.LineHeight * 2, panel.FlushedBytes);

            screen.SetMessage("Short now");
            Assert.Equal(IdleScreen.BodyRegion, screen.Dirty);
            panel.ResetCounters();
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            DisplayProfile p = DisplayProfile.Color320x240;
            long outsideBody = 320L * 2 * (p.StatusHeight + p.LineHeight + p.FunctionKeyRows * p.LineHeight);
            Assert.True(panel.FlushedBytes <= 320L * 240 * 2 - outsideBody, panel.FlushedBytes + " bytes for a message change");

            screen.SetFunctionKey(1, "dave", 0x001F);
            Assert.Equal(IdleScreen.KeysRegion, screen.Dirty);
            panel.ResetCounters();
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            Assert.Equal(0, screen.Dirty);
        }

        [Fact]
        public void UnchangedValuesRedrawNothing()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.Render();
            panel.ResetCounters();
            screen.SetStatusLine("No administrator password is set", IconId.Security);
            screen.SetIdentity("486 - Online");
            screen.Render();
            Assert.Equal(0, panel.Flushes);
        }

        [Fact]
        public void DrawingReachesTheGlassOnlyThroughAFlush()
        {
            var panel = new SoftwarePanel(DisplayProfile.Color320x240);
            panel.FillRect(0, 0, 10, 10, 0xF800);
            Assert.Equal(0, panel.Pixel(5, 5));
            panel.Flush(0, 0, 10, 10);
            Assert.Equal(0xF800, panel.Pixel(5, 5));
        }

        private static DisplayProfile Profile(string name) =>
            name == "320x240" ? DisplayProfile.Color320x240 : name == "480x272" ? DisplayProfile.Color480x272 : DisplayProfile.Mono128x64;
    }

    public class TextWrapTests
    {
        [Fact]
        public void BreaksAtSpacesAndKeepsLineBreaks()
        {
            string[] lines = TextWrap.Wrap("the quick brown fox\njumps", 10, 10, out bool overflow);
            Assert.Equal(new[] { "the quick", "brown fox", "jumps" }, lines);
            Assert.False(overflow);
        }

        [Fact]
        public void HardBreaksLongWordsAndMarksOverflow()
        {
            string[] lines = TextWrap.Wrap("abcdefghijklmnopqrstuvwxyz", 10, 2, out bool overflow);
            Assert.Equal(new[] { "abcdefghij", "klmnopqrst" }, lines);
            Assert.True(overflow);
        }

        [Fact]
        public void MultiByteCharactersTakeOneCellEach()
        {
            string[] lines = TextWrap.Wrap("Grüße Ελλάδα Привет", 12, 5, out _);
            Assert.Equal(new[] { "Grüße Ελλάδα", "Привет" }, lines);
        }

        [Fact]
        public void FontHasTheScriptsAndAReplacementForTheRest()
        {
            var font = DeskPhone.Ui.Fonts.BitmapFont.Fixed8x16;
            Assert.True(font.Has('ß'));
            Assert.True(font.Has('λ'));
            Assert.True(font.Has('Ж'));
            Assert.False(font.Has('漢'));
            bool drawn = false;
            for (int row = 0; row < font.Height; row++)
            {
                drawn |= font.Row('漢', row) > 0;
            }
            Assert.True(drawn, "a missing glyph must still show something");
        }
    }

    /// <summary>Golden PNGs in tests/Ui.Tests/Golden; UPDATE_GOLDEN=1 rewrites them; a mismatch writes .actual and .diff next to them.</summary>
    internal static class Golden
    {
        public static void Check(string name, SoftwarePanel panel)
        {
            string dir = Path.Combine(RepoRoot(), "tests", "Ui.Tests", "Golden");
            string path = Path.Combine(dir, name + ".png");
            byte[] actual = panel.ToPng();
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            {
                File.WriteAllBytes(path, actual);
                return;
            }
            Assert.True(File.Exists(path), "no golden " + path + " (run with UPDATE_GOLDEN=1 and look at it)");
            byte[] expected = File.ReadAllBytes(path);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                File.WriteAllBytes(Path.Combine(dir, name + ".actual.png"), actual);
                File.WriteAllBytes(Path.Combine(dir, name + ".diff.png"), Diff(expected, panel));
                Assert.Fail(name + " differs from its golden; see " + name + ".actual.png and " + name + ".diff.png");
            }
        }

        private static byte[] Diff(byte[] goldenPng, SoftwarePanel panel)
        {
            byte[] golden = Pixels(goldenPng, panel.Width, panel.Height);
            var diff = new ushort[panel.Width * panel.Height];
            for (int y = 0; y < panel.Height; y++)
            {
                for (int x = 0; x < panel.Width; x++)
                {
                    int o = y * (panel.Width * 3 + 1) + 1 + x * 3;
                    ushort g = golden.Length > o + 2 ? (ushort)(((golden[o] >> 3) << 11) | ((golden[o + 1] >> 2) << 5) | (golden[o + 2] >> 3)) : (ushort)0;
                    diff[y * panel.Width + x] = g == panel.Pixel(x, y) ? (ushort)0 : (ushort)0xF800;
                }
            }
            return PngWriter.Rgb565(panel.Width, panel.Height, diff);
        }

        private static byte[] Pixels(byte[] png, int width, int height)
        {
            int idat = 8;
            using var data = new MemoryStream();
            while (idat + 8 < png.Length)
            {
                int length = (png[idat] << 24) | (png[idat + 1] << 16) | (png[idat + 2] << 8) | png[idat + 3];
                string type = System.Text.Encoding.ASCII.GetString(png, idat + 4, 4);
                if (type == "IDAT")
                {
                    data.Write(png, idat + 8, length);
                }
                idat += 12 + length;
            }
            data.Position = 0;
            using var z = new ZLibStream(data, CompressionMode.Decompress);
            var raw = new MemoryStream();
            z.CopyTo(raw);
            return raw.ToArray();
        }

        private static string RepoRoot()
        {
            foreach (var a in typeof(Golden).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (a.Key == "RepoRoot")
                {
                    return a.Value;
                }
            }
            throw new InvalidOperationException("RepoRoot metadata missing");
        }
    }
}
