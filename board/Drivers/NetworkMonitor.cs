using System;
using System.Net.NetworkInformation;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Network;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Board.Drivers
{
    /// <summary>Feeds NetworkChange events into an <see cref="EthernetLink"/> and applies DHCP or static settings
    /// to the Ethernet interface.</summary>
    public sealed class NetworkMonitor
    {
        private readonly EthernetLink _link;
        private readonly IClock _clock;
        private readonly IWifiLink _wifi;

        /// <param name="wifi">The Wi-Fi station (null: none): while it is in use, the link is judged by the Ethernet interface's own address.</param>
        public NetworkMonitor(EthernetLink link, IClock clock, IWifiLink wifi)
        {
            _link = link;
            _clock = clock;
            _wifi = wifi;
            NetworkChange.NetworkAvailabilityChanged += OnAvailability;
            NetworkChange.NetworkAddressChanged += OnAddress;
            NetworkInterface ethernet = Ethernet();
            if (ethernet != null)
            {
                _link.ReportMacAddress(ethernet.PhysicalAddress);
                string address = ethernet.IPv4Address;
                _link.ReportAddress(address);
                if (address != null && address != "0.0.0.0")
                {
                    // An address at start-up means the link is up; no event will come for it.
                    _link.ReportLink(true, _clock.NowMs);
                }
            }
        }

        /// <summary>
        /// The phone's first hops located by DNS SRV, told the Ethernet interface's DNS servers (DHCP's, or dns_server1/2)
        /// whenever its address changes (a lease comes after boot); set by Program once the phone is built.
        /// </summary>
        public static FirstHops FirstHops;

        /// <summary>The Ethernet interface's IPv4 DNS servers now (none without the interface).</summary>
        public static string[] DnsServers()
        {
            NetworkInterface ethernet = Ethernet();
            return ethernet == null || ethernet.IPv4DnsAddresses == null ? new string[0] : ethernet.IPv4DnsAddresses;
        }

        /// <returns>null when applied, else why not.</returns>
        public static string Apply(NetworkSettings settings)
        {
            NetworkInterface ethernet = Ethernet();
            if (ethernet == null)
            {
                return "no Ethernet interface in this firmware";
            }
            if (settings.Dhcp)
            {
                ethernet.EnableDhcp();
                return null;
            }
            ethernet.EnableStaticIPv4(settings.Address, settings.SubnetMask, settings.Gateway == null ? "0.0.0.0" : settings.Gateway);
            if (settings.Dns.Length > 0)
            {
                ethernet.EnableStaticIPv4Dns(settings.Dns);
            }
            return null;
        }

        private static NetworkInterface Ethernet()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Ethernet)
                {
                    return all[i];
                }
            }
            return null;
        }

        private void OnAvailability(object sender, NetworkAvailabilityEventArgs e)
        {
            if (WifiInUse())
            {
                // The event does not say which interface it is about: the Wi-Fi station's coming up must not count as
                // the cable's return, so the Ethernet interface's own address decides (OnAddress).
                OnAddress(sender, e);
                return;
            }
            _link.ReportLink(e.IsAvailable, _clock.NowMs);
        }

        private void OnAddress(object sender, EventArgs e)
        {
            NetworkInterface ethernet = Ethernet();
            string address = ethernet == null ? null : ethernet.IPv4Address;
            _link.ReportAddress(address);
            if (FirstHops != null)
            {
                FirstHops.Servers = DnsServers();
            }
            if (WifiInUse())
            {
                _link.ReportLink(address != null && address != "0.0.0.0", _clock.NowMs);
            }
        }

        private bool WifiInUse() => _wifi != null && _wifi.State != WifiState.Off;
    }
}
