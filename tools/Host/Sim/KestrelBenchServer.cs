using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Host.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// The simulator's HTTP front of the bench interface, on ASP.NET Core Kestrel. It only adapts: every request goes to
    /// the portable <see cref="BenchRouter"/>, first its headers (<see cref="BenchRouter.Admit"/>: authentication, body
    /// cap) and only then, when admitted, its body; /api/events is streamed here from <see cref="EventHub"/>, a call's
    /// audio by <see cref="CallAudioRoute"/>. Kestrel's
    /// limits bound what a client can hold (docs/security.md): connections, idle and slow connections, body size.
    /// </summary>
    public sealed class KestrelBenchServer : IDisposable
    {
        /// <summary>Connections held at once; far above what a bench needs, far below what would exhaust the process.</summary>
        public const int MaxConnections = 1000;

        /// <summary>Event streams at once; one more gets 503.</summary>
        public const int MaxEventStreams = 32;

        public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(10);
        public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(5);

        /// <summary>Below 240 bytes/s after a 5 s grace, a request body or a response being written is cut off.</summary>
        public static readonly MinDataRate MinDataRate = new MinDataRate(240, TimeSpan.FromSeconds(5));

        private const int KeepAliveEveryMs = 15000;

        private readonly string _address;
        private readonly int _port;
        private readonly PhoneCore _phone;
        private readonly BenchRouter _router;
        private readonly EventHub _events;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private WebApplication _app;
        private int _streams;

        public KestrelBenchServer(string address, int port, PhoneCore phone, BenchRouter router, EventHub events, byte[] page)
        {
            _address = address;
            _port = port;
            _phone = phone;
            _router = router;
            _events = events;
            if (page != null)
            {
                _router.Page = page;
            }
            Prefix = Url(port);
        }

        /// <summary>Streams a call's audio (GET /api/calls/{id}/audio); null: the router answers it (501 for a live call).</summary>
        public CallAudioRoute Audio { get; set; }

        /// <summary>http://ADDRESS:PORT/ (after <see cref="Start"/>, with the port actually bound when 0 was asked for).</summary>
        public string Prefix { get; private set; }

        public int Port { get; private set; }

        /// <summary>Starts listening; throws IOException when the address or port is taken.</summary>
        public void Start()
        {
            WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
            {
                k.Listen(IPAddress.Parse(_address), _port, KestrelRejections.Use);
                k.AddServerHeader = false;
                k.Limits.MaxConcurrentConnections = MaxConnections;
                k.Limits.MaxConcurrentUpgradedConnections = 0;
                k.Limits.MaxRequestBodySize = BenchRouter.MaxBodyBytes;
                k.Limits.KeepAliveTimeout = KeepAliveTimeout;
                k.Limits.RequestHeadersTimeout = RequestHeadersTimeout;
                k.Limits.MinRequestBodyDataRate = MinDataRate;
                k.Limits.MinResponseDataRate = MinDataRate;
                k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
                k.Limits.MaxRequestLineSize = 4096;
            });
            WebApplication app = builder.Build();
            app.Run(Serve);
            app.StartAsync().GetAwaiter().GetResult();
            _app = app;
            string bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            Port = bound != null ? new Uri(bound).Port : _port;
            Prefix = Url(Port);
        }

        public void Dispose()
        {
            _stop.Cancel();
            if (_app != null)
            {
                try
                {
                    _app.StopAsync(TimeSpan.FromSeconds(2)).Wait(3000);
                    ((IDisposable)_app).Dispose();
                }
                catch (Exception)
                {
                }
            }
        }

        private string Url(int port) =>
            "http://" + (_address.Contains(':') ? "[" + _address + "]" : _address) + ":" + port + "/";

        private async Task Serve(HttpContext context)
        {
            HttpRequest http = context.Request;
            try
            {
                string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Path.Value + http.QueryString.Value);
                long length = http.ContentLength ?? (HasChunkedBody(http) ? -1 : 0);
                var request = new BenchRequest(http.Method, target, Header(http, "Authorization"),
                    context.Connection.RemoteIpAddress?.ToString(), length)
                {
                    AdminPassword = Header(http, "X-Admin-Password"),
                };
                BenchResponse answer;
                lock (_phone.Gate)
                {
                    answer = _router.Admit(request);
                }
                if (answer != null)
                {
                    // Refused on the headers: the body is never read, and the connection ends with the answer.
                    await Write(context, answer, length != 0).ConfigureAwait(false);
                    return;
                }
                if (request.Path == "/api/events" && http.Method == "GET")
                {
                    await StreamEvents(context, request.AdmittedEpoch).ConfigureAwait(false);
                    return;
                }
                int listened = Audio == null ? -1 : CallAudioRoute.CallOf(http.Method, request.Path);
                if (listened >= 0)
                {
                    CallListeners.Listener listener = Audio.Listen(listened, out bool full);
                    if (full)
                    {
                        await Write(context, BenchResponse.Error(503, "too many listeners (" + CallListeners.MaxListeners + ")"), false).ConfigureAwait(false);
                        return;
                    }
                    if (listener != null)
                    {
                        await Audio.Stream(context, listener, _stop.Token).ConfigureAwait(false);
                        return;
                    }
                }
                if (length != 0)
                {
                    request.Body = await ReadBody(http).ConfigureAwait(false);
                    if (request.Body == null)
                    {
                        await Write(context, BenchRouter.TooLarge(), true).ConfigureAwait(false);
                        return;
                    }
                }
                lock (_phone.Gate)
                {
                    answer = _router.Handle(request);
                }
                await Write(context, answer, false).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is OperationCanceledException || ex is ObjectDisposedException)
            {
                // The client went away (or was cut off by a limit); nothing to answer.
            }
            catch (BadHttpRequestException ex)
            {
                await TryWrite(context, BenchResponse.Error(ex.StatusCode, ex.Message)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await TryWrite(context, BenchResponse.Error(500, ex.Message)).ConfigureAwait(false);
            }
        }

        private static bool HasChunkedBody(HttpRequest http) =>
            http.Headers.TransferEncoding.Count > 0 || (http.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false);

        private static string Header(HttpRequest http, string name)
        {
            string value = http.Headers[name];
            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>The body up to the cap; null when it turned out longer (a chunked body gives no length first).</summary>
        private static async Task<byte[]> ReadBody(HttpRequest http)
        {
            var buffer = new byte[BenchRouter.MaxBodyBytes + 1];
            int total = 0;
            while (true)
            {
                int n;
                try
                {
                    n = await http.Body.ReadAsync(buffer.AsMemory(total, buffer.Length - total)).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return null;
                }
                if (n == 0)
                {
                    return buffer.AsSpan(0, total).ToArray();
                }
                total += n;
                if (total > BenchRouter.MaxBodyBytes)
                {
                    return null;
                }
            }
        }

        private async Task StreamEvents(HttpContext context, int epoch)
        {
            if (Interlocked.Increment(ref _streams) > MaxEventStreams)
            {
                Interlocked.Decrement(ref _streams);
                await Write(context, BenchResponse.Error(503, "too many event streams (" + MaxEventStreams + ")"), false).ConfigureAwait(false);
                return;
            }
            EventHub.Subscriber subscriber = _events.Subscribe();
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, context.RequestAborted);
            try
            {
                HttpResponse response = context.Response;
                response.StatusCode = 200;
                response.ContentType = "text/event-stream";
                response.Headers.CacheControl = "no-cache";
                await WriteEvent(response, "hello", "deskphone", cancel.Token).ConfigureAwait(false);
                int idleMs = 0;
                // A change of http_user, http_pass, http_basic_auth or admin_mode_password ends the stream: the client
                // must authenticate again (the settings event of that change wakes the wait).
                while (!cancel.IsCancellationRequested && _router.Auth.Epoch == epoch)
                {
                    var next = await subscriber.NextAsync(1000, cancel.Token).ConfigureAwait(false);
                    if (_router.Auth.Epoch != epoch)
                    {
                        break;
                    }
                    if (next == null)
                    {
                        idleMs += 1000;
                        if (idleMs >= KeepAliveEveryMs)
                        {
                            idleMs = 0;
                            await response.WriteAsync(": keep-alive\n\n", cancel.Token).ConfigureAwait(false);
                            await response.Body.FlushAsync(cancel.Token).ConfigureAwait(false);
                        }
                        continue;
                    }
                    idleMs = 0;
                    await WriteEvent(response, next.Value.Kind, next.Value.Detail, cancel.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _events.Unsubscribe(subscriber);
                Interlocked.Decrement(ref _streams);
            }
        }

        private static async Task WriteEvent(HttpResponse response, string kind, string detail, CancellationToken cancel)
        {
            await response.Body.WriteAsync(BenchEventQueue.Frame(kind, detail), cancel).ConfigureAwait(false);
            await response.Body.FlushAsync(cancel).ConfigureAwait(false);
        }

        private static async Task Write(HttpContext context, BenchResponse answer, bool close)
        {
            HttpResponse response = context.Response;
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            if (answer.ExtraHeaderName != null)
            {
                response.Headers[answer.ExtraHeaderName] = answer.ExtraHeaderValue;
            }
            if (close)
            {
                // An unread body is not drained: the connection closes after the answer.
                response.Headers.Connection = "close";
            }
            response.ContentLength = answer.Body.Length;
            await response.Body.WriteAsync(answer.Body).ConfigureAwait(false);
        }

        private static async Task TryWrite(HttpContext context, BenchResponse answer)
        {
            if (context.Response.HasStarted)
            {
                return;
            }
            try
            {
                context.Response.Clear();
                await Write(context, answer, true).ConfigureAwait(false);
            }
            catch (Exception)
            {
            }
        }

        /// <summary>The simulator handles Ctrl-C and SIGTERM itself; the web host must not.</summary>
        private sealed class QuietLifetime : IHostLifetime
        {
            public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
