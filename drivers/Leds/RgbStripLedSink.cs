namespace DeskPhone.Drivers.Leds
{
    /// <summary>LEDs on an RGB strip, one pixel per LED; brightness is scaled down because WS2812s at full
    /// power are glaring on a desk and draw ~60 mA each.</summary>
    public sealed class RgbStripLedSink : ILedSink
    {
        private readonly IRgbStrip _strip;
        private readonly int _level;

        /// <param name="level">Full-scale channel value, 1..255.</param>
        public RgbStripLedSink(IRgbStrip strip, int level)
        {
            _strip = strip;
            _level = level < 1 ? 1 : (level > 255 ? 255 : level);
        }

        public void Show(int index, LedColor color)
        {
            if (index < 0 || index >= _strip.Length)
            {
                return;
            }
            int r = 0, g = 0, b = 0;
            switch (color)
            {
                case LedColor.Red: r = 255; break;
                case LedColor.Green: g = 255; break;
                case LedColor.Orange: r = 255; g = 96; break;
                case LedColor.Yellow: r = 255; g = 200; break;
                case LedColor.Blue: b = 255; break;
                case LedColor.White: r = 255; g = 255; b = 255; break;
            }
            _strip.SetPixel(index, (byte)(r * _level / 255), (byte)(g * _level / 255), (byte)(b * _level / 255));
        }

        public void Commit()
        {
            _strip.Update();
        }
    }
}
