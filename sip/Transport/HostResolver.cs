using System.Net;
using System.Net.Sockets;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Transport
{
    /// <summary>host[:port] to an address and port: IP literals as they are, names through DNS.</summary>
    public static class HostResolver
    {
        /// <summary>Splits host[:port] (default port 5060); false when it is empty or the port is not a number.</summary>
        public static bool Split(string hostPort, out string host, out int port) => Split(hostPort, out host, out port, SipUri.DefaultPort);

        /// <summary>Splits host[:port] with <paramref name="defaultPort"/> when none is given (NTP's 123, ...).</summary>
        public static bool Split(string hostPort, out string host, out int port, int defaultPort)
        {
            host = null;
            port = defaultPort;
            if (hostPort == null || hostPort.Length == 0)
            {
                return false;
            }
            string h = hostPort.StartsWith("sip:") ? hostPort.Substring(4) : hostPort;
            int semi = h.IndexOf(';');
            if (semi >= 0)
            {
                h = h.Substring(0, semi);
            }
            int colon = h.LastIndexOf(':');
            if (colon > 0 && h.IndexOf(']') < colon)
            {
                if (!int.TryParse(h.Substring(colon + 1), out port) || port < 1 || port > 65535)
                {
                    return false;
                }
                h = h.Substring(0, colon);
            }
            host = h;
            return host.Length > 0;
        }

        /// <summary>
        /// Whether names may resolve to IPv6 (AAAA) addresses: set by the composition when the SIP transports are bound
        /// to an IPv6 address (dual stack or IPv6 only, docs/sip-stack.md "IPv6"); off, a name resolves to IPv4 only,
        /// which an IPv4 socket can reach.
        /// </summary>
        public static bool IPv6;

        /// <summary>
        /// The address of a host as text (IPv6 without brackets), or null when it cannot be resolved. A dotted quad is
        /// answered here, in managed code, without the network stack (no exception, no native call: the boot test in
        /// the interpreter, which has no networking natives, resolves its registrar this way); anything else goes to
        /// IPAddress and DNS, whose first IPv4 address is taken, or with <see cref="IPv6"/> its first address of either
        /// family (the resolver's order, RFC 6724 on a host).
        /// </summary>
        public static string Resolve(string host)
        {
            if (IsDottedQuad(host))
            {
                return host;
            }
            if (IpAddresses.IsIPv6Literal(host))
            {
                // An IPv6 literal, with or without the brackets a URI gives it: the address itself, without a native call.
                return IpAddresses.Unbracket(host);
            }
            try
            {
                IPAddress.Parse(host);
                return host;
            }
            catch (System.Exception)
            {
                // Not a literal: ask DNS below.
            }
            try
            {
                return Pick(Dns.GetHostEntry(host).AddressList, IPv6);
            }
            catch (System.Exception)
            {
                // Unknown name or no DNS server: the caller reports "cannot resolve".
                return null;
            }
        }

        /// <summary>The first address of <paramref name="addresses"/> the transports can reach (IPv4, or either with <paramref name="ipv6"/>), as text; null when none.</summary>
        public static string Pick(IPAddress[] addresses, bool ipv6)
        {
            for (int i = 0; i < addresses.Length; i++)
            {
                AddressFamily family = addresses[i].AddressFamily;
                if (family == AddressFamily.InterNetwork || (ipv6 && family == AddressFamily.InterNetworkV6))
                {
                    return IpAddresses.HostOf(addresses[i]);
                }
            }
            return null;
        }

        /// <summary>Four decimal numbers 0..255 separated by dots ("10.0.0.1").</summary>
        public static bool IsDottedQuad(string host)
        {
            return host != null && host.Length >= 7 && host.Length <= 15 && SipUri.IsIPv4(host.ToCharArray(), 0, host.Length);
        }
    }
}
