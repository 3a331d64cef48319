using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DeskPhone.Sip.Transport;
using Xunit;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// The connections <see cref="TcpTransport"/> opens itself (issue #18), on real loopback sockets: a request without a
    /// connection opens one (on the transport's thread) and the next reuses it, answers and requests come back on it,
    /// it is kept with CRLFCRLF, and its loss (or a connect that fails) is told. Generous deadlines: a loaded machine
    /// makes them slower, not flaky.
    /// </summary>
    public class OwnTcpConnectionTests : IDisposable
    {
        private const int DeadlineMs = 20000;
        private readonly SipInbox _inbox = new SipInbox(4, 4096);
        private readonly TcpTransport _tcp;
        private readonly TcpListener _pbx = new TcpListener(IPAddress.Loopback, 0);
        private readonly ConcurrentQueue<string> _lost = new ConcurrentQueue<string>();

        public OwnTcpConnectionTests()
        {
            _tcp = new TcpTransport(_inbox);
            _tcp.Lost = (host, port, established) => _lost.Enqueue(host + ":" + port + (established ? " up" : " failed"));
            _tcp.Start("127.0.0.1", 0);
            _pbx.Start();
        }

        private int PbxPort => ((IPEndPoint)_pbx.LocalEndpoint).Port;

        public void Dispose()
        {
            _tcp.Stop();
            _pbx.Stop();
        }

        private bool Send(string text) => _tcp.Send(Encoding.ASCII.GetBytes(text), text.Length, "127.0.0.1", PbxPort, null);

        private static string Read(Socket s, int bytes)
        {
            var buffer = new byte[bytes];
            int got = 0;
            s.ReceiveTimeout = DeadlineMs;
            while (got < bytes)
            {
                int n = s.Receive(buffer, got, bytes - got, SocketFlags.None);
                if (n <= 0)
                {
                    break;
                }
                got += n;
            }
            return Encoding.ASCII.GetString(buffer, 0, got);
        }

        /// <summary>The phone closed the connection: end of stream, or a reset.</summary>
        private static bool ClosedByPhone(Socket s)
        {
            try
            {
                return Read(s, 1) == "";
            }
            catch (SocketException)
            {
                return true;
            }
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

        [Fact]
        public void ARequestOpensOneConnectionTheNextReusesAndTheAnswerComesBackOnIt()
        {
            const string register = "REGISTER sip:127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
            Assert.True(Send(register));
            Assert.True(Send(register));
            using Socket pbx = _pbx.AcceptSocket();
            Assert.Equal(register + register, Read(pbx, register.Length * 2));
            Assert.Equal(1, _tcp.OpenConnections);

            const string ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\n" +
                              "Call-ID: c\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
            pbx.Send(Encoding.ASCII.GetBytes(ok));
            SipPacket packet = null;
            Assert.True(Until(() => packet != null || (packet = _inbox.Take()) != null));
            Assert.Equal(ok, Encoding.ASCII.GetString(packet.Data, 0, packet.Length));
            Assert.Same(_tcp, packet.Transport);
            Assert.NotNull(packet.Connection);
            _inbox.Return(packet);
            Assert.False(_pbx.Pending());

            pbx.Shutdown(SocketShutdown.Both);
            pbx.Close();
            Assert.True(Until(() => !_lost.IsEmpty));
            Assert.Equal(new[] { "127.0.0.1:" + PbxPort + " up" }, _lost.ToArray());
            Assert.Equal(0, _tcp.OpenConnections);
        }

        [Fact]
        public void CloseOwnClosesThePhonesConnectionsAndTellsTheirLoss()
        {
            Assert.True(Send("OPTIONS sip:x SIP/2.0\r\n\r\n"));
            using Socket pbx = _pbx.AcceptSocket();
            Assert.Equal("OPTIONS sip:x SIP/2.0\r\n\r\n", Read(pbx, 25));
            _tcp.CloseOwn();
            Assert.Equal(new[] { "127.0.0.1:" + PbxPort + " up" }, _lost.ToArray());
            Assert.Equal(0, _tcp.OpenConnections);
            Assert.True(ClosedByPhone(pbx));

            // The next request opens a new one.
            Assert.True(Send("OPTIONS sip:y SIP/2.0\r\n\r\n"));
            using Socket again = _pbx.AcceptSocket();
            Assert.Equal("OPTIONS sip:y SIP/2.0\r\n\r\n", Read(again, 25));
        }

        [Fact]
        public void AConnectThatFailsIsToldAsNotEstablished()
        {
            int closed = PbxPort;
            _pbx.Stop();
            Assert.True(_tcp.Send(Encoding.ASCII.GetBytes("OPTIONS sip:x SIP/2.0\r\n\r\n"), 25, "127.0.0.1", closed, null));
            Assert.True(Until(() => !_lost.IsEmpty));
            Assert.Equal(new[] { "127.0.0.1:" + closed + " failed" }, _lost.ToArray());
        }

        [Fact]
        public void TheOwnConnectionIsKeptWithCrlfKeepAlivesWhileThePeerAnswersThem()
        {
            _tcp.IdleTimeoutMs = 600;
            Assert.True(Send("OPTIONS sip:x SIP/2.0\r\n\r\n"));
            using Socket pbx = _pbx.AcceptSocket();
            Assert.Equal("OPTIONS sip:x SIP/2.0\r\n\r\n", Read(pbx, 25));
            // Half the idle timeout later a ping; answered with a pong, the connection outlives the idle timeout.
            Assert.Equal("\r\n\r\n", Read(pbx, 4));
            pbx.Send(Encoding.ASCII.GetBytes("\r\n"));
            Assert.Equal("\r\n\r\n", Read(pbx, 4));
            Assert.Equal(1, _tcp.OpenConnections);
            Assert.True(_lost.IsEmpty);

            // No pong: the connection closes as idle, and its loss is told.
            Assert.True(Until(() => !_lost.IsEmpty));
            Assert.Equal(new[] { "127.0.0.1:" + PbxPort + " up" }, _lost.ToArray());
            Assert.Equal(1, _tcp.IdleClosed);
        }
    }
}
