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
        /// <summary>How long phonectl waits for the phone's answer to one request (`watch` waits as long as it runs).</summary>
        public const int TimeoutSeconds = 5;

        public static readonly string Help =
            "usage: phonectl [--target URL] [--user USER] [--password PW] [--admin-password PW] [--json] <command>\n" +
            "  status                    active status messages and what holds the status line\n" +
            "  explain [ID]              why a status is or is not on the status line; no ID: every active one\n" +
            "  raise ID [PARAM] | clear ID      raise or clear a status message, then the statuses as 'status' prints them\n" +
            "  leds                      every LED that is not off (colour, pattern)\n" +
            "  screen [--png FILE]       the screen's text, or save it as PNG\n" +
            "  keys KEY [press|hold|release]   e.g. keys OK, keys F1 hold, keys 5\n" +
            "  set NAME VALUE [IDX] | get NAME [IDX]   change or read a setting\n" +
            "  presence [online|dnd|at-the-desk]      the own status, or choose it\n" +
            "  registration              each configured identity and whether it is registered\n" +
            "  time                      the phone's clock, where it comes from and the NTP state\n" +
            "  provision [run]           the provisioning URL, state and last result; run: fetch it now\n" +
            "  update [check|apply|discard]  running and staged update, state, last result; check: fetch firmware_status now;\n" +
            "                            apply: start the staged set; discard: forget it\n" +
            "  trace [clear]             the SIP trace: the last messages in and out (clear: forget them)\n" +
            "  log                       the phone's log: the last events worth reading later\n" +
            "  plug|unplug ethernet|hid|module N      the simulator's cable, USB bridge and expansion modules 1-3\n" +
            "  link [ethernet up|down | wifi up|down|reject]   the link in use (Ethernet, Wi-Fi); the simulator's cable and access point\n" +
            "  message TARGET TEXT       send a SIP MESSAGE (e.g. sip:486@127.0.0.1:5060) and print the answer\n" +
            "  watch                     print events as they happen (Ctrl-C to stop)\n" +
            "  calls                     the live calls (id, direction, state, remote, duration, codec)\n" +
            "  call TARGET               dial a number or sip: URI from identity 1\n" +
            "  answer [ID] | hangup [ID]  answer the ringing call, end (or reject) a call; no ID: the current one\n" +
            "  hold [ID] | resume [ID]   put a connected call on hold, take it off\n" +
            "  transfer ID TARGET        transfer a connected call to TARGET (REFER); TARGET --attended: the held call to the connected one\n" +
            "  park [ID]                 park a connected call at park_orbit\n" +
            "  callback [status|cancel]  call back the busy party of the last failed call: request it, or call once it is free; status; cancel\n" +
            "  conference [hangup]       join the two connected calls into a conference (the held one resumed); hangup: end both\n" +
            "--json: print the phone's JSON answer instead of text\n" +
            "target: --target, else $DESKPHONE_TARGET, else http://127.0.0.1:8080 (localhost is fine)\n" +
            "credentials (HTTP Digest, the phone's http_user/http_pass): --user or $DESKPHONE_USER (default admin),\n" +
            "  --password or $DESKPHONE_PASSWORD; administrator-level changes (passwords, secrets, http_user):\n" +
            "  --admin-password or $DESKPHONE_ADMIN_PASSWORD (admin_mode_password, sent as X-Admin-Password)\n" +
            "each request waits at most " + TimeoutSeconds + " s for the phone's answer\n" +
            "exit codes: 0 ok, 1 target unreachable, no answer or refused (the reason is printed), 2 usage";

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            string target = Environment.GetEnvironmentVariable("DESKPHONE_TARGET") ?? "http://127.0.0.1:8080";
            string password = Environment.GetEnvironmentVariable("DESKPHONE_PASSWORD");
            string user = Environment.GetEnvironmentVariable("DESKPHONE_USER") ?? "admin";
            string adminPassword = Environment.GetEnvironmentVariable("DESKPHONE_ADMIN_PASSWORD");
            bool json = false;
            var rest = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--target" || args[i] == "--password" || args[i] == "--user" || args[i] == "--admin-password")
                {
                    if (i + 1 == args.Length)
                    {
                        error.WriteLine("phonectl: " + args[i] + " needs a value");
                        return 2;
                    }
                    switch (args[i])
                    {
                        case "--target": target = args[++i]; break;
                        case "--password": password = args[++i]; break;
                        case "--user": user = args[++i]; break;
                        default: adminPassword = args[++i]; break;
                    }
                }
                else if (args[i] == "--json")
                {
                    json = true;
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
            using var client = new BenchClient(baseUri, user, password, adminPassword, json);
            string[] a = rest.ToArray();
            try
            {
                switch (a[0])
                {
                    case "status": return Need(a, 1, error) ?? client.Show("GET", "api/status", null, TextViews.Status, output, error);
                    case "explain":
                        if (a.Length == 1) return client.Show("GET", "api/status", null, TextViews.ExplainActive, output, error);
                        return Need(a, 2, error) ?? client.Show("GET", "api/explain/" + Uri.EscapeDataString(a[1]), null, null, output, error);
                    case "leds": return Need(a, 1, error) ?? client.Show("GET", "api/leds", null, TextViews.Leds, output, error);
                    case "screen":
                        if (a.Length == 3 && a[1] == "--png") return client.SavePng(a[2], output, error);
                        return Need(a, 1, error) ?? client.Show("GET", "api/screen", null, null, output, error);
                    case "keys":
                        if (a.Length < 2 || a.Length > 3) return Usage(error, a[0]);
                        return client.Show("POST", "api/keys/" + Uri.EscapeDataString(a[1]) + "/" + (a.Length == 3 ? a[2] : "press"), null, TextViews.Key, output, error);
                    case "raise":
                        if (a.Length < 2 || a.Length > 3) return Usage(error, a[0]);
                        return client.Show("POST", "api/status/" + Uri.EscapeDataString(a[1]) + "/raise" + (a.Length == 3 ? "?param=" + Uri.EscapeDataString(a[2]) : ""),
                            null, r => "raised " + a[1] + (a.Length == 3 ? " (" + a[2] + ")" : "") + "\n" + TextViews.Status(r), output, error);
                    case "clear":
                        return Need(a, 2, error) ?? client.Show("POST", "api/status/" + Uri.EscapeDataString(a[1]) + "/clear", null,
                            r => "cleared " + a[1] + "\n" + TextViews.Status(r), output, error);
                    case "set":
                        // IDX goes into the query: a number, or "2&idx=3" would set index 2.
                        if (a.Length < 3 || a.Length > 4 || (a.Length == 4 && !uint.TryParse(a[3], out _))) return Usage(error, a[0]);
                        return client.Show("POST", "api/settings/" + Uri.EscapeDataString(a[1]) + (a.Length == 4 ? "?idx=" + a[3] : ""), a[2], TextViews.Setting, output, error);
                    case "get":
                        if (a.Length < 2 || a.Length > 3 || (a.Length == 3 && !uint.TryParse(a[2], out _))) return Usage(error, a[0]);
                        return client.Show("GET", "api/settings/" + Uri.EscapeDataString(a[1]) + (a.Length == 3 ? "?idx=" + a[2] : ""), null, TextViews.Setting, output, error);
                    case "presence":
                        if (a.Length > 2) return Usage(error, a[0]);
                        return a.Length == 1 ? client.Show("GET", "api/presence", null, TextViews.Presence, output, error)
                                             : client.Show("POST", "api/presence/" + Uri.EscapeDataString(a[1]), null, TextViews.Presence, output, error);
                    case "registration": return Need(a, 1, error) ?? client.Show("GET", "api/registration", null, TextViews.Registration, output, error);
                    case "time": return Need(a, 1, error) ?? client.Show("GET", "api/time", null, TextViews.Time, output, error);
                    case "provision":
                        if (a.Length > 2 || (a.Length == 2 && a[1] != "run")) return Usage(error, a[0]);
                        return a.Length == 1 ? client.Show("GET", "api/provisioning", null, TextViews.Provisioning, output, error)
                                             : client.Show("POST", "api/provisioning/run", null, TextViews.Provisioning, output, error);
                    case "update":
                        if (a.Length > 2 || (a.Length == 2 && a[1] != "check" && a[1] != "apply" && a[1] != "discard")) return Usage(error, a[0]);
                        return a.Length == 1 ? client.Show("GET", "api/update", null, TextViews.Update, output, error)
                                             : client.Show("POST", "api/update/" + a[1], null, TextViews.Update, output, error);
                    case "trace":
                        if (a.Length > 2 || (a.Length == 2 && a[1] != "clear")) return Usage(error, a[0]);
                        return a.Length == 1 ? client.Show("GET", "api/trace", null, null, output, error)
                                             : client.Show("POST", "api/trace/clear", null, null, output, error);
                    case "log": return Need(a, 1, error) ?? client.Show("GET", "api/log", null, null, output, error);
                    case "plug":
                    case "unplug":
                        return Plug(client, a, output, error);
                    case "link":
                        if (a.Length == 1) return client.Show("GET", "api/link", null, TextViews.Link, output, error);
                        if (a.Length != 3 || !(a[1] == "ethernet" && (a[2] == "up" || a[2] == "down")) && !(a[1] == "wifi" && (a[2] == "up" || a[2] == "down" || a[2] == "reject")))
                        {
                            error.WriteLine("phonectl: link [ethernet up|down | wifi up|down|reject]");
                            return 2;
                        }
                        return client.Show("POST", "api/link/" + a[1] + "/" + a[2], null, _ => a[1] + " " + a[2] + "\n", output, error);
                    case "message": return Need(a, 3, error) ?? SipMessageSender.Send(a[1], a[2], json, output, error);
                    case "watch": return Need(a, 1, error) ?? client.Watch(output, error);
                    case "calls": return Need(a, 1, error) ?? client.Show("GET", "api/calls", null, TextViews.Calls, output, error);
                    case "call": return Need(a, 2, error) ?? client.Show("POST", "api/calls", "{\"to\":" + JsonSerializer.Serialize(a[1]) + "}", TextViews.Calls, output, error);
                    case "answer":
                    case "hangup":
                    case "hold":
                    case "resume":
                        if (a.Length > 2 || (a.Length == 2 && !uint.TryParse(a[1], out _))) return Usage(error, a[0]);
                        return client.Show("POST", "api/calls/" + (a.Length == 2 ? a[1] : "0") + "/" + a[0], null, TextViews.Calls, output, error);
                    case "transfer":
                        if (a.Length != 3 || !uint.TryParse(a[1], out _)) return Usage(error, a[0]);
                        return client.Show("POST", "api/calls/" + a[1] + "/transfer",
                            a[2] == "--attended" ? "{\"attended\":true}" : "{\"to\":" + JsonSerializer.Serialize(a[2]) + "}", TextViews.Calls, output, error);
                    case "park":
                        if (a.Length > 2 || (a.Length == 2 && !uint.TryParse(a[1], out _))) return Usage(error, a[0]);
                        return client.Show("POST", "api/calls/" + (a.Length == 2 ? a[1] : "0") + "/park", null, TextViews.Calls, output, error);
                    case "callback":
                        if (a.Length > 2 || (a.Length == 2 && a[1] != "status" && a[1] != "cancel")) return Usage(error, a[0]);
                        return a.Length == 2 && a[1] == "status"
                            ? client.Show("GET", "api/calls/callback", null, TextViews.Callback, output, error)
                            : client.Show("POST", "api/calls/callback" + (a.Length == 2 ? "/cancel" : ""), null, TextViews.Callback, output, error);
                    case "conference":
                        if (a.Length > 2 || (a.Length == 2 && a[1] != "hangup")) return Usage(error, a[0]);
                        return client.Show("POST", "api/calls/conference" + (a.Length == 2 ? "/hangup" : ""), null, TextViews.Calls, output, error);
                    default:
                        error.WriteLine("phonectl: unknown command '" + a[0] + "'");
                        return Usage(error, null);
                }
            }
            catch (HttpRequestException ex)
            {
                error.WriteLine("phonectl: cannot reach " + baseUri + " (" + ex.Message + ")");
                return 1;
            }
            catch (Exception ex) when (ex is JsonException || ex is KeyNotFoundException || ex is InvalidOperationException)
            {
                // A 200 that is not the phone's JSON, or lacks what the text view reads: another web server at that
                // address (a wrong port), or a phone whose answers this phonectl does not know.
                error.WriteLine("phonectl: " + baseUri + " did not answer as a DeskPhone (" + ex.Message + ")");
                return 1;
            }
        }

        /// <summary>plug|unplug ethernet | hid | module N.</summary>
        private static int Plug(BenchClient client, string[] a, TextWriter output, TextWriter error)
        {
            string action = a[0];
            if (a.Length == 2 && (a[1] == "ethernet" || a[1] == "hid"))
            {
                return client.Show("POST", "api/" + a[1] + "/" + action, null, _ => a[1] + " " + action + "ged\n", output, error);
            }
            if (a.Length == 3 && a[1] == "module" && (a[2] == "1" || a[2] == "2" || a[2] == "3"))
            {
                return client.Show("POST", "api/modules/" + a[2] + "/" + action, null, _ => "module " + a[2] + " " + action + "ged\n", output, error);
            }
            error.WriteLine("phonectl: " + action + " ethernet | hid | module 1-3");
            return 2;
        }

        private static int? Need(string[] a, int count, TextWriter error) => a.Length == count ? (int?)null : Usage(error, a[0]);

        /// <summary>A usage error: the command's own lines of <see cref="Help"/>, or all of it for an unknown command.</summary>
        private static int Usage(TextWriter error, string command)
        {
            string lines = command == null ? null : HelpFor(command);
            error.WriteLine(lines == null ? Help : "usage: phonectl " + lines + "\n(phonectl --help: every command and option)");
            return 2;
        }

        /// <summary>
        /// The lines of <see cref="Help"/> whose syntax column (up to its first two spaces) names COMMAND as a word,
        /// with their continuation lines; null when none does.
        /// </summary>
        internal static string HelpFor(string command)
        {
            string[] lines = Help.Split('\n');
            var found = new StringBuilder();
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                if (!line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith("   ", StringComparison.Ordinal))
                {
                    continue;
                }
                int end = line.IndexOf("  ", 2, StringComparison.Ordinal);
                string syntax = end < 0 ? line.Substring(2) : line.Substring(2, end - 2);
                if (Array.IndexOf(syntax.Split(' ', '|'), command) < 0)
                {
                    continue;
                }
                found.Append(found.Length == 0 ? "" : "\n").Append(line.Substring(2));
                for (int next = i + 1; next < lines.Length && lines[next].StartsWith("   ", StringComparison.Ordinal); next++)
                {
                    found.Append('\n').Append(lines[next]);
                }
            }
            return found.Length == 0 ? null : found.ToString();
        }
    }

    internal sealed class BenchClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly bool _json;

        /// <summary>
        /// With a password, .NET's handler answers the phone's 401 Digest challenge itself (RFC 7616, MD5, qop=auth),
        /// and Basic only if the phone offers nothing better; the password never travels in clear with Digest.
        /// </summary>
        public BenchClient(Uri baseUri, string user, string password, string adminPassword, bool json)
        {
            _json = json;
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
            if (password != null)
            {
                handler.Credentials = new System.Net.NetworkCredential(user ?? "admin", password);
            }
            _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(BenchCommands.TimeoutSeconds) };
            if (adminPassword != null)
            {
                _http.DefaultRequestHeaders.Add("X-Admin-Password", adminPassword);
            }
        }

        public void Dispose() => _http.Dispose();

        /// <summary>
        /// Sends the request and prints the answer: through <paramref name="view"/> as text, or as the phone sent it
        /// with --json or when the answer is text already (<paramref name="view"/> null).
        /// </summary>
        public int Show(string method, string path, string body, TextViews.View view, TextWriter output, TextWriter error)
        {
            (int status, string text) = Send(method, path, body);
            // 2xx is done: a provisioning run or an update check that starts is 202 Accepted, with the state as its body.
            if (status < 200 || status > 299)
            {
                return Refused(status, text, error);
            }
            if (_json || view == null)
            {
                output.WriteLine(text.TrimEnd('\n'));
                return 0;
            }
            using JsonDocument doc = JsonDocument.Parse(text);
            output.Write(view(doc.RootElement));
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
            try
            {
                File.WriteAllBytes(file, bytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                error.WriteLine("phonectl: cannot write " + file + " (" + ex.Message + ")");
                return 1;
            }
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
            try
            {
                while ((line = reader.ReadLine()) != null)
                {
                    if (line.StartsWith("event: ")) kind = line.Substring(7);
                    else if (line.StartsWith("data: ")) output.WriteLine(DateTime.Now.ToString("HH:mm:ss.fff") + " " + kind + " " + line.Substring(6));
                }
            }
            catch (IOException ex)
            {
                // The phone went away mid-stream (stopped, restarted, its network gone): HttpIOException is an IOException.
                error.WriteLine("phonectl: the event stream broke off (" + ex.Message + ")");
                return 1;
            }
            // Watching ends only by Ctrl-C: a stream the phone closed (its credentials changed, it shut down) is not done.
            error.WriteLine("phonectl: the phone ended the event stream");
            return 1;
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
                throw new HttpRequestException("no answer within " + BenchCommands.TimeoutSeconds + " s");
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
