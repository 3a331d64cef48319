using System.Linq;
using System.Net;
using System.Net.Sockets;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// Names resolve to AAAA addresses too once the transports are bound to IPv6 (HostResolver.IPv6, set by the
    /// simulator for --bind ::1 or ::), and to IPv4 only otherwise (an IPv4 socket cannot reach IPv6).
    /// </summary>
    public class HostResolverTests
    {
        [Fact]
        public void TheFirstAddressOfAReachableFamilyIsTaken()
        {
            IPAddress[] both = { IPAddress.IPv6Loopback, IPAddress.Loopback };
            Assert.Equal("::1", HostResolver.Pick(both, ipv6: true));
            Assert.Equal("127.0.0.1", HostResolver.Pick(both, ipv6: false));
            Assert.Null(HostResolver.Pick(new[] { IPAddress.IPv6Loopback }, ipv6: false));
            Assert.Equal("2001:db8::7", HostResolver.Pick(new[] { IPAddress.Parse("2001:db8::7"), IPAddress.Loopback }, ipv6: true));
            // What a dual-stack resolver may hand back for an IPv4-only name: written as IPv4, the source form.
            Assert.Equal("127.0.0.1", HostResolver.Pick(new[] { IPAddress.Loopback.MapToIPv6() }, ipv6: true));
        }

        [Fact]
        public void LocalhostResolvesAsTheSystemListsIt()
        {
            // This machine's /etc/hosts decides whether localhost has ::1; the resolver must follow the system's order
            // with IPv6 on, and skip every IPv6 address with it off.
            IPAddress[] listed = Dns.GetHostAddresses("localhost");
            bool before = HostResolver.IPv6;
            try
            {
                HostResolver.IPv6 = true;
                Assert.Equal(listed[0].ToString(), HostResolver.Resolve("localhost"));
                HostResolver.IPv6 = false;
                IPAddress v4 = listed.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
                Assert.Equal(v4?.ToString(), HostResolver.Resolve("localhost"));
            }
            finally
            {
                HostResolver.IPv6 = before;
            }
        }
    }
}
