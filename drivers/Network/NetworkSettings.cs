namespace DeskPhone.Drivers.Network
{
    /// <summary>
    /// How the Ethernet interface gets its address, built from the settings values (dhcp on/off, ip, netmask,
    /// gateway, dns1, dns2). Static values are validated so a typo gives a message instead of an unreachable phone.
    /// </summary>
    public sealed class NetworkSettings
    {
        public bool Dhcp = true;
        public string Address;
        public string SubnetMask;
        public string Gateway;
        public string[] Dns = new string[0];

        public static NetworkSettings DhcpDefault()
        {
            return new NetworkSettings();
        }

        /// <summary>Builds settings from raw setting values; returns null and sets error when the static values are unusable.</summary>
        public static NetworkSettings FromValues(bool dhcp, string address, string mask, string gateway, string dns1, string dns2, out string error)
        {
            error = null;
            NetworkSettings s = new NetworkSettings();
            if (dhcp)
            {
                return s;
            }
            s.Dhcp = false;
            uint ip, netmask, gw = 0;
            if (!Ipv4.TryParse(Trim(address), out ip))
            {
                error = "ip address '" + address + "' is not a dotted IPv4 address";
                return null;
            }
            if (!Ipv4.TryParse(Trim(mask), out netmask) || !Contiguous(netmask) || netmask == 0)
            {
                error = "netmask '" + mask + "' is not a valid IPv4 netmask";
                return null;
            }
            uint host = ip & ~netmask;
            if (netmask != 0xFFFFFFFF && netmask != 0xFFFFFFFE && (host == 0 || host == ~netmask))
            {
                error = "ip address " + Ipv4.Format(ip) + " is the network or broadcast address of its subnet";
                return null;
            }
            string g = Trim(gateway);
            if (g != null && g.Length > 0)
            {
                if (!Ipv4.TryParse(g, out gw))
                {
                    error = "gateway '" + gateway + "' is not a dotted IPv4 address";
                    return null;
                }
                if ((gw & netmask) != (ip & netmask))
                {
                    error = "gateway " + Ipv4.Format(gw) + " is outside the subnet of " + Ipv4.Format(ip);
                    return null;
                }
            }
            int count = 0;
            string d1 = Trim(dns1), d2 = Trim(dns2);
            uint tmp;
            if (d1 != null && d1.Length > 0)
            {
                if (!Ipv4.TryParse(d1, out tmp))
                {
                    error = "dns1 '" + dns1 + "' is not a dotted IPv4 address";
                    return null;
                }
                count++;
            }
            if (d2 != null && d2.Length > 0)
            {
                if (!Ipv4.TryParse(d2, out tmp))
                {
                    error = "dns2 '" + dns2 + "' is not a dotted IPv4 address";
                    return null;
                }
                count++;
            }
            s.Address = Ipv4.Format(ip);
            s.SubnetMask = Ipv4.Format(netmask);
            s.Gateway = g != null && g.Length > 0 ? Ipv4.Format(gw) : null;
            s.Dns = new string[count];
            int n = 0;
            if (d1 != null && d1.Length > 0)
            {
                s.Dns[n++] = d1;
            }
            if (d2 != null && d2.Length > 0)
            {
                s.Dns[n++] = d2;
            }
            return s;
        }

        private static string Trim(string s)
        {
            return s == null ? null : s.Trim();
        }

        private static bool Contiguous(uint mask)
        {
            uint inverted = ~mask;
            return (inverted & (inverted + 1)) == 0;
        }
    }
}
