using System;
using System.Device.I2c;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Drivers
{
    /// <summary>One device on an ESP32 I2C bus (pins mapped beforehand by <see cref="Esp32Pins"/>).</summary>
    public sealed class I2cBusDevice : II2cDevice
    {
        private readonly I2cDevice _device;

        public I2cBusDevice(int busId, int address)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address));
        }

        public void Write(byte[] data, int offset, int count)
        {
            _device.Write(new SpanByte(data, offset, count));
        }

        public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
        {
            _device.WriteRead(new SpanByte(write, writeOffset, writeCount), new SpanByte(read, readOffset, readCount));
        }
    }
}
