using System.Net;

namespace DeskPhone.Sip.Transport
{
    /// <summary>host[:port] to an address and port: IP literals as they are, names through DNS.</summary>
    public static class HostResolver
    {
        /// <summary>Splits host[:port] (default port 5060); false when it is empty or the port is not a number.</summary>
        public static bool Split(string hostPort, out string host, out int port)
        {
            host = null;
            port = 5060;
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

        /// <summary>The IPv4 address of a host as text, or null when it cannot be resolved.</summary>
        public static string Resolve(string host)
        {
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
                IPHostEntry entry = Dns.GetHostEntry(host);
                for (int i = 0; i < entry.AddressList.Length; i++)
                {
                    if (entry.AddressList[i].AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    {
                        return entry.AddressList[i].ToString();
                    }
                }
            }
            catch (System.Exception)
            {
                // Unknown name or no DNS server: the caller reports "cannot resolve".
            }
            return null;
        }
    }
}
