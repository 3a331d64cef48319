namespace DeskPhone.Drivers.Hal
{
    /// <summary>One output pin (GPIO or a port-expander pin). true = electrically high.</summary>
    public interface IDigitalOutput
    {
        void Write(bool high);
    }
}
