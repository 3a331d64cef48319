using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The board's bench interface: a minimal HTTP/1.1 server on a TCP socket in front of the portable router, instead
    /// of nanoFramework's HttpListener (System.Net.Http cost the board about 10.5 KB of heap for its tables alone).
    /// One request at a time on one accept thread, each connection closed after its answer:
    /// <list type="number">
    /// <item>the head (request line and headers) is read into one buffer of <see cref="BenchHttpServer.MaxHeadBytes"/>:
    /// 431 when it does not end there, 408 when it is not complete within <see cref="RequestTimeoutMs"/>, 400/505 when
    /// the parser refuses it;</item>
    /// <item><see cref="BenchRouter.Admit"/> decides on the headers (Digest, back-off, the 8 KB body cap: 401, 429, 413)
    /// before a byte of the body is read (docs/security.md); a body without Content-Length gets 411;</item>
    /// <item>an admitted body is read (within the same deadline) and <see cref="BenchRouter.Handle(BenchRequest)"/>
    /// answers; GET /api/events is handed to <see cref="BenchEventStream"/>, which keeps the socket open on its own
    /// thread.</item>
    /// </list>
    /// The router (with its auth) is built by the first request that reaches admission, the event stream by the first
    /// GET /api/events (<see cref="IBenchRouterSource"/>): until then the phone holds only this server and its accept
    /// thread. When the heap cannot hold them then, the request gets 503 with Retry-After and is tried again by the next.
    /// Portable (System.Net.Sockets exists on both runtimes), so the host tests drive it over loopback.
    /// </summary>
    public sealed partial class BenchHttpServer
    {
        /// <summary>The time a client has to send its whole request (head and body) after connecting.</summary>
        public const int RequestTimeoutMs = 5000;

        /// <summary>The longest a refused request's unread body is drained, so the answer is not lost to a reset.</summary>
        private const int DrainMs = 1000;

        private const int PollSliceMs = 250;

        /// <summary>
        /// The free heap (after a collection, when the phone has a heap to ask) the router is built with: its objects
        /// (about 450 B: docs/benchmarks.md, h-benchlazy) and the first answer's texts, without leaving the phone none.
        /// </summary>
        public const int BuildBytes = 2048;

        /// <summary>Seconds a client told there is no room yet (503) waits before it asks again.</summary>
        private const string RetryAfterSeconds = "10";

        // The phone is the source's (no field of its own here: each is 12 B of the board's heap for the phone's life).
        private readonly IBenchRouterSource _source;
        private BenchRouter _router;
        private BenchEventStream _events;
        // Null once stopped (no flag beside it).
        private Socket _listener;

        public BenchHttpServer(IBenchRouterSource source)
        {
            _source = source;
        }

        /// <summary>The port listened on (the one picked when started on port 0).</summary>
        public int LocalPort => ((IPEndPoint)_listener.LocalEndPoint).Port;

        public void Start(IPAddress address, int port)
        {
            var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(address, port));
            listener.Listen(2);
            _listener = listener;
            new Thread(Accept).Start();
        }

        public void Stop()
        {
            Socket listener = _listener;
            _listener = null;
            Close(listener);
        }

        private void Accept()
        {
            while (true)
            {
                Socket listener = _listener;
                if (listener == null)
                {
                    return;
                }
                Socket client;
                try
                {
                    client = listener.Accept();
                }
                catch (Exception)
                {
                    continue;
                }
                bool handedOver = false;
                try
                {
                    handedOver = Serve(client);
                }
                catch (Exception)
                {
                    // A client that went away mid-request or mid-answer: nothing to tell it.
                }
                if (!handedOver)
                {
                    Close(client);
                }
            }
        }

        /// <summary>Reads, admits and answers one request; true when the event stream took the socket over.</summary>
        private bool Serve(Socket client)
        {
            long deadline = NowTicks() + RequestTimeoutMs * TimeSpan.TicksPerMillisecond;
            byte[] head = new byte[BenchHttpServer.MaxHeadBytes];
            int filled = 0;
            int headLength = -1;
            int searched = 0;
            while (headLength < 0)
            {
                if (filled == head.Length)
                {
                    Refuse(client, BenchResponse.Error(431, "request line and headers larger than "
                        + BenchHttpServer.MaxHeadBytes.ToString() + " bytes"), true);
                    return false;
                }
                int n = ReceiveBefore(client, head, filled, head.Length - filled, deadline);
                if (n == 0)
                {
                    Refuse(client, BenchResponse.Error(408, "request not complete within "
                        + RequestTimeoutMs.ToString() + " ms"), false);
                    return false;
                }
                if (n < 0)
                {
                    return false;
                }
                searched = filled;
                filled += n;
                headLength = BenchHttpServer.HeadLength(head, searched, filled);
            }

            BenchResponse answer;
            BenchRequest request = BenchHttpServer.Parse(head, headLength, ClientAddress(client), out answer);
            if (request == null)
            {
                Refuse(client, answer, true);
                return false;
            }
            lock (_source.Phone.Gate)
            {
                answer = Admit(request);
            }
            if (answer != null)
            {
                // Refused on the headers: the body is never read.
                Refuse(client, answer, request.ContentLength != 0);
                return false;
            }
            if (request.Path == "/api/events" && request.Method == "GET")
            {
                BenchEventStream events;
                lock (_source.Phone.Gate)
                {
                    events = Events();
                }
                if (events == null)
                {
                    Refuse(client, NoRoom("the event stream"), false);
                    return false;
                }
                if (events.TryServe(client, request.AdmittedEpoch))
                {
                    return true;
                }
                Refuse(client, BenchResponse.Error(503, "another client holds the event stream (one at a time on a board)"), false);
                return false;
            }
            if (request.ContentLength < 0)
            {
                // A chunked body has no length to check first; the board reads only bodies it can size up front.
                Refuse(client, BenchResponse.Error(411, "give the body a Content-Length (at most "
                    + BenchRouter.MaxBodyBytes.ToString() + " bytes)"), true);
                return false;
            }
            if (request.ContentLength > 0)
            {
                byte[] body = new byte[(int)request.ContentLength];
                int read = filled - headLength;
                if (read > body.Length)
                {
                    read = body.Length;
                }
                Array.Copy(head, headLength, body, 0, read);
                head = null;
                while (read < body.Length)
                {
                    int n = ReceiveBefore(client, body, read, body.Length - read, deadline);
                    if (n == 0)
                    {
                        Refuse(client, BenchResponse.Error(408, "body not complete within " + RequestTimeoutMs.ToString() + " ms"), false);
                        return false;
                    }
                    if (n < 0)
                    {
                        return false;
                    }
                    read += n;
                }
                request.Body = body;
            }
            lock (_source.Phone.Gate)
            {
                answer = _router.Handle(request);
            }
            Answer(client, answer);
            return false;
        }

        /// <summary>The router's decision on the headers, the router built first if this is the first request (503 when it cannot be).</summary>
        private BenchResponse Admit(BenchRequest request)
        {
            if (_router == null)
            {
                HeapReserve reserve = _source.Phone.Reserve;
                if (reserve != null && reserve.Measure() < BuildBytes)
                {
                    return NoRoom("the HTTP interface");
                }
                try
                {
                    _router = _source.Build();
                }
                catch (OutOfMemoryException)
                {
                    // Rare after the measurement (the loop waits on the gate meanwhile). What was built of the router is garbage
                    // again, except an auth whose settings handler was already added: it stays, counting credential changes.
                    return NoRoom("the HTTP interface");
                }
            }
            return _router.Admit(request);
        }

        /// <summary>The event stream, made and fed from the first GET /api/events on; null when the heap cannot hold it.</summary>
        private BenchEventStream Events()
        {
            if (_events == null)
            {
                try
                {
                    _events = new BenchEventStream(_source.Phone, _router.Auth);
                }
                catch (OutOfMemoryException)
                {
                    return null;
                }
            }
            return _events;
        }

        private static BenchResponse NoRoom(string what)
        {
            BenchResponse refused = BenchResponse.Error(503, "the phone's memory has no room for " + what + " now; try again later");
            refused.ExtraHeaderName = "Retry-After";
            refused.ExtraHeaderValue = RetryAfterSeconds;
            return refused;
        }

        /// <summary>Bytes received into buffer before the deadline: the count, 0 when the deadline passed, -1 when the client closed.</summary>
        private static int ReceiveBefore(Socket client, byte[] buffer, int offset, int count, long deadline)
        {
            while (true)
            {
                long left = (deadline - NowTicks()) / TimeSpan.TicksPerMillisecond;
                if (left <= 0)
                {
                    return 0;
                }
                int slice = left < PollSliceMs ? (int)left : PollSliceMs;
                if (client.Poll(slice * 1000, SelectMode.SelectRead))
                {
                    int n = client.Receive(buffer, offset, count, SocketFlags.None);
                    return n > 0 ? n : -1;
                }
            }
        }

        private static void Answer(Socket client, BenchResponse answer)
        {
            SendAll(client, BenchHttpServer.Head(answer));
            SendAll(client, answer.Body);
        }

        /// <summary>
        /// Answers a request that is not handled. When the client may still be sending (<paramref name="unread"/>: a
        /// body or bytes the parser did not take), what it sends is taken for up to <see cref="DrainMs"/> before the
        /// socket is closed: closing with unread bytes resets the connection, and a reset can make the client drop
        /// the answer before it reads it.
        /// </summary>
        private static void Refuse(Socket client, BenchResponse answer, bool unread)
        {
            Answer(client, answer);
            if (!unread)
            {
                return;
            }
            byte[] scratch = new byte[256];
            long deadline = NowTicks() + DrainMs * TimeSpan.TicksPerMillisecond;
            while (ReceiveBefore(client, scratch, 0, scratch.Length, deadline) > 0)
            {
            }
        }

        internal static void SendAll(Socket client, byte[] bytes)
        {
            int sent = 0;
            while (sent < bytes.Length)
            {
                int n = client.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
                if (n <= 0)
                {
                    throw new Exception("the client stopped taking the answer");
                }
                sent += n;
            }
        }

        internal static void Close(Socket socket)
        {
            if (socket == null)
            {
                return;
            }
            try
            {
                socket.Close();
            }
            catch (Exception)
            {
            }
        }

        private static string ClientAddress(Socket client)
        {
            var remote = client.RemoteEndPoint as IPEndPoint;
            return remote == null ? null : remote.Address.ToString();
        }

        private static long NowTicks() => DateTime.UtcNow.Ticks;
    }
}
