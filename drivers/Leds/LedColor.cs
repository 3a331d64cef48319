namespace DeskPhone.Drivers.Leds
{
    /// <summary>Colours a phone LED can show; the mixed colours exist on two-die LEDs only.</summary>
    public enum LedColor : byte
    {
        Off = 0,
        Red = 1,
        Green = 2,
        Orange = 3,
        Yellow = 4,
        Blue = 5,
        White = 6,
    }
}
