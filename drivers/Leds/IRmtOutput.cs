namespace DeskPhone.Drivers.Leds
{
    /// <summary>
    /// An ESP32 RMT transmit channel on the LED strip's pin (the board's adapter): sends RMT items as the native
    /// driver takes them, rmt_item32_t, 4 bytes each, little-endian: duration0 (15 bits) and level0 (bit 15), then
    /// duration1 and level1. Returns when they are sent.
    /// </summary>
    public interface IRmtOutput
    {
        void Send(byte[] items);
    }
}
