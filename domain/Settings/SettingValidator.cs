using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Checks a value against its definition and normalises it (booleans to on/off, lists to single spaces).
    /// Returns the reason a value is refused, or null; the store adds the setting's name.
    /// </summary>
    public static class SettingValidator
    {
        // Space-separated literals rather than static arrays, which nanoFramework would put on the heap at boot.
        private const string KeyTypesWithoutArgument = "none line";
        private const string KeyTypesWithArgument = "blf dest speed url keyevent dtmf park presence intercom transfer";

        // Split(char[]) explicitly: on .NET, Split('.') binds to an overload nanoFramework lacks. The array is made per
        // call: a static one is built at boot and kept (36 B with its slot) for a check that runs on a settings write.

        /// <summary>
        /// Why a dial plan (<see cref="SettingKind.DialPlan"/>) is refused, or null: Firmware.Calls.DialPlan.Check, set by
        /// the composition root (the parser lives in DeskPhone.Firmware for DeskPhone.Domain's byte code); unset, only
        /// the length is checked.
        /// </summary>
        public static TextCheck DialPlanCheck;

        public static string Check(SettingDefinition def, string value, out string normalized)
        {
            normalized = null;
            if (value == null)
            {
                value = string.Empty;
            }
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            string error;
            switch (def.Kind)
            {
                case SettingKind.Bool:
                    error = CheckBool(value, out normalized);
                    break;
                case SettingKind.Int:
                    error = CheckInt(def, value, out normalized);
                    break;
                case SettingKind.Choice:
                    error = CheckChoice(def, value, out normalized);
                    break;
                case SettingKind.List:
                    error = CheckList(def, value, out normalized);
                    break;
                case SettingKind.Ipv4:
                    normalized = value.Trim();
                    error = normalized.Length == 0 || IsIpv4(normalized) ? null : "'" + normalized + "' is not an IPv4 address (a.b.c.d)";
                    break;
                case SettingKind.HostPort:
                    normalized = value.Trim();
                    // The registrar may name its transport as a SIP URI does (RFC 3261 19.1.1): "pbx.example.com;transport=tcp"
                    // sends the identity's requests over TCP (firmware/Phone/OwnConnections.OverTcp, the SRV lookup's
                    // _sip._tcp); other host settings take no parameter.
                    error = normalized.Length == 0 ? null
                        : CheckHostPort(def.Name == SettingNames.UserHost ? WithoutTransport(normalized) : normalized);
                    break;
                case SettingKind.Proxy:
                    normalized = value.Trim();
                    error = normalized.Length == 0 ? null : CheckHostPort(StripSipUri(normalized));
                    break;
                case SettingKind.HostList:
                    error = CheckHostList(def, value, out normalized);
                    break;
                case SettingKind.FunctionKey:
                    error = CheckFunctionKey(def, value, out normalized);
                    break;
                case SettingKind.Multicast:
                    normalized = value.Trim();
                    error = normalized.Length == 0 ? null : MulticastListen.Parse(normalized, new MulticastListen());
                    break;
                case SettingKind.DialPlan:
                    normalized = value.Trim();
                    error = DialPlanCheck == null ? CheckLine(def, normalized) : CheckLine(def, normalized) ?? DialPlanCheck(normalized);
                    break;
                case SettingKind.TimeOfDay:
                    int minute = MinuteOfDay(value.Trim());
                    normalized = minute < 0 ? null : TimeOfDayText(minute);
                    error = minute < 0 ? "'" + value + "' is not a time of day (HH:MM, 00:00 to 23:59)" : null;
                    break;
                case SettingKind.DialTarget:
                    normalized = value.Trim();
                    error = normalized.Length == 0 ? null : CheckLine(def, normalized) ?? CheckDialTarget(normalized);
                    break;
                default:
                    // Text, Secret, Password: single line, bounded. The account is Text with a rule of its own by name:
                    // the index packs a row's kind in 4 bits, and the 16 kinds fill them (SettingsIndex.KindMask).
                    normalized = def.Kind == SettingKind.Text ? value.Trim() : value;
                    error = CheckLine(def, normalized) ?? (def.Name == SettingNames.UserName ? CheckSipUser(normalized) : null);
                    break;
            }
            return error;
        }

        private static string CheckBool(string value, out string normalized)
        {
            string v = value.Trim().ToLower();
            normalized = null;
            if (v == "on" || v == "true" || v == "1")
            {
                normalized = "on";
            }
            else if (v == "off" || v == "false" || v == "0")
            {
                normalized = "off";
            }
            return normalized != null ? null : "'" + value + "' is not a boolean (on/off/true/false/1/0)";
        }

        private static string CheckInt(SettingDefinition def, string value, out string normalized)
        {
            normalized = null;
            string v = value.Trim();
            if (!TryParseInt(v, out int n))
            {
                return "'" + value + "' is not a whole number";
            }
            if (n < def.Min || n > def.Max)
            {
                return v + " is out of range " + def.Min.ToString() + ".." + def.Max.ToString();
            }
            normalized = n.ToString();
            return null;
        }

        private static string CheckChoice(SettingDefinition def, string value, out string normalized)
        {
            normalized = null;
            string v = value.Trim().ToLower();
            if (v.Length == 0 && def.Default.Length == 0)
            {
                // A choice that starts empty (timezone: none named) may be emptied again.
                normalized = "";
                return null;
            }
            StringBuilder allowed = new StringBuilder();
            for (int i = 0; i < def.Choices.Length; i++)
            {
                if (def.Choices[i].ToLower() == v)
                {
                    normalized = def.Choices[i];
                    return null;
                }
                allowed.Append(i == 0 ? "" : ", ").Append(def.Choices[i]);
            }
            return "'" + value + "' is not one of " + allowed.ToString();
        }

        /// <summary>
        /// Minutes after midnight of a time of day written H:MM or HH:MM on the 24-hour clock, or -1 when it is not one:
        /// read from the text's digits, nothing made.
        /// </summary>
        public static int MinuteOfDay(string text)
        {
            int colon = text == null ? -1 : text.IndexOf(':');
            int length = colon < 0 ? 0 : text.Length;
            if (colon < 1 || colon > 2 || length != colon + 3)
            {
                return -1;
            }
            int hours = 0;
            for (int i = 0; i < colon; i++)
            {
                int d = text[i] - '0';
                hours = d < 0 || d > 9 ? 99 : hours * 10 + d;
            }
            int tens = text[colon + 1] - '0';
            int units = text[colon + 2] - '0';
            return hours > 23 || tens < 0 || tens > 5 || units < 0 || units > 9 ? -1 : hours * 60 + tens * 10 + units;
        }

        /// <summary>HH:MM of a minute after midnight (0 to 1439).</summary>
        public static string TimeOfDayText(int minute)
        {
            int hours = minute / 60;
            int minutes = minute % 60;
            return (hours < 10 ? "0" : "") + hours.ToString() + (minutes < 10 ? ":0" : ":") + minutes.ToString();
        }

        private static string CheckList(SettingDefinition def, string value, out string normalized)
        {
            // Provisioning files wrap long lists over several lines: any run of white space becomes one space.
            normalized = CollapseWhiteSpace(value, false);
            return CheckLine(def, normalized);
        }

        private static string CheckHostList(SettingDefinition def, string value, out string normalized)
        {
            normalized = CollapseWhiteSpace(value, true);
            if (normalized.Length > def.Max)
            {
                return "is longer than " + def.Max.ToString() + " characters";
            }
            if (normalized.Length == 0)
            {
                return null;
            }
            string[] hosts = normalized.Split(new char[] { ' ' });
            for (int i = 0; i < hosts.Length; i++)
            {
                string error = CheckHostPort(hosts[i]);
                if (error != null)
                {
                    return "entry " + (i + 1).ToString() + ": " + error;
                }
            }
            return null;
        }

        private static string CheckFunctionKey(SettingDefinition def, string value, out string normalized)
        {
            normalized = CollapseWhiteSpace(value, false);
            string lineError = CheckLine(def, normalized);
            if (lineError != null)
            {
                return lineError;
            }
            if (normalized.Length == 0)
            {
                normalized = "none";
                return null;
            }
            int space = normalized.IndexOf(' ');
            string type = (space < 0 ? normalized : normalized.Substring(0, space)).ToLower();
            bool hasArgument = space > 0;
            if (IsWordOf(KeyTypesWithoutArgument, type))
            {
                normalized = type;
                return hasArgument ? "'" + type + "' takes no argument" : null;
            }
            if (IsWordOf(KeyTypesWithArgument, type))
            {
                normalized = type + normalized.Substring(type.Length);
                return hasArgument ? null : "'" + type + "' needs an argument (e.g. '" + type + " sip:100@pbx')";
            }
            return "unknown key type '" + type + "' (none, line, blf, dest, speed, url, keyevent, dtmf, park, presence, intercom, transfer)";
        }

        private static string CheckLine(SettingDefinition def, string value)
        {
            if (value.Length > def.Max)
            {
                return "is longer than " + def.Max.ToString() + " characters";
            }
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < ' ' || value[i] == (char)127)
                {
                    return "contains a control character at position " + (i + 1).ToString();
                }
            }
            return null;
        }

        /// <summary>
        /// A number or user name (letters, digits, <c>+*#-_.</c>), <c>user@host[:port]</c>, or a <c>sip:</c>/<c>sips:</c> URI
        /// with a host (its user, when it has one, as for a number): what the dialing screen can call.
        /// </summary>
        private static string CheckDialTarget(string value)
        {
            string v = value;
            string lower = v.ToLower();
            bool uri = lower.StartsWith("sip:") || lower.StartsWith("sips:");
            int at = v.IndexOf('@');
            bool ok;
            if (!uri && at < 0)
            {
                ok = IsDialUser(v, 0, v.Length);
            }
            else
            {
                int user = uri ? v.IndexOf(':') + 1 : 0;
                ok = (at < 0 || IsDialUser(v, user, at)) && CheckHostPort(StripSipUri(uri ? v : "sip:" + v)) == null;
            }
            return ok ? null : "'" + value + "' is not a number, user@host or sip: URI";
        }

        /// <summary>
        /// The account goes into every SIP URI of its identity (From, To, Contact, the REGISTER's): a space or one of
        /// @ : &lt; &gt; " ends the user part or the URI there, so "486@pbx" (the registrar typed into the account) sent
        /// REGISTER ... To: &lt;sip:486@pbx@host&gt;. Other characters are left to the registrar (RFC 3261 19.1.1 has
        /// them escaped, which PBXs do not all expect).
        /// </summary>
        private static string CheckSipUser(string value) =>
            value.IndexOfAny(" @:<>\"".ToCharArray()) < 0 ? null
                : "'" + value + "' is not a SIP user name (no spaces or @ : < > \"; the registrar goes in user_host)";

        private static bool IsDialUser(string value, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }
            for (int i = start; i < end; i++)
            {
                char c = value[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '*' || c == '#' || c == '-' || c == '_' || c == '.'))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>host, host:port, a.b.c.d:port or [v6]:port; the port 1..65535.</summary>
        public static string CheckHostPort(string value)
        {
            string host = value;
            string port = null;
            if (value.Length > 0 && value[0] == '[')
            {
                int close = value.IndexOf(']');
                if (close < 2)
                {
                    return "'" + value + "' has an unterminated [IPv6] address";
                }
                for (int i = 1; i < close; i++)
                {
                    char c = value[i];
                    if (!(IsHexDigit(c) || c == ':' || c == '.'))
                    {
                        return "'" + value + "' is not a valid [IPv6] address";
                    }
                }
                host = null;
                if (close + 1 < value.Length)
                {
                    if (value[close + 1] != ':')
                    {
                        return "'" + value + "' has text after the address";
                    }
                    port = value.Substring(close + 2);
                }
            }
            else
            {
                int colon = value.IndexOf(':');
                if (colon >= 0)
                {
                    host = value.Substring(0, colon);
                    port = value.Substring(colon + 1);
                }
            }
            if (host != null && !IsHostName(host))
            {
                return "'" + value + "' is not a host name or address";
            }
            if (port != null && (!TryParseInt(port, out int p) || p < 1 || p > 65535 || port[0] == '+' || port[0] == '-'))
            {
                return "'" + value + "' has an invalid port (1..65535)";
            }
            return null;
        }

        private static string StripSipUri(string value)
        {
            string v = value;
            if (v.Length > 2 && v[0] == '<' && v[v.Length - 1] == '>')
            {
                v = v.Substring(1, v.Length - 2);
            }
            string lower = v.ToLower();
            if (lower.StartsWith("sips:"))
            {
                v = v.Substring(5);
            }
            else if (lower.StartsWith("sip:"))
            {
                v = v.Substring(4);
            }
            int at = v.IndexOf('@');
            if (at >= 0)
            {
                v = v.Substring(at + 1);
            }
            int semicolon = v.IndexOf(';');
            return semicolon >= 0 ? v.Substring(0, semicolon) : v;
        }

        /// <summary>host[:port] without a final ";transport=udp" or ";transport=tcp" (any case); anything else as it is.</summary>
        private static string WithoutTransport(string value)
        {
            int semicolon = value.IndexOf(';');
            string param = semicolon < 0 ? null : value.Substring(semicolon + 1).ToLower();
            return param == "transport=tcp" || param == "transport=udp" ? value.Substring(0, semicolon) : value;
        }

        private static bool IsHostName(string host)
        {
            if (host.Length == 0 || host.Length > 253 || host[0] == '.' || host[0] == '-' || host[host.Length - 1] == '-')
            {
                return false;
            }
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
                if (!ok || (c == '.' && host[i - 1] == '.'))
                {
                    return false;
                }
            }
            // All digits and dots: it must then be a proper IPv4 address.
            for (int i = 0; i < host.Length; i++)
            {
                if (!(host[i] == '.' || (host[i] >= '0' && host[i] <= '9')))
                {
                    return true;
                }
            }
            return IsIpv4(host);
        }

        public static bool IsIpv4(string value)
        {
            string[] parts = value.Split(new char[] { '.' });
            if (parts.Length != 4)
            {
                return false;
            }
            for (int i = 0; i < 4; i++)
            {
                long n = DecimalDigits.Parse(parts[i], 3);
                if (n < 0 || n > 255)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Optional sign and decimal digits only (no white space, no hex), within Int32.</summary>
        public static bool TryParseInt(string value, out int result)
        {
            result = 0;
            if (value == null || value.Length == 0 || value.Length > 11)
            {
                return false;
            }
            int start = value[0] == '-' || value[0] == '+' ? 1 : 0;
            if (start == value.Length)
            {
                return false;
            }
            long n = DecimalDigits.Parse(value, start, value.Length, 11);
            if (n < 0)
            {
                return false;
            }
            if (value[0] == '-')
            {
                n = -n;
            }
            if (n < int.MinValue || n > int.MaxValue)
            {
                return false;
            }
            result = (int)n;
            return true;
        }

        private static string CollapseWhiteSpace(string value, bool commaIsSpace)
        {
            StringBuilder sb = new StringBuilder(value.Length);
            bool pendingSpace = false;
            char[] chars = value.ToCharArray(); // not value[i]: see SettingsPayload
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n' || (commaIsSpace && c == ',');
                if (space)
                {
                    pendingSpace = sb.Length > 0;
                    continue;
                }
                if (pendingSpace)
                {
                    sb.Append(' ');
                    pendingSpace = false;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>True when word is one of the space-separated words of list (ordinal comparison).</summary>
        private static bool IsWordOf(string list, string word)
        {
            int start = 0;
            while (start < list.Length)
            {
                int end = start;
                while (end < list.Length && list[end] != ' ')
                {
                    end++;
                }
                if (end - start == word.Length)
                {
                    int i = 0;
                    while (i < word.Length && list[start + i] == word[i])
                    {
                        i++;
                    }
                    if (i == word.Length)
                    {
                        return true;
                    }
                }
                start = end + 1;
            }
            return false;
        }
    }
}
