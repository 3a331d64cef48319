using System;
using System.Device.Spi;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Board.Display
{
    /// <summary>
    /// The panel's SPI device (System.Device.Spi, its chip select driven by the native driver around each write):
    /// a slice of the caller's array goes out as a SpanByte, so nothing is copied from C#.
    /// </summary>
    public sealed class SpiPanelBus : ISpiBus
    {
        private readonly SpiDevice _device;

        public SpiPanelBus(int bus, int chipSelect, int clockHz)
        {
            _device = SpiDevice.Create(new SpiConnectionSettings(bus, chipSelect)
            {
                ClockFrequency = clockHz,
                Mode = SpiMode.Mode0,
                DataFlow = DataFlow.MsbFirst,
            });
        }

        public void Write(byte[] data, int offset, int count) => _device.Write(new SpanByte(data, offset, count));
    }
}
