using System.Collections;
using DeskPhone.Drivers.Network;
using DeskPhone.Domain.Settings;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The rows of the technician's read-only views: the network (link, addressing, MAC, SIP port) and the
    /// identities (one row each, then one identity's details). Secrets are never read: the rows name no
    /// Secret or Password setting, whether or not an administrator password is set.
    /// </summary>
    // Part of ScreenMenus (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class ScreenMenus
    {
        private const string Indent = "  ";

        internal static string[] NetworkRows(PhoneCore phone, int columns)
        {
            SettingsStore s = phone.Settings;
            EthernetLink link = phone.Drivers == null ? null : phone.Drivers.Ethernet;
            bool dhcp = s.GetBool(SettingNames.Dhcp);
            NetworkSettings config = NetworkSettingsReader.Read(s, out string error);
            var rows = new ArrayList();
            Add(rows, "Link: " + (link == null ? "unknown" : link.LinkUp ? "up" : "down"), columns);
            Add(rows, "Mode: " + (dhcp ? "DHCP" : "static"), columns);
            Add(rows, "Address: " + OrNone(link == null ? null : link.Address), columns);
            if (dhcp)
            {
                // The lease's netmask, gateway and DNS stay inside the network stack; the settings hold none.
                Add(rows, "Netmask: by DHCP", columns);
                Add(rows, "Gateway: by DHCP", columns);
                Add(rows, "DNS: by DHCP", columns);
            }
            else if (config != null)
            {
                Add(rows, "Netmask: " + config.SubnetMask, columns);
                Add(rows, "Gateway: " + OrNone(config.Gateway), columns);
                Add(rows, "DNS: " + Joined(config.Dns), columns);
            }
            else
            {
                Add(rows, "Static settings unusable: " + error, columns);
            }
            Add(rows, "MAC: " + (link == null || link.MacAddress == null ? "unknown" : link.MacAddress), columns);
            Add(rows, "SIP port: " + s.Get(SettingNames.NetworkIdPort), columns);
            return ToArray(rows);
        }

        /// <summary>The identities with an account (1..12), in order.</summary>
        internal static int[] Configured(PhoneCore phone)
        {
            int count = 0;
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                if (phone.Settings.Get(SettingNames.UserName, i) != "")
                {
                    count++;
                }
            }
            var list = new int[count];
            int n = 0;
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                if (phone.Settings.Get(SettingNames.UserName, i) != "")
                {
                    list[n++] = i;
                }
            }
            return list;
        }

        /// <summary>"* 486@pbx registered": the address is shortened first so that the state always shows.</summary>
        internal static string IdentityRow(PhoneCore phone, int identity, int columns)
        {
            string mark = identity == phone.CurrentIdentity ? "* " : Indent;
            string state = " " + Registration(phone, identity);
            string address = Address(phone.Settings, identity);
            int room = columns - mark.Length - state.Length;
            if (columns > 0 && address.Length > room && room > 1)
            {
                address = address.Substring(0, room - 1) + "~";
            }
            return mark + address + state;
        }

        internal static string[] IdentityDetails(PhoneCore phone, int identity, int columns)
        {
            SettingsStore s = phone.Settings;
            var rows = new ArrayList();
            Add(rows, "Account: " + s.Get(SettingNames.UserName, identity), columns);
            string name = s.Get(SettingNames.UserRealName, identity);
            if (name != "")
            {
                Add(rows, "Display name: " + name, columns);
            }
            Add(rows, "Registrar: " + OrNone(s.Get(SettingNames.UserHost, identity)), columns);
            Add(rows, "Outbound proxy: " + OrNone(s.Get(SettingNames.UserOutbound, identity)), columns);
            string auth = s.Get(SettingNames.UserAuthName, identity);
            Add(rows, "Auth name: " + (auth == "" ? "(account)" : auth), columns);
            Add(rows, "Expiry: " + s.Get(SettingNames.UserExpiry, identity) + " s", columns);
            Add(rows, "Active: " + (s.GetBool(SettingNames.UserActive, identity) ? "yes" : "no"), columns);
            Add(rows, "Registration: " + Registration(phone, identity), columns);
            Add(rows, "Current identity: " + (identity == phone.CurrentIdentity ? "yes" : "no"), columns);
            return ToArray(rows);
        }

        /// <summary>The same cases StatusWiring tells apart: an identity without a registrar is reached directly.</summary>
        internal static string Registration(PhoneCore phone, int identity)
        {
            if (!phone.Settings.GetBool(SettingNames.UserActive, identity))
            {
                return "inactive";
            }
            if (phone.Settings.Get(SettingNames.UserHost, identity) == "")
            {
                return "no registrar";
            }
            return phone.IsRegistered(identity) ? "registered" : "not registered";
        }

        private static string Address(SettingsStore s, int identity)
        {
            string host = s.Get(SettingNames.UserHost, identity);
            return s.Get(SettingNames.UserName, identity) + (host == "" ? "" : "@" + host);
        }

        /// <summary>Text of several lines ('\n') as list rows, each line wrapped as <see cref="Add"/> does (the explain view).</summary>
        internal static string[] Rows(string text, int columns)
        {
            var rows = new ArrayList();
            string[] lines = text.Split(new char[] { '\n' });
            for (int i = 0; i < lines.Length; i++)
            {
                Add(rows, lines[i], columns);
            }
            return ToArray(rows);
        }

        /// <summary>A row longer than the list is wide goes on in indented rows, so no value is cut off.</summary>
        private static void Add(ArrayList rows, string row, int columns)
        {
            if (columns <= Indent.Length || row.Length <= columns)
            {
                rows.Add(row);
                return;
            }
            bool overflow;
            string[] first = TextWrap.Wrap(row, columns, 1, out overflow);
            rows.Add(first[0]);
            string rest = row.Substring(first[0].Length).Trim();
            string[] more = TextWrap.Wrap(rest, columns - Indent.Length, 8, out overflow);
            for (int i = 0; i < more.Length; i++)
            {
                rows.Add(Indent + more[i]);
            }
        }

        private static string OrNone(string value) => value == null || value == "" ? "none" : value;

        private static string Joined(string[] values)
        {
            if (values.Length == 0)
            {
                return "none";
            }
            string text = values[0];
            for (int i = 1; i < values.Length; i++)
            {
                text += ", " + values[i];
            }
            return text;
        }

        private static string[] ToArray(ArrayList rows)
        {
            var result = new string[rows.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)rows[i];
            }
            return result;
        }
    }
}
