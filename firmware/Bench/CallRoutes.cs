using System.Text;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Voice;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The bench's /api/calls (docs/bench.md): GET lists the live calls, GET /api/calls/log the call lists; POST with {"to":"..."} (optionally
    /// "identity") dials; POST /api/calls/{id}/answer, /hangup, /hold and /resume act on one call (id 0: the ringing
    /// call to answer, the newest call otherwise); /transfer and /park (TransferRoute.cs); POST /api/calls/missed/clear tells
    /// the phone the missed calls were seen; GET /api/calls/{id}/audio is the simulator's (501 here for a live call);
    /// POST /api/calls/conference (and /conference/hangup) (ConferenceRoute.cs).
    /// </summary>
    internal static partial class CallRoutes
    {
        /// <param name="parts">The path split at '/', starting with "api", "calls".</param>
        public static BenchResponse Handle(PhoneCalls calls, string method, string[] parts, byte[] body, long nowMs)
        {
            bool post = method == "POST";
            if (parts.Length == 2)
            {
                return method == "GET" ? BenchResponse.Json(List(calls, nowMs)) : post ? Dial(calls, body, nowMs) : NotFound(method, parts);
            }
            if (parts.Length == 3 && parts[2] == "log" && method == "GET")
            {
                return BenchResponse.Json(Log(calls));
            }
            if (method == "GET" && parts.Length == 4 && parts[3] == "audio")
            {
                // The board plays a call on its own speaker; streaming it over HTTP is the simulator's (its Kestrel
                // front serves this route itself for a live call).
                return calls.Sessions.Find(Number(parts[2])) == null ? BenchResponse.NotFound("no call " + parts[2])
                    : BenchResponse.Error(501, "a call's audio is streamed by the simulator only (docs/bench.md)");
            }
            if (post && parts[2] == "conference" && (parts.Length == 3 || parts.Length == 4 && parts[3] == "hangup"))
            {
                return Conference(calls, parts.Length == 4, nowMs) ?? BenchResponse.Json(List(calls, nowMs));
            }
            if (!post || parts.Length != 4)
            {
                return NotFound(method, parts);
            }
            if (parts[2] == "missed" && parts[3] == "clear")
            {
                calls.ClearMissed(nowMs);
                return BenchResponse.Json("{\"missed\":0}");
            }
            int id = Number(parts[2]);
            if (id < 0)
            {
                return BenchResponse.BadRequest("call id must be a number, not " + parts[2]);
            }
            string action = parts[3];
            if (action == "dtmf")
            {
                return Dtmf(calls, id, body) ?? BenchResponse.Json(List(calls, nowMs));
            }
            if (action == "transfer" || action == "park")
            {
                return Transfer(calls, id, action, body, nowMs) ?? BenchResponse.Json(List(calls, nowMs));
            }
            if (action != "answer" && action != "hangup" && action != "hold" && action != "resume")
            {
                return NotFound(method, parts);
            }
            SipCall call = id == 0 ? null : calls.Sessions.Find(id);
            if (id != 0 && call == null)
            {
                return BenchResponse.NotFound("no call " + id.ToString());
            }
            bool answer = action == "answer";
            bool done = answer ? calls.Answer(id, nowMs) : action == "hangup" ? calls.Hangup(id, nowMs) : calls.Hold(id, action == "hold", nowMs);
            if (!done)
            {
                return id == 0 && (answer || action == "hangup" || calls.Sessions.Count == 0)
                    ? BenchResponse.NotFound(answer ? "no ringing call" : "no call")
                    : BenchResponse.BadRequest(answer ? "call " + id.ToString() + " is not ringing" : "the call is not connected or an offer is pending");
            }
            return BenchResponse.Json(List(calls, nowMs));
        }

        private static BenchResponse Dial(PhoneCalls calls, byte[] body, long nowMs)
        {
            string json = BenchResponse.BodyText(body);
            string to = JsonText.StringField(json, "to");
            if (to == null || to.Length == 0)
            {
                return BenchResponse.BadRequest("give the target as {\"to\":\"200\"} or {\"to\":\"sip:200@host\"}");
            }
            string identityText = JsonText.NumberField(json, "identity");
            int identity = identityText == null ? 1 : Number(identityText);
            if (identity < 1 || identity > 12)
            {
                return BenchResponse.BadRequest("identity must be 1..12");
            }
            string error;
            SipCall call = calls.Dial(identity, to, nowMs, out error);
            if (call == null)
            {
                return BenchResponse.BadRequest("not dialled: " + error);
            }
            var sb = new StringBuilder();
            Append(sb, call, calls, nowMs);
            return BenchResponse.Json(sb.ToString());
        }

        private static string List(PhoneCalls calls, long nowMs)
        {
            var sb = new StringBuilder("[");
            bool first = true;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = calls.Sessions.Slot(i);
                if (c == null)
                {
                    continue;
                }
                sb.Append(first ? "" : ",");
                first = false;
                Append(sb, c, calls, nowMs);
            }
            return sb.Append(']').ToString();
        }

        /// <summary>The three call lists, newest first, and the missed calls not yet seen.</summary>
        private static string Log(PhoneCalls calls)
        {
            var sb = new StringBuilder("{\"missedCount\":");
            sb.Append(calls.MissedCount.ToString());
            AppendList(sb, "missed", calls.Missed);
            AppendList(sb, "received", calls.Received);
            AppendList(sb, "dialled", calls.Dialled);
            return sb.Append('}').ToString();
        }

        private static void AppendList(StringBuilder sb, string name, CallList list)
        {
            sb.Append(",\"").Append(name).Append("\":[");
            for (int i = 0; i < list.Count; i++)
            {
                CallRecord r = list.Get(i);
                JsonText.Field(sb, i > 0 ? ",{\"remote\":" : "{\"remote\":", r.Remote);
                JsonText.Field(sb, ",\"name\":", r.Name);
                JsonText.Number(sb, ",\"identity\":", r.Identity);
                JsonText.Number(sb, ",\"atMs\":", r.AtMs);
                JsonText.Number(sb, ",\"duration\":", r.Seconds);
                sb.Append('}');
            }
            sb.Append(']');
        }

        private static void Append(StringBuilder sb, SipCall c, PhoneCalls calls, long nowMs)
        {
            ICallMedia media = calls.Media;
            JsonText.Number(sb, "{\"id\":", c.Id);
            JsonText.Field(sb, ",\"direction\":", CallNames.Direction(c));
            JsonText.Field(sb, ",\"state\":", CallNames.State(c));
            JsonText.Field(sb, ",\"remote\":", c.RemoteUri);
            JsonText.Field(sb, ",\"name\":", c.RemoteName);
            JsonText.Field(sb, ",\"number\":", c.RemoteUser);
            JsonText.Number(sb, ",\"identity\":", c.Identity);
            JsonText.Number(sb, ",\"duration\":", c.DurationSeconds(nowMs));
            if (c.State == SipCall.Alerting)
            {
                JsonText.Field(sb, ",\"ringer\":", calls.RingerName);
            }
            JsonText.Field(sb, ",\"codec\":", Sdp.CodecName(c.Codec));
            JsonText.Bool(sb, ",\"remoteHeld\":", c.RemoteHeld);
            JsonText.Bool(sb, ",\"earlyMedia\":", c.EarlyMedia);
            JsonText.Number(sb, ",\"earlyDialogs\":", c.EarlyDialogs);
            // The phone's transfer of the call: 0 none, 1 in progress, else the outcome's status.
            JsonText.Number(sb, ",\"transfer\":", c.TransferStatus);
            JsonText.Bool(sb, ",\"conference\":", InConference(media, c.Id));
            AppendMedia(sb, media as CallVoice, c.Id);
            sb.Append('}');
        }

        private static BenchResponse NotFound(string method, string[] parts)
        {
            var path = new StringBuilder();
            for (int i = 0; i < parts.Length; i++)
            {
                path.Append('/').Append(parts[i]);
            }
            return BenchResponse.NotFound("no " + method + " " + path.ToString() + " (see docs/bench.md)");
        }

        /// <summary>A non-negative decimal number of at most 9 digits, or -1.</summary>
        private static int Number(string text) => (int)DecimalDigits.Parse(text, 9);
    }
}
