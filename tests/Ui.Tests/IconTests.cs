using System;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    public class IconTests
    {
        [Fact]
        public void EveryIconHasItsOwnPictureInsideTwelveByTwelve()
        {
            var seen = new System.Collections.Generic.Dictionary<string, int>();
            for (int icon = 1; icon < IconId.Count; icon++)
            {
                int lit = 0;
                var key = new System.Text.StringBuilder();
                for (int y = 0; y < IconBitmaps.Size; y++)
                {
                    int row = IconBitmaps.Row(icon, y);
                    Assert.True(row >> IconBitmaps.Size == 0, ScreenGoldenTests.Name(icon) + " row " + y + " is wider than 12 pixels");
                    lit += System.Numerics.BitOperations.PopCount((uint)row);
                    key.Append(row).Append(',');
                }
                // Neither blank nor a solid block: a picture needs both lit and dark pixels to read.
                Assert.InRange(lit, 16, 110);
                Assert.False(seen.ContainsKey(key.ToString()), ScreenGoldenTests.Name(icon) + " looks exactly like " +
                    (seen.TryGetValue(key.ToString(), out int other) ? ScreenGoldenTests.Name(other) : ""));
                seen[key.ToString()] = icon;
            }
        }

        [Fact]
        public void NoneAndUnknownIconsAreBlank()
        {
            foreach (int icon in new[] { IconId.None, -1, IconId.Count, 1000 })
            {
                for (int y = -1; y <= IconBitmaps.Size; y++)
                {
                    Assert.Equal(0, IconBitmaps.Row(icon, y));
                }
            }
            Assert.False(IconBitmaps.IsSet(IconId.Lock, -1, 5));
            Assert.False(IconBitmaps.IsSet(IconId.Lock, IconBitmaps.Size, 5));
        }

        [Fact]
        public void EveryColourTileContrastsWithTheWhiteGlyph()
        {
            for (int icon = 1; icon < IconId.Count; icon++)
            {
                double ratio = Contrast(IconStyle.Glyph, IconStyle.Color(icon));
                Assert.True(ratio >= 4.5, ScreenGoldenTests.Name(icon) + " tile contrast " + ratio.ToString("F2") + ":1 is below 4.5:1");
                Assert.Equal(0, IconStyle.Tile(icon, isColor: false));
                Assert.NotEqual(0, IconStyle.Glyph);
            }
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("128x64")]
        public void ThePanelDrawsTheMaskOnItsTile(string profileName)
        {
            DisplayProfile p = ScreenGoldenTests.Profile(profileName);
            var panel = new SoftwarePanel(p);
            panel.FillRect(0, 0, p.Width, p.Height, 0x1234);
            for (int icon = 1; icon < IconId.Count; icon++)
            {
                panel.DrawIcon(icon, 20, 10);
                panel.Flush(0, 0, p.Width, p.Height);
                for (int y = 0; y < IconBitmaps.Size; y++)
                {
                    for (int x = 0; x < IconBitmaps.Size; x++)
                    {
                        int expected = IconBitmaps.IsSet(icon, x, y) ? 0xFFFF : p.IsColor ? IconStyle.Color(icon) : 0;
                        Assert.Equal(expected, (int)panel.Pixel(20 + x, 10 + y));
                    }
                }
                // Nothing outside the 12x12 cell.
                Assert.Equal(p.IsColor ? 0x1234 : 0xFFFF, (int)panel.Pixel(19, 10));
                Assert.Equal(p.IsColor ? 0x1234 : 0xFFFF, (int)panel.Pixel(32, 21));
                Assert.Equal(p.IsColor ? 0x1234 : 0xFFFF, (int)panel.Pixel(20, 22));
            }
        }

        [Fact]
        public void AnIconOverThePanelEdgeIsClipped()
        {
            var panel = new SoftwarePanel(DisplayProfile.Mono128x64);
            panel.DrawIcon(IconId.Error, 122, 58);
            panel.DrawIcon(IconId.Error, -6, -6);
            panel.Flush(0, 0, 128, 64);
            Assert.Equal(0xFFFF, panel.Pixel(122 + 1, 58 + 1));
        }

        private static int Widen(int value, int bits) => (value << (8 - bits)) | (value >> (2 * bits - 8));

        // WCAG 2 contrast ratio of two RGB565 colours.
        private static double Contrast(int a, int b)
        {
            double la = Luminance(a);
            double lb = Luminance(b);
            return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
        }

        private static double Luminance(int c)
        {
            double r = Linear(Widen(c >> 11, 5));
            double g = Linear(Widen((c >> 5) & 0x3F, 6));
            double b = Linear(Widen(c & 0x1F, 5));
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }

        private static double Linear(int channel)
        {
            double v = channel / 255.0;
            return v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }
    }
}
