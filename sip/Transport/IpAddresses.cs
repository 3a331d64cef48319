using System.Net;
using System.Net.Sockets;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// The IPv4/IPv6 details the transports share: sockets of the bind address's family, IPv6 sockets that also take
    /// IPv4 (dual stack) where the platform allows, source addresses as text without brackets and with IPv4-mapped
    /// addresses (::ffff:a.b.c.d, what a dual-stack socket reports for an IPv4 peer) written as plain IPv4.
    /// </summary>
    internal static class IpAddresses
    {
        /// <summary>IPV6_V6ONLY; .NET names it SocketOptionName.IPv6Only, nanoFramework's enum has no name for it.</summary>
        private const int IPv6OnlyOption = 27;

        /// <summary>An address literal, with or without the brackets of an IPv6 reference ("[::1]" or "::1").</summary>
        public static IPAddress Parse(string host) => IPAddress.Parse(Unbracket(host));

        /// <summary>"[::1]" to "::1"; anything else as it is.</summary>
        public static string Unbracket(string host)
        {
            int n = host == null ? 0 : host.Length;
            return n > 2 && host[0] == '[' && host[n - 1] == ']' ? host.Substring(1, n - 2) : host;
        }

        /// <summary>
        /// A socket for <paramref name="local"/>'s family. An IPv6 one takes IPv4 too when <paramref name="dualStack"/>
        /// (IPv6Only off), else IPv6 only; a platform without the option keeps its default.
        /// </summary>
        public static Socket Open(IPAddress local, SocketType type, ProtocolType protocol, bool dualStack)
        {
            var socket = new Socket(local.AddressFamily, type, protocol);
            if (local.AddressFamily == AddressFamily.InterNetworkV6)
            {
                try
                {
                    socket.SetSocketOption(SocketOptionLevel.IPv6, (SocketOptionName)IPv6OnlyOption, !dualStack);
                }
                catch (System.Exception)
                {
                    // Not supported here: the stack's default applies.
                }
            }
            return socket;
        }

        /// <summary>The source address as the user agent writes it (received=, the transaction key): no brackets, IPv4-mapped as IPv4.</summary>
        public static string HostOf(IPAddress address)
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
            {
                return address.MapToIPv4().ToString();
            }
            return address.ToString();
        }

        /// <summary>The end point for host:port on a socket of family <paramref name="socketFamily"/> (IPv4 mapped for an IPv6 socket).</summary>
        public static IPEndPoint EndPoint(string host, int port, AddressFamily socketFamily)
        {
            IPAddress address = Parse(host);
            if (socketFamily == AddressFamily.InterNetworkV6 && address.AddressFamily == AddressFamily.InterNetwork)
            {
                address = address.MapToIPv6();
            }
            return new IPEndPoint(address, port);
        }

        /// <summary>Whether host is an IPv6 literal (bracketed or not), which sent-by and Contact write as "[addr]".</summary>
        public static bool IsIPv6Literal(string host)
        {
            string h = Unbracket(host);
            return h != null && SipUri.IsIPv6(h.ToCharArray(), 0, h.Length);
        }
    }
}
