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
    /// two per byte), made by the update too, and let go after it: keeping them would hold 96 B a pixel (and the table
    /// 276 B) for a strip that rarely changes.
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
            // The nibbles' items are made here and let go with the items (64 small writes): kept, the table would hold
            // 276 B for good for a strip that changes a few times a minute.
            byte[] nibbles = new byte[16 * NibbleBytes];
            for (int n = 0; n < 16; n++)
            {
                for (int bit = 0; bit < 4; bit++)
                {
                    bool one = (n & (8 >> bit)) != 0;
                    Item(nibbles, n * NibbleBytes + bit * ItemBytes, one ? OneHighTicks : ZeroHighTicks, true, one ? OneLowTicks : ZeroLowTicks);
                }
            }
            byte[] items = new byte[_grb.Length * 8 * ItemBytes + ItemBytes];
            int at = 0;
            for (int i = 0; i < _grb.Length; i++)
            {
                int b = _grb[i];
                Array.Copy(nibbles, (b >> 4) * NibbleBytes, items, at, NibbleBytes);
                Array.Copy(nibbles, (b & 15) * NibbleBytes, items, at + NibbleBytes, NibbleBytes);
                at += 2 * NibbleBytes;
            }
            Item(items, at, ResetHalfTicks, false, ResetHalfTicks);
            _output.Send(items);
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
