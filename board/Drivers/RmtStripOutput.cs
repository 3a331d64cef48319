using DeskPhone.Drivers.Leds;
using nanoFramework.Hardware.Esp32.Rmt;

namespace DeskPhone.Board.Drivers
{
    /// <summary>
    /// The LED strip's RMT transmit channel (nanoFramework.Hardware.Esp32.Rmt), opened by the first update and kept
    /// (the Ws28xx binding opened and closed one at every update); building the drivers touches no hardware, as before.
    /// </summary>
    public sealed class RmtStripOutput : IRmtOutput
    {
        private readonly int _pin;
        private TransmitterChannel _channel;

        public RmtStripOutput(int pin)
        {
            _pin = pin;
        }

        public void Send(byte[] items)
        {
            if (_channel == null)
            {
                _channel = new TransmitterChannel(new TransmitChannelSettings(_pin)
                {
                    EnableCarrierWave = false,
                    IdleLevel = false,
                    ClockDivider = RmtRgbStrip.ClockDivider,
                });
            }
            _channel.SendData(items, true);
        }
    }
}
