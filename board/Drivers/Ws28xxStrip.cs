using DeskPhone.Drivers.Leds;
using Iot.Device.Ws28xx.Esp32;

namespace DeskPhone.Board.Drivers
{
    /// <summary>WS2812 strip through the Iot.Device.Ws28xx.Esp32 binding (RMT peripheral).</summary>
    public sealed class Ws28xxStrip : IRgbStrip
    {
        private readonly Ws28xx _strip;
        private readonly BitmapImage _image;
        private readonly int _length;

        public Ws28xxStrip(int pin, int length)
        {
            _length = length;
            _strip = new Ws2812c(pin, length, 1);
            _image = _strip.Image;
        }

        public int Length
        {
            get { return _length; }
        }

        public void SetPixel(int index, byte red, byte green, byte blue)
        {
            _image.SetPixel(index, 0, red, green, blue);
        }

        public void Update()
        {
            _strip.Update();
        }
    }
}
