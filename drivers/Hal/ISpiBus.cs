namespace DeskPhone.Drivers.Hal
{
    /// <summary>One SPI device (its chip select is handled by the bus adapter).</summary>
    public interface ISpiBus
    {
        void Write(byte[] data, int offset, int count);
    }
}
