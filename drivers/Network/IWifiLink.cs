namespace DeskPhone.Drivers.Network
{
    /// <summary>The states of an <see cref="IWifiLink"/> (numbers, not an enum: nanoFramework's enum ToString gives a number).</summary>
    public static class WifiState
    {
        /// <summary>Not asked to connect (or disconnected on purpose).</summary>
        public const int Off = 0;

        /// <summary>An attempt is running (association, key exchange, DHCP).</summary>
        public const int Connecting = 1;

        /// <summary>Associated, with an IPv4 address.</summary>
        public const int Connected = 2;

        /// <summary>The last attempt failed (<see cref="IWifiLink.Failure"/> says why) or the network was lost.</summary>
        public const int Failed = 3;

        public static string Name(int state) =>
            state == Connecting ? "connecting" : state == Connected ? "connected" : state == Failed ? "failed" : "off";
    }

    /// <summary>
    /// The board's Wi-Fi station as the link policy sees it (docs/board-profile.md, "Wi-Fi"): one network at a time,
    /// asked for by name and key, never blocking the caller. The board's adapter (board/Drivers/WifiStation) runs
    /// nanoFramework's WifiAdapter; the simulator's (tools/Host/Simulated/SimulatedWifi) a second loopback address.
    /// </summary>
    public interface IWifiLink
    {
        /// <summary>Starts joining <paramref name="ssid"/> with <paramref name="key"/> (empty: an open network); returns at once.</summary>
        void Connect(string ssid, string key);

        /// <summary>Leaves the network (Ethernet is back, or the SSID was cleared).</summary>
        void Disconnect();

        /// <summary>One of <see cref="WifiState"/>; read every loop turn, so cheap.</summary>
        int State { get; }

        /// <summary>The IPv4 address while <see cref="WifiState.Connected"/>, else null.</summary>
        string Address { get; }

        /// <summary>Why the last attempt failed ("wrong key", "network not found", "timeout", ...), null after a success.</summary>
        string Failure { get; }
    }
}
