namespace DeskPhone.Drivers.Hal
{
    /// <summary>Raised on an input edge; high is the new level.</summary>
    public delegate void PinEdgeHandler(int pin, bool high);

    /// <summary>One input pin (GPIO or a port-expander pin). Drivers poll Read(); Edge lets a driver wake a scan early.</summary>
    public interface IDigitalInput
    {
        int Pin { get; }

        bool Read();

        event PinEdgeHandler Edge;
    }
}
