using System.IO.Ports;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Drivers
{
    /// <summary>ESP32 UART as a non-blocking byte stream (pins mapped beforehand by <see cref="Esp32Pins"/>).</summary>
    public sealed class SerialUart : IUart
    {
        private readonly SerialPort _port;

        public SerialUart(string portName, int baud)
        {
            _port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One);
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0)
            {
                return 0;
            }
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        public void Write(byte[] data, int offset, int count)
        {
            _port.Write(data, offset, count);
        }
    }
}
