namespace DeskPhone.Drivers.Hal
{
    /// <summary>One device at a fixed address on an I2C bus.</summary>
    public interface II2cDevice
    {
        void Write(byte[] data, int offset, int count);

        /// <summary>Writes then reads in one transaction (repeated start).</summary>
        void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount);
    }
}
