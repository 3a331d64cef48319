namespace DeskPhone.Drivers.Leds
{
    /// <summary>Blink patterns named after the phones' led_* settings.</summary>
    public enum LedPattern : byte
    {
        Off = 0,
        On = 1,
        BlinkSlow = 2,
        BlinkMedium = 3,
        BlinkFast = 4,
        ShortOff = 5,
    }
}
