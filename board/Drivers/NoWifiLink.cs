// Compiled away in the Wi-Fi variant: the SDK's nf-build cannot leave a file out on an MSBuild property, only the
// compiler on a constant (board/DeskPhone.Board.nfproj).
#if !WIFI
using DeskPhone.Drivers.Network;

namespace DeskPhone.Board.Drivers
{
    /// <summary>
    /// The LAN-only image's <see cref="IWifiLink"/> (the default build; the Wi-Fi variant has board/Drivers/WifiStation,
    /// docs/board-profile.md "Wi-Fi"): every attempt fails at once, saying so. A
    /// <c>wifi_ssid</c> set on this image is thus not ignored silently: while the cable is out the link policy shows
    /// "Wi-Fi: LAN-only build, no Wi-Fi" as EthernetUnplugged's parameter and in the log, as for any failed attempt, and
    /// the bench's /api/link reports it as the Wi-Fi link's failure. No native Wi-Fi assembly is deployed for it.
    /// </summary>
    public sealed class NoWifiLink : IWifiLink
    {
        public const string Reason = "LAN-only build, no Wi-Fi";

        public int State { get; private set; }

        public string Address => null;

        public string Failure => State == WifiState.Failed ? Reason : null;

        public void Connect(string ssid, string key) => State = WifiState.Failed;

        public void Disconnect() => State = WifiState.Off;
    }
}
#endif
