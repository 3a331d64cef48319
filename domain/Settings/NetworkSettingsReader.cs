using DeskPhone.Drivers.Network;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The Ethernet addressing the settings ask for (dhcp, ip_adr, netmask, gateway, dns_server1/2): what the board
    /// applies at start-up (board/Program.cs) and what the technician's network view shows.
    /// </summary>
    public static class NetworkSettingsReader
    {
        /// <summary>The settings' addressing; null, with the reason in error, when static values are unusable.</summary>
        public static NetworkSettings Read(SettingsStore s, out string error) =>
            NetworkSettings.FromValues(s.GetBool(SettingNames.Dhcp), s.Get(SettingNames.IpAddress), s.Get(SettingNames.Netmask),
                s.Get(SettingNames.Gateway), s.Get(SettingNames.DnsServer1), s.Get(SettingNames.DnsServer2), out error);
    }
}
