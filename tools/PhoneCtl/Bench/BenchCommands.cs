using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DeskPhone.PhoneCtl.Bench
{
    /// <summary>
    /// The bench commands against a phone's bench interface (a simulator or a board): exit 0 when done, 1 when the
    /// target is unreachable or refuses (wrong password, bad request), 2 for a usage error.
    /// </summary>
    public static class BenchCommands
    {
        public const string Help =
            "usage: phonectl [--target URL] [--user USER] [--password PW] [--admin-password PW] <command>\n" +
            "  status                    active status messages and what holds the status line\n" +
            "  explain ID                why a status is or is not on the status line\n" +
            "  leds                      every LED that is not off (colour, pattern)\n" +
            "  screen [--png FILE]       the screen's text, or save it as PNG\n" +
            "  keys KEY [press|hold|release]   e.g. keys OK, keys F1 hold, keys 5\n" +
            "  raise ID [PARAM] | clear ID      raise or clear a status message\n" +
            "  set NAME VALUE [IDX] | get NAME [IDX]   change or read a setting\n" +
            "  message TARGET TEXT       send a SIP MESSAGE (e.g. sip:486@127.0.0.1:5060) and print the answer\n" +
            "  watch                     print events as they happen (Ctrl-C to stop)\n" +
            "  calls                     the live calls (id, direction, state, remote, duration)\n" +
            "  call TARGET               dial a number or sip: URI from identity 1\n" +
            "  answer [ID] | hangup [ID] answer the ringing call, end (or reject) a call; no ID: the current one\n" +
            "  hold [ID] | resume [ID]   put a connected call on hold, take it off\n" +
            "target: --target, else $DESKPHONE_TARGET, else http://127.0.0.1:8080\n" +
            "credentials (HTTP Digest, the phone's http_user/http_pass): --user or $DESKPHONE_USER (default admin),\n" +
            "  --password or $DESKPHONE_PASSWORD; administrator-level changes (passwords, secrets, http_user):\n" +
            "  --admin-password or $DESKPHONE_ADMIN_PASSWORD (admin_mode_password, sent as X-Admin-Password)\n" +
            "exit codes: 0 ok, 1 target unreachable or refused, 2 usage";

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            string target = Environment.GetEnvironmentVariable("DESKPHONE_TARGET") ?? "http://127.0.0.1:8080";
            string password = Environment.GetEnvironmentVariable("DESKPHONE_PASSWORD");
            string user = Environment.GetEnvironmentVariable("DESKPHONE_USER") ?? "admin";
            string adminPassword = Environment.GetEnvironmentVariable("DESKPHONE_ADMIN_PASSWORD");
            var rest = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                if ((args[i] == "--target" || args[i] == "--password" || args[i] == "--user" || args[i] == "--admin-password") && i + 1 < args.Length)
                {
                    switch (args[i])
                    {
                        case "--target": target = args[++i]; break;
                        case "--password": password = args[++i]; break;
                        case "--user": user = args[++i]; break;
                        default: adminPassword = args[++i]; break;
                    }
                }
                else
                {
                    rest.Add(args[i]);
                }
            }
            if (rest.Count == 0 || rest[0] == "help" || rest[0] == "--help")
            {
                (rest.Count == 0 ? error : output).WriteLine(Help);
                return rest.Count == 0 ? 2 : 0;
            }
            if (!Uri.TryCreate(target.TrimEnd('/') + "/", UriKind.Absolute, out Uri baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
            {
                error.WriteLine("phonectl: --target must be an http:// URL, not " + target);
                return 2;
            }
            using var client = new BenchClient(baseUri, user, password, adminPassword);
            string[] a = rest.ToArray();
            try
            {
                switch (a[0])
                {
                    case "status": return Need(a, 1, error) ?? client.PrintStatus(output, error);
                    case "explain": return Need(a, 2, error) ?? client.Print("GET", "api/explain/" + Uri.EscapeDataString(a[1]), null, output, error);
                    case "leds": return Need(a, 1, error) ?? client.PrintLeds(output, error);
                    case "screen":
                        if (a.Length == 3 && a[1] == "--png") return client.SavePng(a[2], output, error);
                        return Need(a, 1, error) ?? client.Print("GET", "api/screen", null, output, error);
                    case "keys":
                        if (a.Length < 2 || a.Length > 3) return Usage(error);
                        return client.Print("POST", "api/keys/" + Uri.EscapeDataString(a[1]) + "/" + (a.Length == 3 ? a[2] : "press"), null, output, error);
                    case "raise":
                        if (a.Length < 2 || a.Length > 3) return Usage(error);
                        return client.Print("POST", "api/status/" + Uri.EscapeDataString(a[1]) + "/raise" +
                            (a.Length == 3 ? "?param=" + Uri.EscapeDataString(a[2]) : ""), null, null, error);
                    case "clear": return Need(a, 2, error) ?? client.Print("POST", "api/status/" + Uri.EscapeDataString(a[1]) + "/clear", null, null, error);
                    case "set":
                        if (a.Length < 3 || a.Length > 4) return Usage(error);
                        return client.Print("POST", "api/settings/" + Uri.EscapeDataString(a[1]) + (a.Length == 4 ? "?idx=" + a[3] : ""), a[2], output, error);
                    case "get":
                        if (a.Length < 2 || a.Length > 3) return Usage(error);
                        return client.Print("GET", "api/settings/" + Uri.EscapeDataString(a[1]) + (a.Length == 3 ? "?idx=" + a[2] : ""), null, output, error);
                    case "message": return Need(a, 3, error) ?? SipMessageSender.Send(a[1], a[2], output, error);
                    case "watch": return Need(a, 1, error) ?? client.Watch(output, error);
                    case "calls": return Need(a, 1, error) ?? client.Print("GET", "api/calls", null, output, error);
                    case "call": return Need(a, 2, error) ?? client.Print("POST", "api/calls", "{\"to\":" + System.Text.Json.JsonSerializer.Serialize(a[1]) + "}", output, error);
                    case "answer":
                    case "hangup":
                    case "hold":
                    case "resume":
                        if (a.Length > 2 || (a.Length == 2 && !uint.TryParse(a[1], out _))) return Usage(error);
                        return client.Print("POST", "api/calls/" + (a.Length == 2 ? a[1] : "0") + "/" + a[0], null, output, error);
                    default:
                        error.WriteLine("phonectl: unknown command '" + a[0] + "'");
                        return Usage(error);
                }
            }
            catch (HttpRequestException ex)
            {
                error.WriteLine("phonectl: cannot reach " + baseUri + " (" + ex.Message + ")");
                return 1;
            }
        }

        private static int? Need(string[] a, int count, TextWriter error) => a.Length == count ? (int?)null : Usage(error);

        private static int Usage(TextWriter error)
        {
            error.WriteLine(Help);
            return 2;
        }
    }

    internal sealed class BenchClient : IDisposable
    {
        private readonly HttpClient _http;

        /// <summary>
        /// With a password, .NET's handler answers the phone's 401 Digest challenge itself (RFC 7616, MD5, qop=auth),
        /// and Basic only if the phone offers nothing better; the password never travels in clear with Digest.
        /// </summary>
        public BenchClient(Uri baseUri, string user, string password, string adminPassword)
        {
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
            if (password != null)
            {
                handler.Credentials = new System.Net.NetworkCredential(user ?? "admin", password);
            }
            _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
            if (adminPassword != null)
            {
                _http.DefaultRequestHeaders.Add("X-Admin-Password", adminPassword);
            }
        }

        public void Dispose() => _http.Dispose();

        public int Print(string method, string path, string body, TextWriter output, TextWriter error)
        {
            (int status, string text) = Send(method, path, body);
            if (status != 200)
            {
                return Refused(status, text, error);
            }
            output?.WriteLine(text.TrimEnd('\n'));
            return 0;
        }

        public int PrintStatus(TextWriter output, TextWriter error)
        {
            (int status, string text) = Send("GET", "api/status", null);
            if (status != 200)
            {
                return Refused(status, text, error);
            }
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement root = doc.RootElement;
            output.WriteLine("status line: " + (root.GetProperty("statusLine").GetString() ?? "(date and time)"));
            string popUp = root.GetProperty("popUp").GetString();
            if (popUp != null)
            {
                output.WriteLine("pop-up: " + popUp);
            }
            foreach (JsonElement s in root.GetProperty("active").EnumerateArray())
            {
                string param = s.GetProperty("param").GetString();
                output.WriteLine((s.GetProperty("onStatusLine").GetBoolean() ? "* " : "  ") + s.GetProperty("id").GetString() +
                                 (param != null ? " (" + param + ")" : "") + " [" + s.GetProperty("source").GetString() + "]");
            }
            foreach (JsonElement p in root.GetProperty("problems").EnumerateArray())
            {
                output.WriteLine("settings problem: " + p.GetString());
            }
            return 0;
        }

        public int PrintLeds(TextWriter output, TextWriter error)
        {
            (int status, string text) = Send("GET", "api/leds", null);
            if (status != 200)
            {
                return Refused(status, text, error);
            }
            using JsonDocument doc = JsonDocument.Parse(text);
            int shown = 0;
            foreach (JsonElement led in doc.RootElement.EnumerateArray())
            {
                if (led.GetProperty("pattern").GetString() == "off")
                {
                    continue;
                }
                output.WriteLine(led.GetProperty("led").GetString() + " " + led.GetProperty("color").GetString() + " " + led.GetProperty("pattern").GetString());
                shown++;
            }
            if (shown == 0)
            {
                output.WriteLine("all LEDs off");
            }
            return 0;
        }

        public int SavePng(string file, TextWriter output, TextWriter error)
        {
            using HttpResponseMessage response = _http.GetAsync("api/screen.png").GetAwaiter().GetResult();
            byte[] bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            if ((int)response.StatusCode != 200)
            {
                return Refused((int)response.StatusCode, Encoding.UTF8.GetString(bytes), error);
            }
            File.WriteAllBytes(file, bytes);
            output.WriteLine("saved " + file + " (" + bytes.Length + " bytes)");
            return 0;
        }

        public int Watch(TextWriter output, TextWriter error)
        {
            _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            using HttpResponseMessage response = _http.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            if ((int)response.StatusCode != 200)
            {
                return Refused((int)response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), error);
            }
            using var reader = new StreamReader(response.Content.ReadAsStream());
            string kind = null;
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.StartsWith("event: ")) kind = line.Substring(7);
                else if (line.StartsWith("data: ")) output.WriteLine(DateTime.Now.ToString("HH:mm:ss.fff") + " " + kind + " " + line.Substring(6));
            }
            return 0;
        }

        private (int, string) Send(string method, string path, string body)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body != null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "text/plain");
            }
            else if (method == "POST")
            {
                request.Content = new ByteArrayContent(Array.Empty<byte>());
            }
            try
            {
                using HttpResponseMessage response = _http.SendAsync(request).GetAwaiter().GetResult();
                return ((int)response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            }
            catch (System.Threading.Tasks.TaskCanceledException)
            {
                throw new HttpRequestException("no answer within 10 s");
            }
        }

        private static int Refused(int status, string text, TextWriter error)
        {
            string reason = text;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(text);
                if (doc.RootElement.TryGetProperty("error", out JsonElement e)) reason = e.GetString();
            }
            catch (JsonException)
            {
            }
            string hint = status == 401 ? " (user and password: --user/--password or DESKPHONE_USER/DESKPHONE_PASSWORD)"
                        : status == 403 ? " (--admin-password or DESKPHONE_ADMIN_PASSWORD)" : "";
            error.WriteLine("phonectl: " + status + " " + reason + hint);
            return 1;
        }
    }
}
