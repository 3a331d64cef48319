using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// The phone the scenarios talk to, only over SIP and the bench interface: a board or simulator named by
    /// DESKPHONE_BENCH (http://host:port) and DESKPHONE_SIP (host:port), or else a simulator this fixture starts on
    /// free loopback ports and stops afterwards.
    /// </summary>
    public sealed class PhoneUnderTest : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _errors = new StringBuilder();
        private readonly HttpClient _http;
        private readonly SwitchableCredentials _credentials = new SwitchableCredentials();

        /// <summary>Credentials .NET's handler answers the phone's Digest challenge with; switched by <see cref="Password"/>.</summary>
        private sealed class SwitchableCredentials : ICredentials
        {
            public NetworkCredential Current;

            public NetworkCredential GetCredential(Uri uri, string authType) => Current;
        }

        public PhoneUnderTest() : this(null)
        {
        }

        /// <summary>Always a simulator of its own, started with these extra arguments (xunit fixtures need one public constructor).</summary>
        public static PhoneUnderTest Simulator(string simulatorArguments) => new PhoneUnderTest(simulatorArguments);

        private PhoneUnderTest(string simulatorArguments)
        {
            string bench = simulatorArguments == null ? Environment.GetEnvironmentVariable("DESKPHONE_BENCH") : null;
            string sip = simulatorArguments == null ? Environment.GetEnvironmentVariable("DESKPHONE_SIP") : null;
            if (bench != null && sip != null)
            {
                BenchUrl = bench.TrimEnd('/') + "/";
                SipHost = sip.Split(':')[0];
                SipPort = int.Parse(sip.Split(':')[1]);
            }
            else
            {
                // "--bind ::1" in the arguments: SIP and the bench on the IPv6 loopback instead.
                bool v6 = simulatorArguments != null && simulatorArguments.Contains("--bind ::1");
                SipHost = v6 ? "::1" : "127.0.0.1";
                // Ports below the ephemeral range (LoopbackPorts): one checked free there is still free when the simulator binds it.
                IPAddress loopback = v6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
                SipPort = LoopbackPorts.FreeUdpAndTcp(loopback);
                int benchPort = LoopbackPorts.FreeTcp(loopback);
                BenchUrl = (v6 ? "http://[::1]:" : "http://127.0.0.1:") + benchPort + "/";
                string dll = Path.Combine(AppContext.BaseDirectory, "deskphone-sim.dll");
                var start = new ProcessStartInfo("dotnet", "\"" + dll + "\" --sip-port " + SipPort + " --bench-port " + benchPort + " " + simulatorArguments)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                _process = Process.Start(start);
                _process.OutputDataReceived += (s, e) => { };
                _process.ErrorDataReceived += (s, e) => { lock (_errors) { _errors.AppendLine(e.Data); } };
                _process.BeginOutputReadLine();
                _process.BeginErrorReadLine();
            }
            _http = new HttpClient(new SocketsHttpHandler { Credentials = _credentials }) { BaseAddress = new Uri(BenchUrl), Timeout = TimeSpan.FromSeconds(10) };
            WaitUntilUp();
        }

        /// <summary>http_pass, which the HTTP interface asks for (Digest, user admin) once it is set (null: none).</summary>
        public string Password
        {
            set { _credentials.Current = value == null ? null : new NetworkCredential("admin", value); }
        }

        /// <summary>admin_mode_password, sent as X-Admin-Password for administrator-level changes (null: none).</summary>
        public string AdminPassword
        {
            set
            {
                _http.DefaultRequestHeaders.Remove("X-Admin-Password");
                if (value != null)
                {
                    _http.DefaultRequestHeaders.Add("X-Admin-Password", value);
                }
            }
        }

        /// <summary>The simulator's process (null for a board named by DESKPHONE_BENCH).</summary>
        public Process Process => _process;

        /// <summary>What the simulator wrote to stderr so far.</summary>
        public string Errors
        {
            get { lock (_errors) { return _errors.ToString(); } }
        }

        public string BenchUrl { get; }
        public string SipHost { get; }
        public int SipPort { get; }

        public (int Status, string Body) Get(string path)
        {
            using HttpResponseMessage r = _http.GetAsync(path).GetAwaiter().GetResult();
            return ((int)r.StatusCode, r.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }

        public (int Status, string Body) Post(string path, string body = "")
        {
            using HttpResponseMessage r = _http.PostAsync(path, new StringContent(body)).GetAwaiter().GetResult();
            return ((int)r.StatusCode, r.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }

        public string Screen() => Get("api/screen").Body;

        /// <summary>An LED of /api/leds as "COLOUR PATTERN", e.g. "red blink-fast".</summary>
        public string Led(string name)
        {
            foreach (JsonElement led in JsonDocument.Parse(Get("api/leds").Body).RootElement.EnumerateArray())
            {
                if (led.GetProperty("led").GetString() == name)
                {
                    return led.GetProperty("color").GetString() + " " + led.GetProperty("pattern").GetString();
                }
            }
            return null;
        }

        public JsonElement Status() => JsonDocument.Parse(Get("api/status").Body).RootElement;

        public string StatusLine() => Status().GetProperty("statusLine").GetString();

        /// <summary>The active status <paramref name="id"/> as GET /api/status lists it (its id, param, ...), or null when it is not active.</summary>
        public JsonElement? ActiveStatus(string id)
        {
            foreach (JsonElement s in Status().GetProperty("active").EnumerateArray())
            {
                if (s.GetProperty("id").GetString() == id)
                {
                    return s;
                }
            }
            return null;
        }

        /// <summary>Changes a setting and returns its previous value, so a test can put it back.</summary>
        public string Set(string name, string value, int idx = 0)
        {
            string old = JsonDocument.Parse(Get("api/settings/" + name + "?idx=" + idx).Body).RootElement.GetProperty("value").GetString();
            var (status, body) = Post("api/settings/" + name + "?idx=" + idx, value);
            if (status != 200)
            {
                throw new InvalidOperationException("setting " + name + " refused: " + body);
            }
            return old;
        }

        /// <summary>Sends one SIP request over UDP from <paramref name="fromAddress"/> and returns the final response's status line.</summary>
        public string SendSip(string request, string fromAddress = "127.0.0.1")
        {
            using var socket = new UdpClient(new IPEndPoint(IPAddress.Parse(fromAddress), 0));
            var local = (IPEndPoint)socket.Client.LocalEndPoint;
            byte[] bytes = Encoding.UTF8.GetBytes(request.Replace("LOCAL", local.Address + ":" + local.Port).Replace("\n", "\r\n"));
            var remote = new IPEndPoint(IPAddress.Parse(SipHost), SipPort);
            socket.Client.ReceiveTimeout = 1000;
            for (int attempt = 0; attempt < 5; attempt++)
            {
                socket.Send(bytes, bytes.Length, remote);
                try
                {
                    while (true)
                    {
                        IPEndPoint from = null;
                        string answer = Encoding.UTF8.GetString(socket.Receive(ref from));
                        string statusLine = answer.Substring(0, answer.IndexOf('\r'));
                        if (!statusLine.StartsWith("SIP/2.0 1"))
                        {
                            return statusLine;
                        }
                    }
                }
                catch (SocketException)
                {
                }
            }
            return "no answer";
        }

        /// <summary>
        /// The screen once the loop has surely drawn what the last request changed: the phone draws the turn after one
        /// that handled a SIP request (docs/benchmarks.md, h-callfit), so a check that something is NOT shown reads the
        /// screen 20 of the simulator's 5 ms loop turns later (a check that something is shown waits for it instead).
        /// </summary>
        public string ScreenSettled()
        {
            Thread.Sleep(20 * DeskPhone.Host.Sim.SimulatedPhone.LoopMs);
            return Screen();
        }

        /// <summary>Polls until the condition holds (bounded); the last value seen is returned either way.</summary>
        public T WaitFor<T>(Func<T> read, Func<T, bool> done, int timeoutMs = 8000)
        {
            var clock = Stopwatch.StartNew();
            T value = read();
            while (!done(value) && clock.ElapsedMilliseconds < timeoutMs)
            {
                Thread.Sleep(50);
                value = read();
            }
            return value;
        }

        public void Dispose()
        {
            _http.Dispose();
            if (_process != null && !_process.HasExited)
            {
                _process.Kill(true);
                _process.WaitForExit(5000);
            }
            _process?.Dispose();
        }

        private void WaitUntilUp()
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 30000)
            {
                if (_process != null && _process.HasExited)
                {
                    _process.WaitForExit();
                    lock (_errors)
                    {
                        throw new InvalidOperationException("the simulator exited with code " + _process.ExitCode + ":\n" + _errors);
                    }
                }
                try
                {
                    if (Get("api/status").Status == 200)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (System.Threading.Tasks.TaskCanceledException)
                {
                }
                Thread.Sleep(100);
            }
            throw new TimeoutException("the phone's bench interface did not come up at " + BenchUrl);
        }
    }
}
