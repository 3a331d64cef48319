namespace DeskPhone.Drivers.Leds
{
    /// <summary>An addressable RGB LED strip (WS2812 on the device).</summary>
    public interface IRgbStrip
    {
        int Length { get; }

        void SetPixel(int index, byte red, byte green, byte blue);

        void Update();
    }
}
