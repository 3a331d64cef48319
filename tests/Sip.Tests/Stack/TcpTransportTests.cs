using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// SIP over TCP on real loopback sockets (issue 16, item 4): idle timeout and CRLF keep-alive, shedding when every
    /// connection is taken, backpressure instead of drops, framing errors answered before closing. Every wait polls
    /// with a generous deadline, so a loaded machine makes the tests slower, not flaky.
    /// </summary>
    public class TcpTransportTests
    {
        private const int DeadlineMs = 20000;

        /// <summary>The transport, the user agent and a loop thread that polls it, as the phone runs them.</summary>
        private sealed class Phone : IDisposable
        {
            public readonly SipInbox Inbox;
            public readonly TcpTransport Tcp;
            public readonly RecordingHandler Handler = new RecordingHandler();
            private readonly SipUserAgent _ua;
            private readonly Thread _loop;
            private volatile bool _running = true;

            public Phone(int slots = 4, int packetBytes = 4096, int idleTimeoutMs = TcpTransport.DefaultIdleTimeoutMs, int connections = 0)
            {
                Inbox = new SipInbox(slots, packetBytes);
                Tcp = connections == 0 ? new TcpTransport(Inbox) : new TcpTransport(Inbox, connections);
                Tcp.IdleTimeoutMs = idleTimeoutMs;
                _ua = new SipUserAgent(Inbox).Route(Handler, filterRegistrar: false);
                _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486" });
                Tcp.Start("127.0.0.1", 0);
                _loop = new Thread(() =>
                {
                    while (_running)
                    {
                        _ua.Poll(0);
                        Thread.Sleep(1);
                    }
                }) { IsBackground = true };
                _loop.Start();
            }

            public Socket Connect()
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                s.Connect(new IPEndPoint(IPAddress.Loopback, Tcp.LocalPort));
                return s;
            }

            public void Dispose()
            {
                _running = false;
                _loop.Join(5000);
                Tcp.Stop();
            }
        }

        private static string Message(string id, string body = "hi", string contentLength = null, string extra = "") =>
            "MESSAGE sip:486@127.0.0.1;line=dp1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK" + id + "\r\n" +
            "From: <sip:pbx@127.0.0.1>;tag=f\r\nTo: <sip:486@127.0.0.1>\r\nCall-ID: " + id + "\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n" +
            extra + "Content-Type: text/plain\r\n" + (contentLength == "" ? "" : "Content-Length: " + (contentLength ?? body.Length.ToString()) + "\r\n") +
            "\r\n" + body;

        private static void Write(Socket s, string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            int sent = 0;
            while (sent < bytes.Length)
            {
                sent += s.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
            }
        }

        /// <summary>What a connection reads: the text, and whether the phone closed it (end of stream or reset).</summary>
        private sealed class Reader
        {
            private readonly Socket _socket;
            private readonly StringBuilder _text = new StringBuilder();

            public Reader(Socket socket)
            {
                _socket = socket;
            }

            public bool Closed { get; private set; }
            public string Text => _text.ToString();

            public string[] Statuses()
            {
                MatchCollection m = Regex.Matches(Text, @"SIP/2\.0 (\d{3}) ");
                var statuses = new string[m.Count];
                for (int i = 0; i < m.Count; i++)
                {
                    statuses[i] = m[i].Groups[1].Value;
                }
                return statuses;
            }

            /// <summary>Reads what is there within <paramref name="waitMs"/>.</summary>
            public void Pump(int waitMs)
            {
                var buffer = new byte[65536];
                try
                {
                    while (!Closed && _socket.Poll(waitMs * 1000, SelectMode.SelectRead))
                    {
                        int n = _socket.Receive(buffer);
                        if (n <= 0)
                        {
                            Closed = true;
                            break;
                        }
                        _text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        waitMs = 0;
                    }
                }
                catch (SocketException)
                {
                    Closed = true;
                }
            }

            /// <summary>Reads until <paramref name="done"/> holds or the deadline passes; returns whether it held.</summary>
            public bool Until(Func<Reader, bool> done, int deadlineMs = DeadlineMs)
            {
                var watch = Stopwatch.StartNew();
                while (!done(this) && watch.ElapsedMilliseconds < deadlineMs)
                {
                    if (Closed)
                    {
                        return done(this);
                    }
                    Pump(50);
                }
                return done(this);
            }
        }

        [Fact]
        public void IdleAndTricklingConnectionsAreClosedWhileKeepAlivesKeepAnotherOpen()
        {
            // The timeout is 15 pings long, so a test thread stalled for a second on a loaded machine does not miss one.
            const int timeoutMs = 1500;
            using var phone = new Phone(idleTimeoutMs: timeoutMs);
            using Socket idle = phone.Connect();
            using Socket alive = phone.Connect();
            using Socket trickle = phone.Connect();
            var trickleReader = new Reader(trickle);
            string partial = Message("slow");
            var idleReader = new Reader(idle);
            var aliveReader = new Reader(alive);
            var watch = Stopwatch.StartNew();
            int pings = 0;
            // Pings every 100 ms, well inside the timeout, for at least three timeouts and until the idle one is gone.
            while ((watch.ElapsedMilliseconds < 3 * timeoutMs || !idleReader.Closed || !trickleReader.Closed) && watch.ElapsedMilliseconds < DeadlineMs)
            {
                Write(alive, "\r\n\r\n");
                pings++;
                if (!trickleReader.Closed && pings < partial.Length)
                {
                    // One byte of a message every 100 ms: traffic, but never a message.
                    try
                    {
                        Write(trickle, partial.Substring(pings - 1, 1));
                    }
                    catch (SocketException)
                    {
                    }
                }
                trickleReader.Pump(0);
                idleReader.Pump(100);
                aliveReader.Pump(0);
            }
            Assert.True(idleReader.Closed, "the idle connection was not closed");
            Assert.Equal("", idleReader.Text);
            Assert.True(trickleReader.Closed, "the connection trickling a message was not closed");
            // RFC 5626 3.5.1: every CRLFCRLF ping is answered with one CRLF pong.
            Assert.True(aliveReader.Until(r => r.Text.Length >= 2 * pings), "pongs: " + aliveReader.Text.Length / 2 + " of " + pings);
            Assert.Equal(string.Concat(System.Linq.Enumerable.Repeat("\r\n", pings)), aliveReader.Text);
            Assert.False(aliveReader.Closed);

            Write(alive, Message("ka1"));
            Assert.True(aliveReader.Until(r => r.Statuses().Length == 1));
            Assert.Equal(new[] { "200" }, aliveReader.Statuses());
            Assert.True(phone.Tcp.IdleClosed >= 1);
        }

        private static object ParsedMessage(TcpTransport tcp) =>
            typeof(TcpTransport).GetField("_message", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).GetValue(tcp);

        [Fact]
        public void TheSharedParsedMessageExistsOnlyWhileAConnectionIsOpen()
        {
            // docs/sip-stack.md, "SIP transport limits": made by the first bytes to frame, let go once no connection is open.
            using var phone = new Phone();
            Assert.Null(ParsedMessage(phone.Tcp));
            for (int round = 1; round <= 2; round++)
            {
                using (Socket s = phone.Connect())
                {
                    var reader = new Reader(s);
                    Write(s, Message("let" + round));
                    Assert.True(reader.Until(r => r.Statuses().Length == 1), "no answer in round " + round);
                    Assert.Equal(new[] { "200" }, reader.Statuses());
                    Assert.NotNull(ParsedMessage(phone.Tcp));
                }
                var watch = Stopwatch.StartNew();
                while ((phone.Tcp.OpenConnections > 0 || ParsedMessage(phone.Tcp) != null) && watch.ElapsedMilliseconds < DeadlineMs)
                {
                    Thread.Sleep(10);
                }
                Assert.Equal(0, phone.Tcp.OpenConnections);
                Assert.Null(ParsedMessage(phone.Tcp));
            }
        }

        [Fact]
        public void AConnectionTheHeapHasNoRoomForIsClosedAtOnceAndALaterOneTakenOn()
        {
            using var phone = new Phone();
            var room = new TransactionLoadTests.Room();
            phone.Tcp.Room = room;
            using (Socket s = phone.Connect())
            {
                var reader = new Reader(s);
                Assert.True(reader.Until(r => r.Closed), "the refused connection was not closed");
                Assert.Empty(reader.Statuses());
            }
            // Asked with its buffers' bytes (two packets), before any was made.
            Assert.Equal(2 * 4096, room.Asked);
            Assert.Equal(0, phone.Tcp.OpenConnections);

            room.Has = true;
            using (Socket s = phone.Connect())
            {
                var reader = new Reader(s);
                Write(s, Message("room"));
                Assert.True(reader.Until(r => r.Statuses().Length == 1), "the connection taken on got no answer");
                Assert.Equal(new[] { "200" }, reader.Statuses());
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(2)]
        public void WhenEveryConnectionIsTakenANewOneShedsTheOneIdleTheLongest(int connections)
        {
            // 0: the default capacity (TcpTransport.MaxConnections); 2: a board that holds two (DeviceSizing).
            using var phone = new Phone(connections: connections);
            int capacity = connections == 0 ? TcpTransport.MaxConnections : connections;
            Assert.Equal(capacity, phone.Tcp.Capacity);
            var sockets = new Socket[capacity + 1];
            var readers = new Reader[sockets.Length];
            try
            {
                for (int i = 0; i < capacity; i++)
                {
                    sockets[i] = phone.Connect();
                    readers[i] = new Reader(sockets[i]);
                }
                // All but the first are in use: the first is the one idle the longest.
                for (int i = 1; i < capacity; i++)
                {
                    Write(sockets[i], Message("use" + i));
                    Assert.True(readers[i].Until(r => r.Statuses().Length == 1), "connection " + i + " got no answer");
                }
                Assert.Equal(capacity, phone.Tcp.OpenConnections);

                int last = capacity;
                sockets[last] = phone.Connect();
                readers[last] = new Reader(sockets[last]);
                Write(sockets[last], Message("newest"));
                Assert.True(readers[last].Until(r => r.Statuses().Length == 1), "the new connection got no answer");
                Assert.Equal(new[] { "200" }, readers[last].Statuses());

                Assert.True(readers[0].Until(r => r.Closed), "the connection idle the longest was not shed");
                Assert.Equal(1, phone.Tcp.Shed);
                Write(sockets[1], Message("still1"));
                Assert.True(readers[1].Until(r => r.Statuses().Length == 2));
                Assert.False(readers[1].Closed);
            }
            finally
            {
                foreach (Socket s in sockets)
                {
                    s?.Dispose();
                }
            }
        }

        [Fact]
        public void PipelinedRequestsBeyondTheInboxWaitInsteadOfBeingDropped()
        {
            using var phone = new Phone(slots: 4);
            using Socket s = phone.Connect();
            var reader = new Reader(s);
            var all = new StringBuilder();
            for (int i = 0; i < 50; i++)
            {
                all.Append(Message("p" + i, "text " + i));
            }
            Write(s, all.ToString());

            Assert.True(reader.Until(r => r.Statuses().Length >= 50), "answers: " + reader.Statuses().Length + " of 50");
            Assert.All(reader.Statuses(), status => Assert.Equal("200", status));
            Assert.Equal(50, reader.Statuses().Length);
            Assert.Equal(0, phone.Inbox.Dropped);
            // In order, each once.
            lock (phone.Handler.Calls)
            {
                Assert.Equal(50, phone.Handler.Calls.Count);
                for (int i = 0; i < 50; i++)
                {
                    Assert.Equal("message 1 text " + i, phone.Handler.Calls[i]);
                }
            }
        }

        [Theory]
        [InlineData("", "400")]
        [InlineData("100000", "413")]
        [InlineData("12x", "400")]
        public void AStreamWhoseFramingIsLostIsAnsweredThenClosed(string contentLength, string status)
        {
            using var phone = new Phone();
            using Socket s = phone.Connect();
            var reader = new Reader(s);
            Write(s, Message("ok1") + Message("bad", "some body", contentLength));

            Assert.True(reader.Until(r => r.Closed), "the connection was not closed");
            Assert.Equal(new[] { "200", status }, reader.Statuses());
            Assert.Contains("Call-ID: bad\r\n", reader.Text);
            Assert.Equal(1, phone.Tcp.FramingErrors);
        }

        [Fact]
        public void AHeaderLineLongerThanTheBufferIs513ThenClosed()
        {
            using var phone = new Phone(packetBytes: 2048);
            using Socket s = phone.Connect();
            var reader = new Reader(s);
            Write(s, Message("ok1") + "MESSAGE sip:486@127.0.0.1;line=dp1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKlong\r\n" +
                     "Call-ID: long\r\nCSeq: 1 MESSAGE\r\nSubject: " + new string('s', 10000));

            Assert.True(reader.Until(r => r.Closed), "the connection was not closed");
            Assert.Equal(new[] { "200", "513" }, reader.Statuses());
            Assert.Contains("Call-ID: long\r\n", reader.Text);
        }

        [Fact]
        public void AMessageLargerThanAPacketIs513AndTheStreamGoesOn()
        {
            using var phone = new Phone(packetBytes: 4096);
            using Socket s = phone.Connect();
            var reader = new Reader(s);
            string big = Message("big", new string('x', 3000), null, "Subject: " + new string('s', 1500) + "\r\n");
            Assert.True(big.Length > 4096);
            Write(s, big + Message("after"));

            Assert.True(reader.Until(r => r.Statuses().Length >= 2), "answers: " + reader.Text);
            Assert.Equal(new[] { "513", "200" }, reader.Statuses());
            Assert.False(reader.Closed);
            lock (phone.Handler.Calls)
            {
                Assert.Equal(new[] { "message 1 hi" }, phone.Handler.Calls);
            }
        }
    }
}
