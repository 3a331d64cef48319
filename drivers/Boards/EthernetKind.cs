namespace DeskPhone.Drivers.Boards
{
    /// <summary>How the board's Ethernet is attached.</summary>
    public enum EthernetKind
    {
        /// <summary>WIZnet W5500 on SPI (MAC+PHY+TCP/IP offload; nanoFramework uses it as a plain MAC).</summary>
        W5500Spi = 1,
        /// <summary>ESP32 internal EMAC with an RMII PHY (LAN8720, IP101...).</summary>
        Rmii = 2,
    }
}
