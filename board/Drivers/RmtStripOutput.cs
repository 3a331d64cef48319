using DeskPhone.Drivers.Leds;
using nanoFramework.Hardware.Esp32.Rmt;

namespace DeskPhone.Board.Drivers
{
    /// <summary>The LED strip's RMT transmit channel (nanoFramework.Hardware.Esp32.Rmt), made once and kept.</summary>
    public sealed class RmtStripOutput : IRmtOutput
    {
        private readonly TransmitterChannel _channel;

        public RmtStripOutput(int pin)
        {
            var settings = new TransmitChannelSettings(pin)
            {
                EnableCarrierWave = false,
                IdleLevel = false,
                ClockDivider = RmtRgbStrip.ClockDivider,
            };
            _channel = new TransmitterChannel(settings);
        }

        public void Send(byte[] items)
        {
            _channel.SendData(items, true);
        }
    }
}
