using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// IPv6 (issue 16 item 7): UDP and TCP bound to ::1 answer a MESSAGE from [::1] to its source, with received written
    /// without brackets (RFC 5118 4.5); "::" with dual stack takes IPv4 too and reports an IPv4 peer as IPv4; the phone's
    /// own Via and Contact carry "[addr]:port". Real sockets on loopback only (the "::" test sends over 127.0.0.1).
    /// </summary>
    public class Ipv6TransportTests
    {
        private const int DeadlineMs = 20000;

        private static string Message(string sentBy, string branch, string body) =>
            ("MESSAGE sip:486@[::1] SIP/2.0\nVia: SIP/2.0/UDP " + sentBy + ";branch=" + branch + ";rport\n" +
             "From: <sip:pbx@[::1]>;tag=f\nTo: <sip:486@[::1]>\nCall-ID: " + branch + "@[::1]\nCSeq: 1 MESSAGE\n" +
             "Max-Forwards: 70\nContent-Type: text/plain\nContent-Length: " + body.Length + "\n\n" + body).Replace("\n", "\r\n");

        private static SipUserAgent Agent(SipInbox inbox, RecordingHandler handler, ISipTransport udp)
        {
            var ua = new SipUserAgent(inbox) { Udp = udp, LocalHost = "::1" }.Route(handler, filterRegistrar: false);
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", UserNameAsLine = true });
            return ua;
        }

        private static string Header(string message, string name) => FakeChannel.Header(message, name);

        [Fact]
        public void UdpOnIpv6LoopbackAnswersTheSourceWithReceivedWithoutBrackets()
        {
            var inbox = new SipInbox(4, 4096);
            var udp = new UdpTransport(inbox);
            udp.Start("::1", 0);
            var handler = new RecordingHandler();
            SipUserAgent ua = Agent(inbox, handler, udp);
            try
            {
                using var client = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
                int clientPort = ((IPEndPoint)client.Client.LocalEndPoint).Port;
                // The sent-by names another host and port: with rport the answer still goes to the source, [::1]:clientPort.
                byte[] request = Encoding.ASCII.GetBytes(Message("[2001:db8::9]:5999", "z9hG4bKv6u1", "hello v6"));
                client.Send(request, request.Length, new IPEndPoint(IPAddress.IPv6Loopback, udp.LocalPort));

                var clock = Stopwatch.StartNew();
                while (handler.Calls.Count == 0 && clock.ElapsedMilliseconds < DeadlineMs)
                {
                    udp.ReceiveFor(100);
                    ua.Poll(0);
                }
                Assert.Equal("message 1 hello v6", Assert.Single(handler.Calls));

                client.Client.ReceiveTimeout = DeadlineMs;
                IPEndPoint from = null;
                string answer = Encoding.ASCII.GetString(client.Receive(ref from));
                Assert.StartsWith("SIP/2.0 200 OK\r\n", answer);
                Assert.Equal(IPAddress.IPv6Loopback, from.Address);
                Assert.Equal(udp.LocalPort, from.Port);
                Assert.Equal("SIP/2.0/UDP [2001:db8::9]:5999;branch=z9hG4bKv6u1;rport=" + clientPort + ";received=::1", Header(answer, "Via"));
                Assert.NotNull(Via.Parse(Header(answer, "Via")));
            }
            finally
            {
                udp.Stop();
            }
        }

        [Fact]
        public void TcpOnIpv6LoopbackAnswersOnTheConnection()
        {
            var inbox = new SipInbox(4, 4096);
            var tcp = new TcpTransport(inbox);
            tcp.Start("::1", 0);
            var handler = new RecordingHandler();
            SipUserAgent ua = Agent(inbox, handler, tcp);
            try
            {
                using var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                s.Connect(new IPEndPoint(IPAddress.IPv6Loopback, tcp.LocalPort));
                s.ReceiveTimeout = 200;
                byte[] request = Encoding.ASCII.GetBytes(Message("[::1]:" + ((IPEndPoint)s.LocalEndPoint).Port, "z9hG4bKv6t1", "over tcp").Replace("SIP/2.0/UDP", "SIP/2.0/TCP"));
                s.Send(request);

                var buffer = new byte[4096];
                string answer = "";
                var clock = Stopwatch.StartNew();
                while (!answer.Contains("\r\n\r\n") && clock.ElapsedMilliseconds < DeadlineMs)
                {
                    ua.Poll(0);
                    try
                    {
                        int n = s.Receive(buffer);
                        answer += Encoding.ASCII.GetString(buffer, 0, n);
                    }
                    catch (SocketException)
                    {
                    }
                }
                Assert.StartsWith("SIP/2.0 200 OK\r\n", answer);
                Assert.Equal("message 1 over tcp", Assert.Single(handler.Calls));
                // A bare rport asks for received even when it equals sent-by (RFC 3581 4); written without brackets.
                Assert.Equal("SIP/2.0/TCP [::1]:" + ((IPEndPoint)s.LocalEndPoint).Port + ";branch=z9hG4bKv6t1;rport=" +
                             ((IPEndPoint)s.LocalEndPoint).Port + ";received=::1", Header(answer, "Via"));
            }
            finally
            {
                tcp.Stop();
            }
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void DualStackOnTheIpv6AnyAddressTakesIpv4AsIpv4(bool dualStack)
        {
            var inbox = new SipInbox(4, 4096);
            var udp = new UdpTransport(inbox) { DualStack = dualStack };
            udp.Start("::", 0);
            try
            {
                using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                byte[] bytes = Encoding.ASCII.GetBytes("ping");
                client.Send(bytes, bytes.Length, new IPEndPoint(IPAddress.Loopback, udp.LocalPort));
                int posted = udp.ReceiveFor(1000);
                posted += posted == 0 ? udp.ReceiveFor(1000) : 0;
                if (!dualStack)
                {
                    Assert.Equal(0, posted);
                    return;
                }
                Assert.Equal(1, posted);
                SipPacket packet = inbox.Take();
                Assert.Equal("127.0.0.1", packet.RemoteHost);
                // And the answer reaches the IPv4 peer through the IPv6 socket.
                byte[] pong = Encoding.ASCII.GetBytes("pong");
                Assert.True(udp.Send(pong, pong.Length, packet.RemoteHost, packet.RemotePort, null));
                client.Client.ReceiveTimeout = DeadlineMs;
                IPEndPoint from = null;
                Assert.Equal("pong", Encoding.ASCII.GetString(client.Receive(ref from)));
            }
            finally
            {
                udp.Stop();
            }
        }

        [Fact]
        public void TheReceivedOfAnIpv6SourceHasNoBracketsAndTheSameHostGetsNone()
        {
            var inbox = new SipInbox(4, 4096);
            var channel = new FakeChannel(inbox);
            SipUserAgent ua = Agent(inbox, new RecordingHandler(), channel);
            channel.Arrive(Message("[2001:db8::9]:5060", "z9hG4bKr1", "a"), "2001:db8::7", 41000);
            ua.Poll(0);
            Assert.Equal("SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bKr1;rport=41000;received=2001:db8::7", Header(channel.Last, "Via"));
            Assert.Equal(("2001:db8::7", 41000), (channel.Sent[0].Host, channel.Sent[0].Port));

            // Without rport, sent-by "[2001:DB8::7]" and the source 2001:db8::7 are one host: no received, the Via port.
            channel.Arrive(Message("[2001:DB8::7]:5070", "z9hG4bKr2", "b").Replace(";rport", ""), "2001:db8::7", 41001);
            ua.Poll(0);
            Assert.Equal("SIP/2.0/UDP [2001:DB8::7]:5070;branch=z9hG4bKr2", Header(channel.Last, "Via"));
            Assert.Equal(("2001:db8::7", 5070), (channel.Sent[1].Host, channel.Sent[1].Port));
        }

        [Fact]
        public void AnIpv6RegistrarPassesFilterRegistrarAndOthersDoNot()
        {
            var inbox = new SipInbox(4, 4096);
            var channel = new FakeChannel(inbox);
            var ua = new SipUserAgent(inbox) { Udp = channel, LocalHost = "2001:db8::10" }.Route(new RecordingHandler());
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "[2001:DB8::1]:5070", UserNameAsLine = true });
            Assert.Equal("2001:db8::1", ua.GetIdentity(1).RegistrarHost);
            channel.Arrive(Message("[2001:db8::1]:5070", "z9hG4bKf1", "a"), "2001:db8::1", 5070);
            ua.Poll(0);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", channel.Last);
            channel.Arrive(Message("[2001:db8::2]:5070", "z9hG4bKf2", "b"), "2001:db8::2", 5070);
            ua.Poll(0);
            Assert.StartsWith("SIP/2.0 403 ", channel.Last);
        }

        [Fact]
        public void TheOwnViaAndContactWriteAnIpv6AddressAsAReference()
        {
            var inbox = new SipInbox(4, 4096);
            var channel = new FakeChannel(inbox);
            var ua = new SipUserAgent(inbox) { Udp = channel, LocalHost = "2001:db8::10" }.Route(new RecordingHandler());
            Assert.Equal("[2001:db8::10]", ua.LocalHost);
            var identity = new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "[2001:db8::1]:5070" };
            ua.SetIdentity(identity);
            var registrations = new Registrations(ua);
            registrations.Update(identity, 0);
            ua.Poll(0);
            registrations.Poll(0);

            (string register, string host, int port) = channel.Sent[0];
            Assert.Equal(("2001:db8::1", 5070), (host, port));
            string via = Header(register, "Via");
            Assert.StartsWith("SIP/2.0/UDP [2001:db8::10]:5060;branch=", via);
            Assert.Equal("[2001:db8::10]", Via.Parse(via).Host);
            Assert.StartsWith("<sip:486@[2001:db8::10]:5060;line=dp1>", Header(register, "Contact"));
            Assert.Equal(5060, NameAddr.Parse(Header(register, "Contact")).Uri.Port);
            // The REGISTER as a whole is a message this parser accepts.
            byte[] bytes = Encoding.UTF8.GetBytes(register);
            var m = new SipMessage();
            var p = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, p);
            Assert.Equal(ParseResult.Ok, p.Code);
            Assert.True(RequestCheck.Check(m, UaCapabilities.Phone(), new CheckResult()).Code == ParseResult.Ok);
        }
    }
}
