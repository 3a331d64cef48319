using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using DeskPhone.Domain.Settings;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;
using DeskPhone.Sip.Transport;
using Xunit;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The phone built by <see cref="PhoneApp"/> with a real TCP transport and an identity whose user_outbound says
    /// ;transport=tcp (issue #18), against a registrar on a loopback listener: it registers over a connection of its
    /// own, and when the registrar drops that connection it registers again on a new one (as after a network loss).
    /// </summary>
    public class OwnTcpRegistrationTests : IDisposable
    {
        private const int DeadlineMs = 20000;
        private readonly TcpListener _registrar = new TcpListener(IPAddress.Loopback, 0);
        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly TcpTransport _tcp;
        private readonly SipChannel _udp;
        private readonly PhoneApp _app;
        private readonly Thread _loop;
        private volatile bool _running = true;

        public OwnTcpRegistrationTests()
        {
            _registrar.Start();
            int port = ((IPEndPoint)_registrar.LocalEndpoint).Port;
            var settings = new SettingsStore();
            settings.Set("user_active", 1, "on");
            settings.Set("user_name", 1, "100");
            settings.Set("user_host", 1, "127.0.0.1");
            settings.Set("user_outbound", 1, "sip:127.0.0.1:" + port + ";transport=tcp");
            _udp = new SipChannel(_inbox);
            _tcp = new TcpTransport(_inbox);
            _tcp.Start("127.0.0.1", 0);
            _app = new PhoneApp(new PhoneParts(settings, _inbox, _udp) { LocalHost = "127.0.0.1", Tcp = _tcp });
            var clock = Stopwatch.StartNew();
            _loop = new Thread(() =>
            {
                while (_running)
                {
                    _app.Poll(clock.ElapsedMilliseconds);
                    Thread.Sleep(2);
                }
            }) { IsBackground = true };
            _loop.Start();
        }

        public void Dispose()
        {
            _running = false;
            _loop.Join(5000);
            _tcp.Stop();
            _registrar.Stop();
        }

        /// <summary>Reads requests from the connection until a REGISTER (headers only: it has no body) and returns it.</summary>
        private static string NextRegister(Socket s)
        {
            var text = new StringBuilder();
            var buffer = new byte[4096];
            s.ReceiveTimeout = DeadlineMs;
            while (true)
            {
                string t = text.ToString();
                int start = t.IndexOf("REGISTER sip:", StringComparison.Ordinal);
                int end = start < 0 ? -1 : t.IndexOf("\r\n\r\n", start, StringComparison.Ordinal);
                if (end > 0)
                {
                    return t.Substring(start, end + 4 - start);
                }
                int n = s.Receive(buffer);
                Assert.True(n > 0, "the connection closed before a REGISTER came: " + t);
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }

        private static string Header(string message, string name) =>
            Regex.Match(message, "\r\n" + name + ": ([^\r]*)").Groups[1].Value;

        private static void Ok(Socket s, string register)
        {
            string ok = "SIP/2.0 200 OK\r\nVia: " + Header(register, "Via") + "\r\nFrom: " + Header(register, "From") +
                        "\r\nTo: " + Header(register, "To") + ";tag=r\r\nCall-ID: " + Header(register, "Call-ID") +
                        "\r\nCSeq: " + Header(register, "CSeq") + "\r\nContact: " + Header(register, "Contact") +
                        ";expires=600\r\nContent-Length: 0\r\n\r\n";
            s.Send(Encoding.ASCII.GetBytes(ok));
        }

        private static bool Until(Func<bool> done)
        {
            var watch = Stopwatch.StartNew();
            while (!done() && watch.ElapsedMilliseconds < DeadlineMs)
            {
                Thread.Sleep(5);
            }
            return done();
        }

        [Theory]
        [InlineData("sip:pbx.example.com:5060;transport=tcp", "pbx.example.com", true)]
        [InlineData("sip:10.0.0.1;Transport=TCP", "", true)]
        [InlineData("", "sip:10.0.0.1;transport=tcp", true)]
        [InlineData("10.0.0.1:5060", "sip:10.0.0.1;transport=tcp", false)]
        [InlineData("sip:10.0.0.1;transport=udp", "", false)]
        [InlineData("", "10.0.0.1", false)]
        [InlineData(null, null, false)]
        public void TheFirstHopsTransportParameterChoosesTcp(string outbound, string registrar, bool tcp) =>
            Assert.Equal(tcp, OwnConnections.OverTcp(outbound, registrar));

        [Fact]
        public void RegistersOverItsOwnConnectionAndAgainOnANewOneWhenItIsLost()
        {
            using (Socket first = _registrar.AcceptSocket())
            {
                string register = NextRegister(first);
                Assert.StartsWith("Via: SIP/2.0/TCP 127.0.0.1:" + _tcp.LocalPort + ";branch=", register.Substring(register.IndexOf("Via: ")));
                Assert.Equal("<sip:100@127.0.0.1:" + _tcp.LocalPort + ";line=dp1;transport=tcp>", Header(register, "Contact"));
                Ok(first, register);
                Assert.True(Until(() => _app.Core.IsRegistered(1)));
                first.Shutdown(SocketShutdown.Both);
            }
            using Socket second = _registrar.AcceptSocket();
            string again = NextRegister(second);
            Assert.Equal("2 REGISTER", Header(again, "CSeq"));
            Ok(second, again);
            Assert.True(Until(() => _app.Core.IsRegistered(1)));
            Assert.DoesNotContain(_udp.Sent, m => m.StartsWith("REGISTER"));
        }
    }
}
