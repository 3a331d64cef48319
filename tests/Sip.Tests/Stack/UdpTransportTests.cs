using System.Net;
using System.Net.Sockets;
using System.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>The loop-driven UDP receive on a real loopback socket: what it posts, what it leaves for the next turn.</summary>
    public class UdpTransportTests
    {
        private static void SendTo(UdpTransport transport, params string[] datagrams)
        {
            using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            foreach (string d in datagrams)
            {
                byte[] bytes = Encoding.ASCII.GetBytes(d);
                client.Send(bytes, bytes.Length, new IPEndPoint(IPAddress.Loopback, transport.LocalPort));
            }
        }

        [Fact]
        public void PostsEveryQueuedDatagramWithItsSource()
        {
            var inbox = new SipInbox(4, 1500);
            var udp = new UdpTransport(inbox);
            udp.Start("127.0.0.1", 0);
            try
            {
                SendTo(udp, "one", "two");
                int posted = udp.ReceiveFor(1000);
                posted += posted < 2 ? udp.ReceiveFor(1000) : 0;

                Assert.Equal(2, posted);
                SipPacket first = inbox.Take();
                Assert.Equal("one", Encoding.ASCII.GetString(first.Data, 0, first.Length));
                Assert.Equal("127.0.0.1", first.RemoteHost);
                Assert.True(first.RemotePort > 0);
                Assert.Same(udp, first.Transport);
                SipPacket second = inbox.Take();
                Assert.Equal("two", Encoding.ASCII.GetString(second.Data, 0, second.Length));
                Assert.Null(inbox.Take());
            }
            finally
            {
                udp.Stop();
            }
        }

        [Fact]
        public void AFullInboxLeavesTheRestInTheSocketForTheNextTurn()
        {
            var inbox = new SipInbox(1, 1500);
            var udp = new UdpTransport(inbox);
            udp.Start("127.0.0.1", 0);
            try
            {
                SendTo(udp, "one", "two");
                Assert.Equal(1, udp.ReceiveFor(1000));
                Assert.Equal(0, udp.ReceiveFor(0));

                SipPacket packet = inbox.Take();
                Assert.Equal("one", Encoding.ASCII.GetString(packet.Data, 0, packet.Length));
                inbox.Return(packet);
                Assert.Equal(1, udp.ReceiveFor(1000));
                packet = inbox.Take();
                Assert.Equal("two", Encoding.ASCII.GetString(packet.Data, 0, packet.Length));
            }
            finally
            {
                udp.Stop();
            }
        }

        [Fact]
        public void NothingArrivingPostsNothingAndAStoppedTransportReturnsAtOnce()
        {
            var inbox = new SipInbox(2, 1500);
            var udp = new UdpTransport(inbox);
            udp.Start("127.0.0.1", 0);
            Assert.Equal(0, udp.ReceiveFor(20));
            udp.Stop();
            Assert.Equal(0, udp.ReceiveFor(20));
            Assert.Null(inbox.Take());
        }

        [Fact]
        public void SendsReachEachPeerAsTheDestinationChangesAndABadAddressFails()
        {
            var udp = new UdpTransport(new SipInbox(1, 1500));
            udp.Start("127.0.0.1", 0);
            using var a = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            using var b = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            a.Client.ReceiveTimeout = b.Client.ReceiveTimeout = 2000;
            int portA = ((IPEndPoint)a.Client.LocalEndPoint).Port;
            int portB = ((IPEndPoint)b.Client.LocalEndPoint).Port;
            try
            {
                foreach (var (text, port) in new[] { ("a1", portA), ("a2", portA), ("b1", portB), ("a3", portA) })
                {
                    byte[] bytes = Encoding.ASCII.GetBytes(text);
                    Assert.True(udp.Send(bytes, bytes.Length, "127.0.0.1", port, null));
                }
                Assert.False(udp.Send(new byte[1], 1, "not-an-address", portA, null));
                var from = new IPEndPoint(IPAddress.Any, 0);
                Assert.Equal("a1", Encoding.ASCII.GetString(a.Receive(ref from)));
                Assert.Equal("a2", Encoding.ASCII.GetString(a.Receive(ref from)));
                Assert.Equal("a3", Encoding.ASCII.GetString(a.Receive(ref from)));
                Assert.Equal("b1", Encoding.ASCII.GetString(b.Receive(ref from)));
                Assert.Equal(udp.LocalPort, from.Port);
            }
            finally
            {
                udp.Stop();
            }
        }
    }
}
