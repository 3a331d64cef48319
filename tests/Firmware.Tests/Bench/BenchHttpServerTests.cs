using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>The board's bench server driven over a real loopback socket, as curl or a browser would.</summary>
    public sealed class BenchHttpServerTests : IDisposable
    {
        private sealed class Screen : IScreenSource
        {
            public string GetScreenText() => "status: clock";
            public byte[] GetScreenPng() => null;
        }

        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        /// <summary>Builds the router as the board's BoardBench does, counting the builds; throws the heap's exception while <see cref="OutOfMemory"/>.</summary>
        private sealed class Source : IBenchRouterSource
        {
            public int Builds;
            public bool OutOfMemory;

            public Source(PhoneCore phone) => Phone = phone;

            public PhoneCore Phone { get; }

            public BenchRouter Build()
            {
                if (OutOfMemory)
                {
                    throw new OutOfMemoryException();
                }
                Builds++;
                return new BenchRouter(Phone, new Screen(), (code, action) => { }, null, null);
            }
        }

        /// <summary>A heap whose free bytes after a collection the test sets.</summary>
        private sealed class Heap : IFreeMemory
        {
            public int Free;
            public int FreeAfterCollection() => Free;
        }

        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        private readonly SettingsStore _settings = new SettingsStore();
        private readonly Heap _heap = new Heap { Free = 60000 };
        private readonly PhoneCore _phone;
        private readonly Source _source;
        private readonly BenchHttpServer _server;

        public BenchHttpServerTests()
        {
            _phone = new PhoneCore(_settings, null, new NoSubscriptions(), new HeapReserve(_heap), 1000);
            _source = new Source(_phone);
            _server = new BenchHttpServer(_source);
            _server.Start(IPAddress.Loopback, 0);
        }

        public void Dispose() => _server.Stop();

        private Socket Connect()
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.ReceiveTimeout = (int)Patience.TotalMilliseconds;
            s.Connect(IPAddress.Loopback, _server.LocalPort);
            return s;
        }

        private static void Send(Socket s, string text) => s.Send(Encoding.UTF8.GetBytes(text));

        /// <summary>Everything the server sends until it closes the connection.</summary>
        private static string ReadToClose(Socket s)
        {
            var all = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = s.Receive(buffer)) > 0)
            {
                all.Write(buffer, 0, n);
            }
            return Encoding.UTF8.GetString(all.ToArray());
        }

        private string Exchange(string request)
        {
            using Socket s = Connect();
            Send(s, request);
            return ReadToClose(s);
        }

        /// <summary>Reads from the stream until <paramref name="text"/> has arrived (within the patience); what came so far.</summary>
        private static string ReadUntil(Socket s, StringBuilder seen, string text)
        {
            var buffer = new byte[1024];
            var clock = Stopwatch.StartNew();
            while (!seen.ToString().Contains(text))
            {
                // The stream's keep-alive comments every 15 s would otherwise keep a missing event waited for forever.
                Assert.True(clock.Elapsed < Patience, "no \"" + text + "\" within " + Patience + ": " + seen);
                int n = s.Receive(buffer);
                Assert.True(n > 0, "the stream closed before \"" + text + "\" came: " + seen);
                seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            return seen.ToString();
        }

        private static string Body(string answer) => answer.Substring(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);

        [Fact]
        public void AGetIsAnsweredWithLengthAndTheConnectionClosed()
        {
            string answer = Exchange("GET /api/screen HTTP/1.1\r\nHost: phone\r\n\r\n");
            Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\n"
                + "Connection: close\r\n\r\nstatus: clock\n", answer);
        }

        /// <summary>The board serves the web interface at / (it has no bench page): the stored gzip bytes, said so in a header.</summary>
        [Fact]
        public void TheWebInterfaceLeavesTheBoardGzippedWithItsHeader()
        {
            using Socket s = Connect();
            Send(s, "GET / HTTP/1.1\r\nHost: phone\r\n\r\n");
            var all = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = s.Receive(buffer)) > 0)
            {
                all.Write(buffer, 0, n);
            }
            byte[] bytes = all.ToArray();
            int end = Encoding.ASCII.GetString(bytes).IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            string head = Encoding.ASCII.GetString(bytes, 0, end);
            Assert.StartsWith("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n", head);
            Assert.Contains("\r\nContent-Encoding: gzip\r\n", head);
            Assert.Contains("\r\nContent-Length: " + (bytes.Length - end) + "\r\n", head);
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes, end, bytes.Length - end), System.IO.Compression.CompressionMode.Decompress);
            Assert.StartsWith("<!DOCTYPE html>", new StreamReader(gzip).ReadToEnd());
        }

        [Fact]
        public void APostBodyInPiecesIsReadToItsLengthAndApplied()
        {
            using Socket s = Connect();
            Send(s, "POST /api/settings/user_realname?idx=1 HTTP/1.1\r\nContent-Le");
            Send(s, "ngth: 9\r\n\r\nDesk");
            System.Threading.Thread.Sleep(50);
            Send(s, " Five");
            string answer = ReadToClose(s);
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer);
            Assert.Equal("Desk Five", _settings.Get("user_realname", 1));
        }

        [Fact]
        public void AHeadThatDoesNotEndIn2048BytesGets431()
        {
            string answer = Exchange("GET /api/status HTTP/1.1\r\nX-Filler: " + new string('a', 3000) + "\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\n", answer);
            Assert.Equal("{\"error\":\"request line and headers larger than 2048 bytes\"}", Body(answer));
        }

        [Fact]
        public void AHeadThatNeverEndsGets408AfterFiveSeconds()
        {
            var clock = Stopwatch.StartNew();
            using Socket s = Connect();
            Send(s, "GET /api/status HTTP/1.1\r\nHost: ph");
            string answer = ReadToClose(s);
            Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", answer);
            Assert.Equal("{\"error\":\"request not complete within 5000 ms\"}", Body(answer));
            Assert.True(clock.ElapsedMilliseconds >= 4500, clock.ElapsedMilliseconds + " ms");
        }

        [Fact]
        public void MalformedRequestsGetTheParsersJson()
        {
            string answer = Exchange("GET /api/status HTTP/2.0\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n", answer);
            Assert.Equal("{\"error\":\"only HTTP/1.x\"}", Body(answer));
        }

        [Fact]
        public void BodiesAreReadOnlyAfterTheHeadersAreAdmitted()
        {
            // Open interface: a 9000-byte body is refused on its Content-Length (413) and never read, but the answer
            // still arrives whole; a chunked one gets 411.
            string tooLarge = Exchange("POST /api/settings/user_realname?idx=1 HTTP/1.1\r\nContent-Length: 9000\r\n\r\n"
                + new string('x', 9000));
            Assert.StartsWith("HTTP/1.1 413 Content Too Large\r\n", tooLarge);
            Assert.Equal("{\"error\":\"request body larger than 8192 bytes\"}", Body(tooLarge));
            string chunked = Exchange("POST /api/settings/user_realname?idx=1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nDesk\r\n0\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 411 Length Required\r\n", chunked);

            // Protected: 512 MB announced, nothing of it sent, answered 401 with a challenge all the same.
            _settings.Set("http_pass", 0, "s3cret");
            string denied = Exchange("POST /api/settings/user_realname?idx=1 HTTP/1.1\r\nContent-Length: 536870912\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 401 Unauthorized\r\n", denied);
            Assert.Contains("\r\nWWW-Authenticate: Digest realm=\"DeskPhone\"", denied);
            Assert.Equal("", _settings.Get("user_realname", 1));
        }

        [Fact]
        public void TheEventStreamStaysOpenForOneClientAndEndsWithACredentialsChange()
        {
            using Socket stream = Connect();
            Send(stream, "GET /api/events HTTP/1.1\r\nAccept: text/event-stream\r\n\r\n");
            var seen = new StringBuilder();
            ReadUntil(stream, seen, "event: hello\ndata: deskphone\n\n");
            Assert.StartsWith("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                + "Connection: close\r\n\r\nevent: hello\n", seen.ToString());

            string second = Exchange("GET /api/events HTTP/1.1\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", second);

            // Another connection changes the phone; the stream carries the event.
            Assert.StartsWith("HTTP/1.1 200 OK", Exchange("POST /api/settings/user_realname?idx=1 HTTP/1.1\r\nContent-Length: 4\r\n\r\nDesk"));
            ReadUntil(stream, seen, "event: settings\ndata: user_realname[1]\n\n");

            lock (_phone.Gate)
            {
                _settings.Set("http_pass", 0, "s3cret");
            }
            ReadToClose(stream);
            Assert.StartsWith("HTTP/1.1 401 Unauthorized\r\n", Exchange("GET /api/events HTTP/1.1\r\n\r\n"));
        }

        /// <summary>
        /// The router (its auth, routes and delegates) is built by the first request, not at start, and kept: the
        /// back-off and the nonces of one build must hold for the next request (issue #17, h-benchlazy).
        /// </summary>
        [Fact]
        public void TheRouterIsBuiltByTheFirstRequestAndKept()
        {
            Assert.Equal(0, _source.Builds);
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", Exchange("GET /api/screen HTTP/1.1\r\n\r\n"));
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", Exchange("GET /api/leds HTTP/1.1\r\n\r\n"));
            Assert.Equal(1, _source.Builds);
        }

        /// <summary>Without room for the router the request gets 503 in JSON with Retry-After; the next one with room is served.</summary>
        [Fact]
        public void NoRoomForTheRouterGets503UntilThereIs()
        {
            _heap.Free = HttpServerRoom - 1;
            string refused = Exchange("GET /api/screen HTTP/1.1\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n", refused);
            Assert.Contains("\r\nRetry-After: 10\r\n", refused);
            Assert.Equal("{\"error\":\"the phone's memory has no room for the HTTP interface now; try again later\"}", Body(refused));
            Assert.Equal(0, _source.Builds);

            _heap.Free = HttpServerRoom;
            _source.OutOfMemory = true;
            Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", Exchange("GET /api/screen HTTP/1.1\r\n\r\n"));

            _source.OutOfMemory = false;
            Assert.Equal("status: clock\n", Body(Exchange("GET /api/screen HTTP/1.1\r\n\r\n")));
            Assert.Equal(1, _source.Builds);
        }

        private const int HttpServerRoom = BenchHttpServer.BuildBytes;

        /// <summary>The wrong-password back-off holds from one request to the next: the router built by the first is kept.</summary>
        [Fact]
        public void TheBackOffHoldsAcrossRequests()
        {
            _settings.Set("http_pass", 0, "s3cret");
            string basic = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":wrong")) + "\r\n";
            _settings.Set("http_basic_auth", 0, "true");
            Assert.StartsWith("HTTP/1.1 401 Unauthorized\r\n", Exchange("GET /api/screen HTTP/1.1\r\n" + basic + "\r\n"));
            Assert.StartsWith("HTTP/1.1 429 Too Many Requests\r\n", Exchange("GET /api/screen HTTP/1.1\r\n" + basic + "\r\n"));
            Assert.Equal(1, _source.Builds);
        }
    }
}
