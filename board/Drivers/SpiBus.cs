using System;
using System.Device.Spi;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Drivers
{
    /// <summary>One device on an ESP32 SPI bus (pins mapped beforehand by <see cref="Esp32Pins"/>).</summary>
    public sealed class SpiBus : ISpiBus
    {
        private readonly SpiDevice _device;

        public SpiBus(int busId, int chipSelect, int clockHz)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(busId, chipSelect);
            settings.ClockFrequency = clockHz;
            settings.Mode = SpiMode.Mode0;
            _device = SpiDevice.Create(settings);
        }

        public void Write(byte[] data, int offset, int count)
        {
            _device.Write(new SpanByte(data, offset, count));
        }
    }
}
