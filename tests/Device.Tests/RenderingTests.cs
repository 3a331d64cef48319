using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest
{
    /// <summary>
    /// The idle screen drawn on the device's path (IdleScreen -> BandedPanel -> a band target a few rows high) on the
    /// 128x64 monochrome profile, compared by checksum with the host's drawing of the same model state.
    /// The constants are read from this file by tests/Ui.Tests/DeviceGoldenChecksumTests, which renders the same
    /// screens on the host (ScreenGoldenTests.RendererScenarios): both must agree, so a constant cannot drift.
    /// </summary>
    [TestClass]
    public class RenderingTests
    {
        /// <summary>FNV-1a of the idle screen's pixels as RGB565 (GlassBandTarget.Fnv1a), as the host draws it.</summary>
        public const uint IdleChecksum = 0x65619B6F;

        /// <summary>The same for the Infobox screen.</summary>
        public const uint InfoBoxChecksum = 0x2916FA8B;

        /// <summary>The idle screen every golden starts from (tests/Ui.Tests/ScreenGoldenTests.Screen, the renderer scenarios).</summary>
        private static IdleScreen Screen(IPanel panel, DisplayProfile profile)
        {
            var screen = new IdleScreen(panel, profile);
            screen.SetStatusLine("No administrator password is set", IconId.Security);
            screen.SetIdentity("486 - Online");
            screen.SetMessage("Lunch is ready in the canteen. Gr\u00fc\u00dfe aus der K\u00fcche, \u0395\u03bb\u03bb\u03ac\u03b4\u03b1, \u041f\u0440\u0438\u0432\u0435\u0442! " +
                              "This message is long enough to wrap over several lines of the screen.");
            screen.SetFunctionKey(0, "bob", 0xF800);
            screen.SetFunctionKey(1, "carol", 0x07E0);
            screen.SetFunctionKey(4, "line 2", 0);
            return screen;
        }

        private static GlassBandTarget Render(int bandHeight, bool infoBox)
        {
            DisplayProfile p = DisplayProfile.Mono128x64;
            var target = new GlassBandTarget(p, bandHeight);
            var panel = new BandedPanel(target, p.Height, IdleScreen.MostCallsPerFlush(p));
            IdleScreen screen = Screen(panel, p);
            if (infoBox)
            {
                screen.SetInfoBox(
                    new[]
                    {
                        "Fire drill at 11:00", "Meet in the car park behind building B, next to the bicycle stands",
                        "2 new voice messages", "Missed call from \u0395\u03bb\u03ad\u03bd\u03b7", "Printer on floor 3 is out of order",
                    },
                    new[] { IconId.Warning, IconId.Info, IconId.Voicemail, IconId.MissedCall, IconId.Error });
            }
            screen.Render();
            Assert.AreEqual(0, panel.Growths);
            return target;
        }

        [TestMethod]
        public void TheIdleScreenThroughBandsEqualsTheHostGolden()
        {
            GlassBandTarget target = Render(7, false);
            Assert.AreEqual("0x" + IdleChecksum.ToString("X8"), "0x" + target.Checksum().ToString("X8"));
            Assert.IsTrue(target.Bands >= 64 / 7);
        }

        [TestMethod]
        public void TheInfoBoxScreenThroughBandsEqualsTheHostGolden()
        {
            GlassBandTarget target = Render(7, true);
            Assert.AreEqual("0x" + InfoBoxChecksum.ToString("X8"), "0x" + target.Checksum().ToString("X8"));
        }

        [TestMethod]
        public void TheBandHeightDoesNotChangeThePicture()
        {
            uint one = Render(1, false).Checksum();
            uint sixteen = Render(16, false).Checksum();
            uint whole = Render(64, false).Checksum();
            Assert.AreEqual(one, sixteen);
            Assert.AreEqual(one, whole);
        }

        [TestMethod]
        public void AFlushSendsOnlyItsRectangleInBandsOfTheTargetsHeight()
        {
            DisplayProfile p = DisplayProfile.Mono128x64;
            var target = new GlassBandTarget(p, 16);
            var panel = new BandedPanel(target, p.Height, 8);
            panel.FillRect(0, 0, p.Width, p.Height, 1);
            panel.Flush(10, 20, 100, 40);
            Assert.AreEqual(3, target.Bands); // 16 + 16 + 8 rows
            Assert.AreEqual((ushort)0xFFFF, target.Pixel(10, 20));
            Assert.AreEqual((ushort)0xFFFF, target.Pixel(109, 59));
            Assert.AreEqual((ushort)0, target.Pixel(9, 20));
            Assert.AreEqual((ushort)0, target.Pixel(110, 30));
            Assert.AreEqual((ushort)0, target.Pixel(50, 19));
            Assert.AreEqual((ushort)0, target.Pixel(50, 60));
        }

        [TestMethod]
        public void TextWrapsAtSpacesAndKeepsMultiByteCharactersWhole()
        {
            bool overflow;
            string[] lines = TextWrap.Wrap("Gr\u00fc\u00dfe aus der K\u00fcche \u041f\u0440\u0438\u0432\u0435\u0442", 10, 8, out overflow);
            Assert.IsFalse(overflow);
            Assert.AreEqual(3, lines.Length);
            Assert.AreEqual("Gr\u00fc\u00dfe aus", lines[0]);
            Assert.AreEqual("der K\u00fcche", lines[1]);
            Assert.AreEqual("\u041f\u0440\u0438\u0432\u0435\u0442", lines[2]);
        }

        [TestMethod]
        public void SoftkeyAndFunctionKeyLabelsKeepAnEmojiAndTurnLineBreaksIntoSpaces()
        {
            // The labels are written into one text character by character (IdleScreen.PutLabel): nanoCLR's indexer gives the
            // high surrogate at a low one's index, so a label with an emoji must come out whole all the same.
            var screen = new IdleScreen(null, DisplayProfile.Color320x240);
            screen.SetCall(new[] { "Bob" }, new[] { IconId.Call }, new[] { "\uD83D\uDE00 x", null, "a\nb", "End" });
            screen.SetFunctionKey(2, "\uD83D\uDE00ab", 0);
            screen.SetFunctionKey(0, "c\rd", 0);
            var sb = new System.Text.StringBuilder();
            screen.Describe(sb, icon => "i");
            char[] described = sb.ToString().ToCharArray();
            Assert.IsTrue(Has(described, "\n[softkey 1] \uD83D\uDE00 x\n"));
            Assert.IsFalse(Has(described, "[softkey 2]"));
            Assert.IsTrue(Has(described, "\n[softkey 3] a b\n"));
            Assert.IsTrue(Has(described, "\n[softkey 4] End"));
            Assert.IsTrue(Has(described, "\n[key 1] c d\n"));
            Assert.IsTrue(Has(described, "\n[key 3] \uD83D\uDE00ab"));
        }

        /// <summary>Whether <paramref name="part"/> is in <paramref name="text"/>, compared as characters (nanoCLR's
        /// IndexOf finds nothing after a character outside the BMP, docs/device-tests.md).</summary>
        private static bool Has(char[] text, string part)
        {
            char[] p = part.ToCharArray();
            for (int i = 0; i + p.Length <= text.Length; i++)
            {
                int k = 0;
                while (k < p.Length && text[i + k] == p[k])
                {
                    k++;
                }
                if (k == p.Length)
                {
                    return true;
                }
            }
            return false;
        }

        [TestMethod]
        public void TextAfterAnEmojiStillWrapsAtSpacesAndLineBreaks()
        {
            bool overflow;
            string[] lines = TextWrap.Wrap("Hi \uD83D\uDE00 there\nsecond line here", 10, 8, out overflow);
            Assert.IsFalse(overflow);
            Assert.AreEqual(4, lines.Length);
            Assert.AreEqual("Hi \uD83D\uDE00", lines[0]);
            Assert.AreEqual("there", lines[1]);
            Assert.AreEqual("second", lines[2]);
            Assert.AreEqual("line here", lines[3]);
        }
    }
}
