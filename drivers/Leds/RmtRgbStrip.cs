using System;

namespace DeskPhone.Drivers.Leds
{
    /// <summary>
    /// A WS2812B or SK6812 strip driven through an ESP32 RMT channel: 24 bits a pixel, green, red, blue, most
    /// significant bit first, each bit one RMT item (a high then a low level), then a low reset. Instead of the
    /// Iot.Device.Ws28xx binding, whose library tables and 768-byte boot table the board paid for, and which made
    /// an RMT command object per bit at every update.
    /// </summary>
    /// <remarks>
    /// Timings in ticks of 50 ns (the 80 MHz APB clock divided by <see cref="ClockDivider"/>): a one is 700 ns high,
    /// 550 ns low; a zero 350 ns high, 850 ns low; each inside both datasheets' windows (SK6812: T0H 0.3, T1H 0.6,
    /// T0L 0.9, T1L 0.6 us; WS2812B: T0H 0.4, T1H 0.8, T0L 0.85, T1L 0.45 us; all +-0.15 us). The binding's SK6812
    /// timing, 14/12 and 7/16 ticks, put the one's low time on WS2812B's limit. The reset, 300 us low, covers
    /// WS2812B-V5's 280 us. The items are made at each update from a 16-entry table of nibbles (native block copies,
    /// two per byte), made by the update too in the items' own array, and let go with them: keeping them would hold 96 B
    /// a pixel (and the table 276 B) for a strip that rarely changes.
    /// </remarks>
    public sealed class RmtRgbStrip : IRgbStrip
    {
        /// <summary>80 MHz / 4: 50 ns a tick.</summary>
        public const int ClockDivider = 4;
        public const int OneHighTicks = 14;
        public const int OneLowTicks = 11;
        public const int ZeroHighTicks = 7;
        public const int ZeroLowTicks = 17;
        /// <summary>Each half of the reset item: 2 x 150 us low.</summary>
        public const int ResetHalfTicks = 3000;

        private const int ItemBytes = 4;
        private const int NibbleBytes = 4 * ItemBytes;

        private readonly IRmtOutput _output;
        // Three bytes a pixel: the strip's length is a third of it (no field for it).
        private readonly byte[] _grb;

        public RmtRgbStrip(IRmtOutput output, int length)
        {
            _output = output;
            _grb = new byte[length * 3];
        }

        public int Length
        {
            get { return _grb.Length / 3; }
        }

        public void SetPixel(int index, byte red, byte green, byte blue)
        {
            int at = index * 3;
            _grb[at] = green;
            _grb[at + 1] = red;
            _grb[at + 2] = blue;
        }

        public void Update()
        {
            // One array, the items and the reset: the 16 nibbles' items (a table, 64 small writes) are made in its first
            // 256 B, the bytes after the eighth copied from it (native block copies, two a byte, last first), then the first
            // eight written over it bit by bit. A table of its own (276 B, made and let go at each update) was live when the
            // items' 2 KB were allocated, office's LED collection after its call (docs/benchmarks.md h-redraw5).
            int length = _grb.Length;
            byte[] items = new byte[length * 8 * ItemBytes + ItemBytes];
            if (length > TableBytes)
            {
                for (int n = 0; n < 16; n++)
                {
                    Bits(items, n * NibbleBytes, n << 4, 4);
                }
                for (int i = length - 1; i >= TableBytes; i--)
                {
                    int b = _grb[i];
                    Array.Copy(items, (b >> 4) * NibbleBytes, items, i * 2 * NibbleBytes, NibbleBytes);
                    Array.Copy(items, (b & 15) * NibbleBytes, items, i * 2 * NibbleBytes + NibbleBytes, NibbleBytes);
                }
            }
            for (int i = 0; i < length && i < TableBytes; i++)
            {
                Bits(items, i * 2 * NibbleBytes, _grb[i], 8);
            }
            Item(items, length * 2 * NibbleBytes, ResetHalfTicks, false, ResetHalfTicks);
            _output.Send(items);
        }

        // The strip's bytes whose items the nibbles' table covers (16 nibbles of 16 B: eight bytes' 32 B each).
        private const int TableBytes = 16 * NibbleBytes / (2 * NibbleBytes);

        /// <summary>
        /// The items of <paramref name="bits"/> bits of <paramref name="value"/>, its bit 7 first, from <paramref name="at"/>:
        /// written here, not through <see cref="Item"/> (a call per bit was most of an update's cost: the bits' ticks are
        /// all under 256, so an item is its two low bytes and the high level's flag).
        /// </summary>
        private static void Bits(byte[] to, int at, int value, int bits)
        {
            for (bits = at + bits * ItemBytes; at < bits; at += ItemBytes, value <<= 1)
            {
                to[at] = (byte)((value & 0x80) != 0 ? OneHighTicks : ZeroHighTicks);
                to[at + 1] = 0x80;
                to[at + 2] = (byte)((value & 0x80) != 0 ? OneLowTicks : ZeroLowTicks);
            }
        }

        /// <summary>One rmt_item32_t: duration0 at level0, then duration1 at low.</summary>
        private static void Item(byte[] to, int at, int ticks0, bool level0, int ticks1)
        {
            to[at] = (byte)ticks0;
            to[at + 1] = (byte)((ticks0 >> 8) | (level0 ? 0x80 : 0));
            to[at + 2] = (byte)ticks1;
            to[at + 3] = (byte)(ticks1 >> 8);
        }
    }
}
