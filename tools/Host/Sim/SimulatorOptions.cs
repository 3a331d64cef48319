using System;
using System.Net;

namespace DeskPhone.Host.Sim
{
    /// <summary>Command-line options of the simulator; every one has a default, so it starts with none.</summary>
    public sealed class SimulatorOptions
    {
        public string Bind { get; private set; } = "127.0.0.1";
        public int SipPort { get; private set; } = 5060;
        public int BenchPort { get; private set; } = 8080;
        public string SettingsFile { get; private set; }
        public string StateDirectory { get; private set; }
        public string Identity { get; private set; } = "486";
        public string Registrar { get; private set; }
        public string Mic { get; private set; }
        public string RecordDir { get; private set; }
        public bool Trace { get; private set; }
        /// <summary>The DNS server the identities' first hops are located with (SRV), host[:port]; null: none known.</summary>
        public string Dns { get; private set; } = FirstNameserver("/etc/resolv.conf");

        public const string Usage =
            "usage: deskphone-sim [--bind ADDR] [--sip-port N] [--bench-port N] [--settings FILE.xml]\n" +
            "                     [--identity USER] [--registrar HOST[:PORT]] [--state DIR]\n" +
            "                     [--mic tone:HZ|FILE.wav] [--record-dir DIR] [--dns ADDR[:PORT]] [--trace]\n" +
            "  --bind ADDR        loopback address to listen on, IPv4 or IPv6 (::1) (default 127.0.0.1)\n" +
            "  --sip-port N       SIP port for UDP and TCP (default 5060; 0 picks a free one)\n" +
            "  --bench-port N     bench interface and page (default 8080; 0 picks a free one)\n" +
            "  --settings FILE    phone settings in the phones' XML format, applied over the built-in defaults\n" +
            "  --identity USER    SIP user of identity 1 (default 486)\n" +
            "  --registrar HOST   register identity 1 there (default: no registration; filter_registrar off)\n" +
            "  --state DIR        keep settings changed at run time and staged updates in DIR (default: memory only,\n" +
            "                     no updates)\n" +
            "  --mic SOURCE       what a call sends: tone:HZ (a sine, e.g. tone:440) or a WAV file (16-bit mono 8 kHz,\n" +
            "                     played in a loop) (default: silence)\n" +
            "  --record-dir DIR   write what each call plays to DIR/call-N.wav (default: played nowhere)\n" +
            "  --dns ADDR[:PORT]  the DNS server (IPv4) a registrar or outbound proxy given as a name without a port is\n" +
            "                     looked up with by SRV, _sip._udp.NAME (default: the first IPv4 nameserver of /etc/resolv.conf)\n" +
            "  --trace            print every SIP message in and out on standard error (also: GET /api/trace, phonectl trace)";

        private static readonly string[] Known =
            { "--bind", "--sip-port", "--bench-port", "--settings", "--state", "--identity", "--registrar", "--mic", "--record-dir", "--dns" };

        /// <summary>Parses the arguments; null with <paramref name="error"/> set when they are wrong.</summary>
        public static SimulatorOptions Parse(string[] args, out string error)
        {
            var o = new SimulatorOptions();
            error = null;
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (name == "-h" || name == "--help")
                {
                    error = "";
                    return null;
                }
                if (name == "--trace")
                {
                    o.Trace = true;
                    continue;
                }
                if (Array.IndexOf(Known, name) < 0)
                {
                    error = "unknown option " + name;
                    return null;
                }
                if (i + 1 >= args.Length)
                {
                    error = name + " needs a value";
                    return null;
                }
                string value = args[++i];
                switch (name)
                {
                    case "--bind":
                        if (!IPAddress.TryParse(value, out IPAddress address) || !IPAddress.IsLoopback(address))
                        {
                            error = "--bind must be a loopback address (127.0.0.0/8 or ::1), not " + value;
                            return null;
                        }
                        // As IPAddress writes it: "[::1]" and "::1" both become ::1 (the transports and the bench bracket it).
                        o.Bind = address.ToString();
                        break;
                    case "--sip-port":
                        if (!Port(value, out int sip)) { error = "--sip-port must be 0..65535"; return null; }
                        o.SipPort = sip;
                        break;
                    case "--bench-port":
                        if (!Port(value, out int bench)) { error = "--bench-port must be 0..65535"; return null; }
                        o.BenchPort = bench;
                        break;
                    case "--settings":
                        o.SettingsFile = value;
                        break;
                    case "--state":
                        o.StateDirectory = value;
                        break;
                    case "--identity":
                        o.Identity = value;
                        break;
                    case "--registrar":
                        o.Registrar = value;
                        break;
                    case "--mic":
                        o.Mic = value;
                        break;
                    case "--record-dir":
                        o.RecordDir = value;
                        break;
                    case "--dns":
                        // A dotted quad as IPAddress writes it back ("1.2.3" parses, as 1.2.0.3, but is no server's address).
                        int colon = value.IndexOf(':');
                        string dnsHost = colon < 0 ? value : value.Substring(0, colon);
                        if (!IPAddress.TryParse(dnsHost, out IPAddress dns) || dns.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || dns.ToString() != dnsHost ||
                            (colon >= 0 && (!Port(value.Substring(colon + 1), out int dnsPort) || dnsPort == 0)))
                        {
                            error = "--dns must be an IPv4 address with an optional :PORT, not " + value;
                            return null;
                        }
                        o.Dns = value;
                        break;
                    default:
                        error = "unknown option " + name;
                        return null;
                }
            }
            return o;
        }

        /// <summary>The first IPv4 "nameserver" of a resolv.conf, or null (none, or no such file).</summary>
        private static string FirstNameserver(string file)
        {
            if (!System.IO.File.Exists(file))
            {
                return null;
            }
            foreach (string line in System.IO.File.ReadAllLines(file))
            {
                string[] words = line.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length >= 2 && words[0] == "nameserver" && IPAddress.TryParse(words[1], out IPAddress address) &&
                    address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    return words[1];
                }
            }
            return null;
        }

        private static bool Port(string text, out int port) =>
            int.TryParse(text, out port) && port >= 0 && port <= 65535;
    }
}
