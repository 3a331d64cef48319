namespace DeskPhone.Drivers.Leds
{
    /// <summary>Where physical LED states go (RGB strip, port-expander pins, expansion modules, a recorder).
    /// Show is called only for LEDs that changed; Commit once per tick after the changes.</summary>
    public interface ILedSink
    {
        /// <summary>color is LedColor.Off when the LED is dark.</summary>
        void Show(int index, LedColor color);

        void Commit();
    }
}
