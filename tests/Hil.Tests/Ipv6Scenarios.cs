using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// The simulator on the IPv6 loopback (issue 16 item 7: "--bind ::1 crashes the simulator (exit 134)"): it starts,
    /// answers a MESSAGE sent over [::1] with 200 from its own [::1] port, fills in rport and received and shows the
    /// text on the bench screen. Debian's sipsak 0.9.8.1 cannot reach an IPv6 address ("'[' is unresolvable" for
    /// sip:486@[::1]:PORT), so the MESSAGE goes out of a UdpClient on ::1. Loopback only.
    /// </summary>
    public class Ipv6Scenarios
    {
        [Fact]
        public void MessageOverIpv6LoopbackIsAnswered200AndShown()
        {
            using PhoneUnderTest phone = PhoneUnderTest.Simulator("--bind ::1");
            Assert.Equal("::1", phone.SipHost);
            Assert.StartsWith("http://[::1]:", phone.BenchUrl);

            using var client = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            int clientPort = ((IPEndPoint)client.Client.LocalEndPoint).Port;
            const string text = "Hello over IPv6";
            string request =
                "MESSAGE sip:486@[::1]:" + phone.SipPort + " SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP [::1]:" + clientPort + ";branch=z9hG4bK" + Guid.NewGuid().ToString("N").Substring(0, 10) + ";rport\r\n" +
                "From: <sip:pbx@[::1]>;tag=v6\r\n" +
                "To: <sip:486@[::1]>\r\n" +
                "Call-ID: " + Guid.NewGuid().ToString("N") + "@[::1]\r\n" +
                "CSeq: 1 MESSAGE\r\n" +
                "Max-Forwards: 70\r\n" +
                "Content-Type: text/plain\r\n" +
                "Content-Length: " + Encoding.UTF8.GetByteCount(text) + "\r\n\r\n" + text;
            byte[] bytes = Encoding.UTF8.GetBytes(request);
            var phoneEnd = new IPEndPoint(IPAddress.IPv6Loopback, phone.SipPort);
            client.Client.ReceiveTimeout = 1000;

            string answer = null;
            IPEndPoint from = null;
            var clock = Stopwatch.StartNew();
            while (answer == null && clock.ElapsedMilliseconds < 15000)
            {
                client.Send(bytes, bytes.Length, phoneEnd);
                try
                {
                    while (true)
                    {
                        string a = Encoding.UTF8.GetString(client.Receive(ref from));
                        if (!a.StartsWith("SIP/2.0 1"))
                        {
                            answer = a;
                            break;
                        }
                    }
                }
                catch (SocketException)
                {
                }
            }

            Assert.NotNull(answer);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", answer);
            Assert.Equal(phoneEnd, from);
            // rport filled in, and received (RFC 3581 asks for it with rport) without brackets (RFC 5118 4.5).
            Assert.Contains("\r\nVia: SIP/2.0/UDP [::1]:" + clientPort + ";branch=", answer);
            Assert.Contains(";rport=" + clientPort + ";received=::1\r\n", answer);
            string screen = phone.WaitFor(phone.Screen, s => s.Contains(text));
            Assert.Contains("[message] " + text, screen);
        }
    }
}
