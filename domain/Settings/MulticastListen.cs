namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// One multicast paging address, as Snom's <c>mc_address</c> writes it (docs/media.md, "Multicast paging"):
    /// <c>GROUP:PORT</c> with optional <c>priority=0..10</c> (10 highest, default 5) and <c>interrupt=0|1</c> (1: the page
    /// plays over a call; 0, the default: only while no call is live), separated by spaces, e.g.
    /// <c>239.0.1.20:5555 priority=8 interrupt=1</c>. GROUP is an IPv4 multicast address (224.0.0.0 - 239.255.255.255).
    /// </summary>
    public sealed class MulticastListen
    {
        public const int DefaultPriority = 5;
        public const int MaxPriority = 10;

        public string Group;
        public int Port;
        public int Priority = DefaultPriority;
        public bool Interrupt;

        /// <summary>Reads a value; null when it is valid (<paramref name="into"/> filled), else why not.</summary>
        public static string Parse(string value, MulticastListen into)
        {
            string[] words = value.Trim().Split(' ');
            string address = words[0];
            int colon = address.LastIndexOf(':');
            if (colon < 0 || !SettingValidator.IsIpv4(address.Substring(0, colon)))
            {
                return "'" + address + "' is not GROUP:PORT with an IPv4 multicast group";
            }
            string group = address.Substring(0, colon);
            int first = int.Parse(group.Substring(0, group.IndexOf('.')));
            if (first < 224 || first > 239)
            {
                return "'" + group + "' is not a multicast address (224.0.0.0 - 239.255.255.255)";
            }
            if (!SettingValidator.TryParseInt(address.Substring(colon + 1), out int port) || port < 1 || port > 65535)
            {
                return "'" + address.Substring(colon + 1) + "' is not a port (1-65535)";
            }
            into.Group = group;
            into.Port = port;
            into.Priority = DefaultPriority;
            into.Interrupt = false;
            for (int i = 1; i < words.Length; i++)
            {
                string word = words[i];
                int eq = word.IndexOf('=');
                string name = eq < 0 ? word : word.Substring(0, eq);
                bool number = SettingValidator.TryParseInt(eq < 0 ? "" : word.Substring(eq + 1), out int n);
                if (word.Length == 0)
                {
                    continue;
                }
                if (name == "priority" && number && n >= 0 && n <= MaxPriority)
                {
                    into.Priority = n;
                }
                else if (name == "interrupt" && number && (n == 0 || n == 1))
                {
                    into.Interrupt = n == 1;
                }
                else
                {
                    return "'" + word + "' is not priority=0..10 or interrupt=0|1";
                }
            }
            return null;
        }
    }
}
