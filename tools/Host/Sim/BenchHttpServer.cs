using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// The simulator's HTTP front of the bench interface: the bench page at /, the portable router for /api/...,
    /// and the live event stream (server-sent events) at /api/events. Bound to the loopback address given.
    /// </summary>
    public sealed class BenchHttpServer : IDisposable
    {
        private HttpListener _listener = new HttpListener();
        private readonly PhoneCore _phone;
        private readonly BenchRouter _router;
        private readonly EventHub _events;
        private readonly byte[] _page;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task _loop;

        public BenchHttpServer(string address, int port, PhoneCore phone, BenchRouter router, EventHub events, byte[] page)
        {
            _phone = phone;
            _router = router;
            _events = events;
            _page = page;
            Prefix = "http://" + address + ":" + port + "/";
            _listener.Prefixes.Add(Prefix);
            if (address == "127.0.0.1")
            {
                // Browsers and curl often say "localhost"; HttpListener matches the Host header literally.
                _listener.Prefixes.Add("http://localhost:" + port + "/");
            }
        }

        public string Prefix { get; }

        /// <summary>Starts listening; throws HttpListenerException when the port is taken.</summary>
        public void Start()
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    _listener.Start();
                    break;
                }
                catch (ArgumentNullException) when (attempt < 5)
                {
                    // .NET's managed HttpListener on Linux races with a client that connects while Start binds (the
                    // accept completes before the listener's lock object exists: dotnet/corefx#35191); a test harness
                    // polling the port does exactly that. The listener is left half-open, so start a fresh one.
                    var fresh = new HttpListener();
                    foreach (string prefix in _listener.Prefixes)
                    {
                        fresh.Prefixes.Add(prefix);
                    }
                    _listener.Abort();
                    _listener = fresh;
                }
            }
            _loop = Task.Run(AcceptLoop);
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }
            _loop?.Wait(2000);
        }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }
                _ = Task.Run(() => Serve(context));
            }
        }

        private void Serve(HttpListenerContext context)
        {
            HttpListenerResponse response = context.Response;
            try
            {
                string path = context.Request.Url.AbsolutePath;
                if (path == "/" || path == "/index.html")
                {
                    Write(response, 200, "text/html; charset=utf-8", _page);
                    return;
                }
                if (path == "/api/events" && context.Request.HttpMethod == "GET")
                {
                    StreamEvents(context);
                    return;
                }
                byte[] body = ReadBody(context.Request);
                string query = context.Request.Url.Query;
                BenchResponse answer;
                lock (_phone.Gate)
                {
                    answer = _router.Handle(context.Request.HttpMethod, path,
                        query.Length > 1 ? query.Substring(1) : null, body, context.Request.Headers["Authorization"]);
                }
                if (answer.ExtraHeaderName != null)
                {
                    response.AddHeader(answer.ExtraHeaderName, answer.ExtraHeaderValue);
                }
                Write(response, answer.Status, answer.ContentType, answer.Body);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpListenerException || ex is ObjectDisposedException)
            {
                // The client went away; nothing to answer.
            }
            catch (Exception ex)
            {
                try
                {
                    Write(response, 500, "application/json", Encoding.UTF8.GetBytes("{\"error\":" + JsonText.Quote(ex.Message) + "}"));
                }
                catch (Exception)
                {
                }
            }
        }

        private void StreamEvents(HttpListenerContext context)
        {
            // Same protection as the API: an event stream would tell a stranger what the phone does.
            BenchResponse gate;
            lock (_phone.Gate)
            {
                gate = _router.Handle("GET", "/api/registration", null, null, context.Request.Headers["Authorization"]);
            }
            if (gate.Status != 200)
            {
                Write(context.Response, gate.Status, gate.ContentType, gate.Body);
                return;
            }
            HttpListenerResponse response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.Headers["Cache-Control"] = "no-cache";
            response.SendChunked = true;
            EventHub.Subscriber subscriber = _events.Subscribe();
            try
            {
                Stream output = response.OutputStream;
                WriteEvent(output, "hello", "deskphone");
                while (!_stop.IsCancellationRequested)
                {
                    var next = subscriber.Next(15000, _stop.Token);
                    if (next == null)
                    {
                        byte[] ping = Encoding.UTF8.GetBytes(": keep-alive\n\n");
                        output.Write(ping, 0, ping.Length);
                        output.Flush();
                        continue;
                    }
                    WriteEvent(output, next.Value.Kind, next.Value.Detail);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is HttpListenerException || ex is OperationCanceledException || ex is ObjectDisposedException)
            {
            }
            finally
            {
                _events.Unsubscribe(subscriber);
                try
                {
                    response.Close();
                }
                catch (Exception)
                {
                }
            }
        }

        private static void WriteEvent(Stream output, string kind, string detail)
        {
            byte[] bytes = Encoding.UTF8.GetBytes("event: " + kind + "\ndata: " + (detail ?? "").Replace("\n", " ") + "\n\n");
            output.Write(bytes, 0, bytes.Length);
            output.Flush();
        }

        private static byte[] ReadBody(HttpListenerRequest request)
        {
            if (!request.HasEntityBody)
            {
                return null;
            }
            using var memory = new MemoryStream();
            request.InputStream.CopyTo(memory);
            return memory.ToArray();
        }

        private static void Write(HttpListenerResponse response, int status, string contentType, byte[] body)
        {
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body, 0, body.Length);
            response.Close();
        }
    }
}
