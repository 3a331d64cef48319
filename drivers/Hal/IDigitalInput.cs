namespace DeskPhone.Drivers.Hal
{
    /// <summary>One input pin (GPIO or a port-expander pin). Drivers poll Read(); Edge lets a driver wake a scan early.</summary>
    public interface IDigitalInput
    {
        int Pin { get; }

        bool Read();

        /// <summary>Raised on an input edge with the pin and its new level (true: high).</summary>
        event NumberFlagHandler Edge;
    }
}
