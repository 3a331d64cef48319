using System.Text;
using DeskPhone.Drivers.Network;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The bench's /api/link (docs/bench.md "Links"): GET gives the link in use, the Ethernet's and the Wi-Fi's state;
    /// POST /api/link/ethernet/{up|down} and /api/link/wifi/{up|down|reject} drive the simulator's cable and access
    /// point (501 on a board: the cable is pulled by hand there).
    /// </summary>
    // Part of BenchRouter (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class BenchRouter
    {
        /// <param name="parts">The path split at '/', starting with "api", "link".</param>
        internal static BenchResponse HandleLink(PhoneCore phone, IBenchHardware hardware, string method, string path, string[] parts)
        {
            if (parts.Length == 2 && method == "GET")
            {
                return BenchResponse.Json(LinkState(phone));
            }
            if (parts.Length != 4 || method != "POST" || (parts[2] != "ethernet" && parts[2] != "wifi"))
            {
                return BenchResponse.NotFound("no " + method + " " + path + " (see docs/bench.md)");
            }
            if (hardware == null)
            {
                return BenchResponse.Error(501, "only the simulator can switch its links");
            }
            string action = parts[3];
            if (parts[2] == "ethernet")
            {
                if (action != "up" && action != "down")
                {
                    return BenchResponse.BadRequest("ethernet is up or down, not " + action);
                }
                hardware.SetEthernet(action == "up");
            }
            else if (!hardware.SetWifi(action))
            {
                return BenchResponse.BadRequest("wifi is up, down or reject, not " + action);
            }
            return BenchResponse.Json("{\"" + parts[2] + "\":" + JsonText.Quote(action) + "}");
        }

        /// <summary>The address of the link in use (the Ethernet's without Wi-Fi); null without one.</summary>
        public static string Address(PhoneCore phone)
        {
            if (phone.Drivers == null)
            {
                return null;
            }
            LinkPolicy links = phone.Links;
            return links != null && links.Link == LinkPolicy.Wifi ? links.WifiLink.Address : phone.Drivers.Ethernet.Address;
        }

        /// <summary>The link in use: ethernet, wifi or none (no drivers: ethernet, as a phone without a cable report).</summary>
        public static string Link(PhoneCore phone)
        {
            if (phone.Links != null)
            {
                return phone.Links.Link;
            }
            return phone.Drivers != null && phone.Drivers.Ethernet.EthernetUnplugged ? LinkPolicy.None : LinkPolicy.Ethernet;
        }

        private static string LinkState(PhoneCore phone)
        {
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"link\":", Link(phone));
            JsonText.Field(sb, ",\"address\":", Address(phone));
            EthernetLink ethernet = phone.Drivers == null ? null : phone.Drivers.Ethernet;
            sb.Append(",\"ethernet\":");
            if (ethernet == null)
            {
                sb.Append("null");
            }
            else
            {
                JsonText.Bool(sb, "{\"unplugged\":", ethernet.EthernetUnplugged);
                JsonText.Bool(sb, ",\"ready\":", ethernet.Ready);
                JsonText.Field(sb, ",\"address\":", ethernet.Address);
                sb.Append('}');
            }
            LinkPolicy links = phone.Links;
            sb.Append(",\"wifi\":");
            if (links == null)
            {
                return sb.Append("null}").ToString();
            }
            IWifiLink wifi = links.WifiLink;
            JsonText.Field(sb, "{\"ssid\":", links.Ssid);
            JsonText.Field(sb, ",\"state\":", WifiState.Name(wifi.State));
            JsonText.Field(sb, ",\"address\":", wifi.Address);
            JsonText.Number(sb, ",\"failures\":", links.Failures);
            JsonText.Field(sb, ",\"lastFailure\":", links.LastFailure);
            long next = links.NextTryMs;
            sb.Append(",\"nextTryInMs\":").Append(next == 0 ? "null" : (next > phone.Now ? next - phone.Now : 0).ToString());
            return sb.Append("}}").ToString();
        }
    }
}
