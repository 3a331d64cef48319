namespace DeskPhone.Drivers.Hal
{
    /// <summary>One SPI device (its chip select driven by the bus around each write): bytes out, nothing read back.</summary>
    public interface ISpiBus
    {
        void Write(byte[] data, int offset, int count);
    }
}
