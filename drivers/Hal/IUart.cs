namespace DeskPhone.Drivers.Hal
{
    /// <summary>A byte stream (UART). Read never blocks: it returns what has arrived, possibly 0 bytes.</summary>
    public interface IUart
    {
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] data, int offset, int count);
    }
}
