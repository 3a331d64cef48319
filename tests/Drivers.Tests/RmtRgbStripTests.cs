using DeskPhone.Drivers.Leds;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>
    /// The RMT items the LED strip sends, decoded as the LEDs read them and checked against the datasheets:
    /// SK6812 (T0H 0.3, T0L 0.9, T1H 0.6, T1L 0.6 us, reset >= 80 us) and WS2812B (T0H 0.4, T0L 0.85, T1H 0.8,
    /// T1L 0.45 us, reset >= 50 us, V5 >= 280 us), every time +-0.15 us; the RMT clock is 80 MHz / divider.
    /// </summary>
    public class RmtRgbStripTests
    {
        private sealed class RecordingRmt : IRmtOutput
        {
            public byte[] Items;
            public int Sends;

            public void Send(byte[] items)
            {
                Items = (byte[])items.Clone();
                Sends++;
            }
        }

        private const double NsPerTick = 1000.0 / (80.0 / RmtRgbStrip.ClockDivider);

        private static (int ticks0, bool level0, int ticks1, bool level1) Item(byte[] items, int index)
        {
            int w0 = items[index * 4] | (items[index * 4 + 1] << 8);
            int w1 = items[index * 4 + 2] | (items[index * 4 + 3] << 8);
            return (w0 & 0x7FFF, (w0 & 0x8000) != 0, w1 & 0x7FFF, (w1 & 0x8000) != 0);
        }

        private static bool Within(double ns, double nominalUs) => ns >= nominalUs * 1000 - 150 && ns <= nominalUs * 1000 + 150;

        /// <summary>The bit an item sends, after checking its levels and times against both datasheets.</summary>
        private static int Bit(byte[] items, int index)
        {
            var (t0, l0, t1, l1) = Item(items, index);
            Assert.True(l0, "item " + index + " starts high");
            Assert.False(l1, "item " + index + " ends low");
            double high = t0 * NsPerTick, low = t1 * NsPerTick;
            bool one = Within(high, 0.6) && Within(high, 0.8);
            bool zero = Within(high, 0.3) && Within(high, 0.4);
            Assert.True(one ^ zero, "item " + index + ": " + high + " ns high is a one or a zero for both chips");
            if (one)
            {
                Assert.True(Within(low, 0.6) && Within(low, 0.45), "item " + index + ": a one's " + low + " ns low");
            }
            else
            {
                Assert.True(Within(low, 0.9) && Within(low, 0.85), "item " + index + ": a zero's " + low + " ns low");
            }
            return one ? 1 : 0;
        }

        private static int Byte(byte[] items, int firstItem)
        {
            int value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 1) | Bit(items, firstItem + i);
            }
            return value;
        }

        [Fact]
        public void AColourIsSentGreenRedBlueMostSignificantBitFirstThenAReset()
        {
            var rmt = new RecordingRmt();
            var strip = new RmtRgbStrip(rmt, 3);
            strip.SetPixel(1, 0xA5, 0x3C, 0x0F);
            strip.SetPixel(2, 0xFF, 0x00, 0x81);
            strip.Update();

            byte[] items = rmt.Items;
            Assert.Equal(1, rmt.Sends);
            Assert.Equal((3 * 24 + 1) * 4, items.Length);
            int[] expected = { 0, 0, 0, 0x3C, 0xA5, 0x0F, 0x00, 0xFF, 0x81 };
            for (int b = 0; b < expected.Length; b++)
            {
                Assert.Equal(expected[b], Byte(items, b * 8));
            }
            var (r0, rl0, r1, rl1) = Item(items, 3 * 24);
            Assert.False(rl0);
            Assert.False(rl1);
            Assert.True((r0 + r1) * NsPerTick >= 280_000, "reset " + (r0 + r1) * NsPerTick + " ns low");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(21)]
        public void EveryByteOfAStripIsSentWhereverItsItemsAreMade(int pixels)
        {
            // The first eight bytes are written over the nibbles' table (made in the items' array), the others copied from
            // it: every byte value at every place, checked against the datasheets.
            var rmt = new RecordingRmt();
            var strip = new RmtRgbStrip(rmt, pixels);
            for (int round = 0; round < 256; round += pixels * 3)
            {
                for (int p = 0; p < pixels; p++)
                {
                    strip.SetPixel(p, (byte)(round + p * 3 + 1), (byte)(round + p * 3), (byte)(round + p * 3 + 2));
                }
                strip.Update();
                byte[] items = rmt.Items;
                Assert.Equal((pixels * 24 + 1) * 4, items.Length);
                for (int b = 0; b < pixels * 3; b++)
                {
                    Assert.Equal((round + b) & 0xFF, Byte(items, b * 8));
                }
                Assert.False(Item(items, pixels * 24).level0);
            }
        }

        [Fact]
        public void LedsThroughTheStripSinkKeepTheirPixelsAcrossUpdates()
        {
            var rmt = new RecordingRmt();
            var sink = new RgbStripLedSink(new RmtRgbStrip(rmt, 18), 255);
            sink.Show(0, LedColor.Red);
            sink.Show(17, LedColor.Blue);
            sink.Commit();
            sink.Show(0, LedColor.Off);
            sink.Commit();

            byte[] items = rmt.Items;
            Assert.Equal(2, rmt.Sends);
            Assert.Equal((18 * 24 + 1) * 4, items.Length);
            for (int b = 0; b < 3; b++)
            {
                Assert.Equal(0, Byte(items, b * 8));
            }
            Assert.Equal(0, Byte(items, (17 * 3) * 8));
            Assert.Equal(0, Byte(items, (17 * 3 + 1) * 8));
            Assert.Equal(0xFF, Byte(items, (17 * 3 + 2) * 8));
        }
    }
}
