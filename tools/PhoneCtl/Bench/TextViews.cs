using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace DeskPhone.PhoneCtl.Bench
{
    /// <summary>
    /// phonectl's text for each bench answer (docs/bench.md): one line per item, the fields a technician reads first.
    /// <c>--json</c> prints the answer as the phone sent it instead.
    /// </summary>
    internal static class TextViews
    {
        public delegate string View(JsonElement answer);

        /// <summary>GET /api/status (also the answer of raise and clear): the status line, the pop-up, the active statuses (* on the status line).</summary>
        public static string Status(JsonElement root)
        {
            var sb = new StringBuilder();
            sb.Append("status line: ").Append(root.GetProperty("statusLine").GetString() ?? "(date and time)").Append('\n');
            string popUp = root.GetProperty("popUp").GetString();
            if (popUp != null)
            {
                sb.Append("pop-up: ").Append(popUp).Append('\n');
            }
            foreach (JsonElement s in root.GetProperty("active").EnumerateArray())
            {
                string param = s.GetProperty("param").GetString();
                sb.Append(s.GetProperty("onStatusLine").GetBoolean() ? "* " : "  ").Append(s.GetProperty("id").GetString())
                  .Append(param != null ? " (" + param + ")" : "").Append(" [").Append(s.GetProperty("source").GetString()).Append("]\n");
            }
            foreach (JsonElement p in root.GetProperty("problems").EnumerateArray())
            {
                sb.Append("settings problem: ").Append(p.GetString()).Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>GET /api/status for `explain` without an ID: every active status with the phone's reason for where it is.</summary>
        public static string ExplainActive(JsonElement root)
        {
            var sb = new StringBuilder();
            foreach (JsonElement s in root.GetProperty("active").EnumerateArray())
            {
                // The phone's explanation starts with the ID ("PhoneIsLocked: ..."); a blank line between two.
                sb.Append(sb.Length > 0 ? "\n" : "").Append(s.GetProperty("explain").GetString().TrimEnd('\n')).Append('\n');
            }
            return sb.Length == 0 ? "no status is active\n" : sb.ToString();
        }

        /// <summary>GET /api/leds: the LEDs that are not off.</summary>
        public static string Leds(JsonElement root)
        {
            var sb = new StringBuilder();
            foreach (JsonElement led in root.EnumerateArray())
            {
                if (led.GetProperty("pattern").GetString() != "off")
                {
                    sb.Append(led.GetProperty("led").GetString()).Append(' ').Append(led.GetProperty("color").GetString())
                      .Append(' ').Append(led.GetProperty("pattern").GetString()).Append('\n');
                }
            }
            return sb.Length == 0 ? "all LEDs off\n" : sb.ToString();
        }

        /// <summary>POST /api/keys/KEY/ACTION.</summary>
        public static string Key(JsonElement root) =>
            root.GetProperty("key").GetString() + " " + Past(root.GetProperty("action").GetString()) + "\n";

        /// <summary>GET or POST /api/settings/NAME.</summary>
        public static string Setting(JsonElement root)
        {
            int idx = root.GetProperty("idx").GetInt32();
            return root.GetProperty("name").GetString() + (idx > 0 ? "[" + idx + "]" : "") + " = " + root.GetProperty("value").GetString() + "\n";
        }

        /// <summary>GET /api/presence and POST /api/presence/STATE.</summary>
        public static string Presence(JsonElement root)
        {
            string text = "own status: " + root.GetProperty("label").GetString();
            if (root.GetProperty("lostRegistration").GetBoolean())
            {
                text += " (registration lost)";
            }
            return text + "\n";
        }

        /// <summary>GET /api/registration: the active identities (an inactive one only when it has a user).</summary>
        public static string Registration(JsonElement root)
        {
            var sb = new StringBuilder();
            foreach (JsonElement id in root.EnumerateArray())
            {
                bool active = id.GetProperty("active").GetBoolean();
                string user = id.GetProperty("user").GetString();
                if (!active && string.IsNullOrEmpty(user))
                {
                    continue;
                }
                sb.Append(id.GetProperty("identity").GetInt32()).Append(' ').Append(user).Append(Host(id.GetProperty("host").GetString()))
                  .Append(' ').Append(!active ? "inactive" : id.GetProperty("registered").GetBoolean() ? "registered" : "not registered").Append('\n');
            }
            return sb.Length == 0 ? "no identity configured\n" : sb.ToString();
        }

        /// <summary>/api/calls/callback: "call back: queued (sip:200@host)", and why the last one ended.</summary>
        public static string Callback(JsonElement root)
        {
            string state = root.GetProperty("state").GetString();
            string remote = root.GetProperty("remote").GetString();
            string error = root.GetProperty("error").GetString();
            return "call back: " + state + (remote != null ? " (" + remote + ")" : "") + (error != null ? "\nlast: " + error : "") + "\n";
        }

        /// <summary>GET /api/calls (also the answer of answer, hangup, hold and resume) and the new call of POST /api/calls: one line per call.</summary>
        public static string Calls(JsonElement root)
        {
            var sb = new StringBuilder();
            IEnumerable<JsonElement> calls = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : new[] { root };
            foreach (JsonElement c in calls)
            {
                string name = c.GetProperty("name").GetString();
                sb.Append(c.GetProperty("id").GetInt32()).Append(' ').Append(c.GetProperty("direction").GetString())
                  .Append(' ').Append(c.GetProperty("state").GetString()).Append(' ').Append(c.GetProperty("remote").GetString());
                if (!string.IsNullOrEmpty(name))
                {
                    sb.Append(" \"").Append(name).Append('"');
                }
                int seconds = c.GetProperty("duration").GetInt32();
                sb.Append(' ').Append(seconds / 60).Append(':').Append((seconds % 60).ToString("00"));
                string codec = c.GetProperty("codec").GetString();
                if (codec != null)
                {
                    sb.Append(' ').Append(codec);
                }
                if (c.GetProperty("remoteHeld").GetBoolean())
                {
                    sb.Append(" (held by the other side)");
                }
                if (c.TryGetProperty("conference", out JsonElement conference) && conference.GetBoolean())
                {
                    sb.Append(" (conference)");
                }
                int transfer = c.TryGetProperty("transfer", out JsonElement t) ? t.GetInt32() : 0;
                if (transfer != 0)
                {
                    sb.Append(transfer == 1 ? " (transferring)" : " (transfer failed: " + transfer + ")");
                }
                sb.Append('\n');
            }
            return sb.Length == 0 ? "no calls\n" : sb.ToString();
        }

        /// <summary>GET /api/time: "2026-12-03 14:05:09 (ntp: synchronized with 127.0.0.7)".</summary>
        public static string Time(JsonElement root)
        {
            string local = root.GetProperty("local").GetString() ?? "time not known yet";
            string server = root.GetProperty("ntpServer").GetString();
            string ntp = string.IsNullOrEmpty(server) ? "no NTP server" : "NTP " + root.GetProperty("ntpState").GetString() + " with " + server;
            if (root.TryGetProperty("ntpActive", out JsonElement active) && active.ValueKind == JsonValueKind.String && active.GetString() != server)
            {
                ntp += ", asking " + active.GetString();
            }
            // A phone before the named zones answers without the zone's name: the zone is then the offset alone.
            string zone = root.TryGetProperty(DeskPhone.Domain.Settings.SettingNames.Timezone, out JsonElement tz) && !string.IsNullOrEmpty(tz.GetString()) ? tz.GetString() + ", " : "";
            int offset = root.TryGetProperty("offsetMinutes", out JsonElement now) ? now.GetInt32() : root.GetProperty("timezoneOffsetMinutes").GetInt32();
            return local + " (source: " + root.GetProperty("source").GetString() + "; " + ntp + "; zone " + zone + "UTC" +
                   (offset >= 0 ? "+" : "") + offset + " min)\n";
        }

        /// <summary>"on wifi, 127.0.0.2" and a line each for the Ethernet and the Wi-Fi (state, failures, next attempt).</summary>
        public static string Link(JsonElement root)
        {
            var sb = new StringBuilder("on ").Append(root.GetProperty("link").GetString());
            string address = root.GetProperty("address").GetString();
            sb.Append(address == null ? "" : ", " + address).Append('\n');
            JsonElement ethernet = root.GetProperty("ethernet");
            if (ethernet.ValueKind != JsonValueKind.Null)
            {
                sb.Append("ethernet: ").Append(ethernet.GetProperty("unplugged").GetBoolean() ? "unplugged" : ethernet.GetProperty("ready").GetBoolean() ? "up" : "no address").Append('\n');
            }
            JsonElement wifi = root.GetProperty("wifi");
            if (wifi.ValueKind == JsonValueKind.Null)
            {
                return sb.Append("wifi: none on this phone\n").ToString();
            }
            string ssid = wifi.GetProperty("ssid").GetString();
            sb.Append("wifi: ").Append(string.IsNullOrEmpty(ssid) ? "no network set (wifi_ssid)" : ssid + " " + wifi.GetProperty("state").GetString());
            string failure = wifi.GetProperty("lastFailure").GetString();
            if (failure != null)
            {
                sb.Append(", ").Append(wifi.GetProperty("failures").GetInt32()).Append(" failed, last: ").Append(failure);
            }
            JsonElement next = wifi.GetProperty("nextTryInMs");
            if (next.ValueKind == JsonValueKind.Number)
            {
                sb.Append(", next try in ").Append((next.GetInt64() + 999) / 1000).Append(" s");
            }
            return sb.Append('\n').ToString();
        }

        /// <summary>"URL (state; schedule)" and the last run's result with its unknown and refused settings.</summary>
        public static string Provisioning(JsonElement root)
        {
            string url = root.GetProperty("url").GetString();
            var sb = new StringBuilder(string.IsNullOrEmpty(url) ? "no provisioning URL (setting_server)" : url);
            sb.Append(" (").Append(root.GetProperty("state").GetString());
            string retry = root.GetProperty("retryReason").GetString();
            if (retry != null)
            {
                sb.Append(", retry ").Append(root.GetProperty("retry").GetInt32()).Append(" after: ").Append(retry);
            }
            sb.Append("; ").Append(root.GetProperty("polling").GetBoolean() ? "every " + root.GetProperty("periodSeconds").GetInt32() + " s" : "no schedule").Append(")\n");
            JsonElement last = root.GetProperty("last");
            if (last.ValueKind == JsonValueKind.Null)
            {
                return sb.Append("no run yet\n").ToString();
            }
            sb.Append(last.GetProperty("ok").GetBoolean() ? "last run: " : "last run failed: ").Append(last.GetProperty("result").GetString()).Append('\n');
            foreach (JsonElement name in last.GetProperty("unknown").EnumerateArray())
            {
                sb.Append("  unknown, kept: ").Append(name.GetString()).Append('\n');
            }
            foreach (JsonElement refused in last.GetProperty("errors").EnumerateArray())
            {
                sb.Append("  refused: ").Append(refused.GetString()).Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>"running 2.0.0 (slot a); staged: none; idle" and the last check's result.</summary>
        public static string Update(JsonElement root)
        {
            string running = root.GetProperty("running").GetString();
            string slot = root.GetProperty("runningSlot").GetString();
            string staged = root.GetProperty("staged").GetString();
            var sb = new StringBuilder("running ").Append(string.IsNullOrEmpty(running) ? "the deployed set" : running + " (slot " + slot + ")");
            sb.Append("; staged: ").Append(string.IsNullOrEmpty(staged) ? "none" : staged);
            sb.Append("; ").Append(root.GetProperty("state").GetString());
            if (root.GetProperty("files").GetInt32() > 0)
            {
                sb.Append(" file ").Append(root.GetProperty("file").GetInt32()).Append(" of ").Append(root.GetProperty("files").GetInt32());
            }
            string url = root.GetProperty("url").GetString();
            sb.Append(" (").Append(string.IsNullOrEmpty(url) ? "no firmware_status" : url).Append("; ").Append(root.GetProperty("policy").GetString()).Append(")\n");
            string last = root.GetProperty("last").GetString();
            if (last != null)
            {
                sb.Append(root.GetProperty("lastFailed").GetBoolean() ? "last check failed: " : "last check: ").Append(last).Append('\n');
            }
            string error = root.GetProperty("lastError").GetString();
            if (!string.IsNullOrEmpty(error) && !root.GetProperty("lastFailed").GetBoolean())
            {
                sb.Append("last failure: ").Append(error).Append('\n');
            }
            return sb.ToString();
        }

        private static string Host(string host) => string.IsNullOrEmpty(host) ? " (no registrar)" : "@" + host;

        private static string Past(string action) =>
            action == "press" ? "pressed" : action == "hold" ? "held" : action == "release" ? "released" : action;
    }
}
