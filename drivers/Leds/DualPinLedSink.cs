using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Leds
{
    /// <summary>Two-colour (red/green) LEDs on output pins, e.g. a port expander: orange and yellow light both
    /// dies; blue and white, which such LEDs cannot show, light green so the LED is not dark.</summary>
    public sealed class DualPinLedSink : ILedSink
    {
        private readonly IDigitalOutput[] _red;
        private readonly IDigitalOutput[] _green;
        private readonly bool _activeLow;

        public DualPinLedSink(IDigitalOutput[] red, IDigitalOutput[] green, bool activeLow)
        {
            _red = red;
            _green = green;
            _activeLow = activeLow;
        }

        public void Show(int index, LedColor color)
        {
            if (index < 0 || index >= _red.Length)
            {
                return;
            }
            bool red = color == LedColor.Red || color == LedColor.Orange || color == LedColor.Yellow;
            bool green = color != LedColor.Off && color != LedColor.Red;
            _red[index].Write(red != _activeLow);
            _green[index].Write(green != _activeLow);
        }

        public void Commit()
        {
        }
    }
}
