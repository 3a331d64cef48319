using System;
using System.Text;
using DeskPhone.Firmware.Voice;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Domain.Time;
using DeskPhone.Sip.UserAgent;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The bench interface, served by the firmware itself (docs/bench.md): one portable router from request to
    /// response, so the board's BenchHttpServer and the simulator's Kestrel serve the same API and the same protection
    /// (<see cref="BenchAuth"/>, docs/security.md). Adapters call <see cref="Admit"/> with the headers before they read
    /// a body, then <see cref="Handle(BenchRequest)"/>. Bad requests get 400 with a reason, unknown paths 404, every
    /// error is JSON. Callers hold <see cref="PhoneCore.Gate"/> while calling either.
    /// </summary>
    public sealed partial class BenchRouter
    {
        /// <summary>The largest request body any route takes (a setting value or a message); larger ones get 413.</summary>
        public const int MaxBodyBytes = 8192;

        private readonly PhoneCore _phone;
        private readonly IScreenSource _screen;
        private readonly KeyEventHandler _keys;
        private readonly IBenchHardware _hardware;
        private readonly IMessageSender _messages;

        public BenchRouter(PhoneCore phone, IScreenSource screen, KeyEventHandler keys, IBenchHardware hardware, IMessageSender messages)
        {
            _phone = phone;
            _screen = screen;
            _keys = keys;
            _hardware = hardware;
            _messages = messages;
            Auth = new BenchAuth(phone.Settings, null);
            _startMs = phone.Now;
        }

        /// <summary>Who may do what (Digest with http_user/http_pass, back-off, admin_mode_password).</summary>
        public readonly BenchAuth Auth;

        /// <summary>The phone's call layer (built on its first use) for /api/calls and /api/calls/callback; null: 404.</summary>
        public ICallLayerSource CallLayer;

        /// <summary>The phone's clock for GET /api/time; null: the route answers 404.</summary>
        public NetworkTime Time;

        /// <summary>The SIP trace for /api/trace; null: the route answers 404.</summary>
        public SipTrace Trace;

        /// <summary>What /api/trace answers when the trace is empty because the heap is short (docs/bench.md).</summary>
        public const string TraceOff = "SIP trace off: the heap is short (the phone refuses what does not fit, or a call runs on a short heap); it records again once the heap has room";

        /// <summary>The phone's log for /api/log; null: the route answers 404.</summary>
        public PhoneLog Log;

        /// <summary>Provisioning for /api/provisioning; null: the route answers 404.</summary>
        public PhoneProvisioning Provisioning;

        /// <summary>Application updates for /api/update; null: the route answers 404.</summary>
        public PhoneUpdates Updates;

        /// <summary>The bench page served at GET / (the simulator's; null on a board, where / is the web interface).</summary>
        public byte[] Page;

        /// <summary>The identities' registrations, which give /api/registration its last answers and reasons (null: none).</summary>
        public Registrations Registrations;

        /// <summary>
        /// The decision on the headers alone, before any body byte is read: null when the request may go on (its body,
        /// if any, may then be read up to <see cref="MaxBodyBytes"/>), else the answer (401, 429, 413).
        /// </summary>
        public BenchResponse Admit(BenchRequest request)
        {
            BenchResponse refusal = Auth.Check(request, _phone.Now);
            if (refusal != null)
            {
                return refusal;
            }
            if (request.ContentLength > MaxBodyBytes)
            {
                return TooLarge();
            }
            request.AdmittedEpoch = Auth.Epoch;
            return null;
        }

        public static BenchResponse TooLarge() =>
            BenchResponse.Error(413, "request body larger than " + MaxBodyBytes.ToString() + " bytes");

        /// <summary>One request without the two-step adapter protocol (tests, tools): admitted and handled at once.</summary>
        /// <param name="path">The path without the query, e.g. /api/status.</param>
        /// <param name="query">The query without '?', or null.</param>
        /// <param name="authorization">The Authorization header, or null.</param>
        public BenchResponse Handle(string method, string path, string query, byte[] body, string authorization)
        {
            var request = new BenchRequest(method, query == null ? path : path + "?" + query, authorization, "local", body == null ? 0 : body.Length);
            request.Body = body;
            return Handle(request);
        }

        /// <summary>Answers an admitted request (one that was not, or was admitted before a credentials change, is checked again).</summary>
        public BenchResponse Handle(BenchRequest request)
        {
            if (request.AdmittedEpoch != Auth.Epoch)
            {
                BenchResponse refusal = Admit(request);
                if (refusal != null)
                {
                    return refusal;
                }
            }
            if (request.Body != null && request.Body.Length > MaxBodyBytes)
            {
                return TooLarge();
            }
            string method = request.Method;
            string path = request.Path;
            if ((path == "/" || path == "/index.html") && method == "GET" && Page != null)
            {
                return new BenchResponse(200, "text/html; charset=utf-8", Page);
            }
            if (((path == "/" && Page == null) || path == "/admin" || path == "/admin/") && method == "GET")
            {
                return WebPage();
            }
            string[] parts = Split(path);
            if (parts.Length < 2 || parts[0] != "api")
            {
                return BenchResponse.NotFound("unknown path " + path);
            }
            return Route(request, parts) ?? NotFound(method, path);
        }

        // The answer of the route the path names, null when there is none: one NotFound for them all keeps the
        // firmware's byte code small (h-firmslim).
        private BenchResponse Route(BenchRequest request, string[] parts)
        {
            string method = request.Method;
            string path = request.Path;
            string query = request.Query;
            byte[] body = request.Body;
            long now = _phone.Now;
            bool get = method == "GET";
            bool post = method == "POST";
            switch (parts[1])
            {
                case "screen":
                    return get && parts.Length == 2 ? BenchResponse.Text(200, _screen.GetScreenText()) : null;
                case "screen.png":
                    if (!get || parts.Length != 2)
                    {
                        return null;
                    }
                    byte[] png = _screen.GetScreenPng();
                    return png == null ? BenchResponse.Error(501, "this panel cannot read its frame back") : new BenchResponse(200, "image/png", png);
                case "leds":
                    return get && parts.Length == 2 ? BenchResponse.Json(Leds()) : null;
                case "status":
                    if (get && parts.Length == 2)
                    {
                        return BenchResponse.Json(Statuses(now));
                    }
                    if (get && parts.Length == 3 && parts[2] == "ids")
                    {
                        return StatusIds(query);
                    }
                    if (post && parts.Length == 4)
                    {
                        return RaiseOrClear(parts[2], parts[3], Param(query, "param"), now);
                    }
                    return null;
                case "explain":
                    if (!get || parts.Length != 3)
                    {
                        return null;
                    }
                    int id = StatusCatalog.Find(parts[2]);
                    return id < 0 ? BenchResponse.NotFound("unknown status ID " + parts[2]) : BenchResponse.Text(200, _phone.Statuses.Explain(id, now));
                case "keys":
                    return post && parts.Length == 4 ? Key(parts[2], parts[3]) : null;
                case "registration":
                    return get && parts.Length == 2 ? BenchResponse.Json(Registration()) : null;
                case "presence":
                    if (get && parts.Length == 2)
                    {
                        return BenchResponse.Json(Presence());
                    }
                    return post && parts.Length == 3 ? ChoosePresence(parts[2], now) : null;
                case "settings":
                    if (get && parts.Length == 2)
                    {
                        return ListSettings(query);
                    }
                    if (parts.Length != 3)
                    {
                        return null;
                    }
                    if (get)
                    {
                        return GetSetting(parts[2], query);
                    }
                    return post ? SetSetting(request, parts[2], query, body) : null;
                case "settings.xml":
                    return parts.Length != 2 ? null : get ? Export(request, query) : post ? Import(request) : null;
                case "system":
                    return get && parts.Length == 2 ? SystemInfo() : null;
                case "reboot":
                    return post && parts.Length == 2 ? Reboot(request) : null;
                case "factory-reset":
                    return post && parts.Length == 2 ? FactoryReset(request) : null;
                case "send-message":
                    if (_messages == null || parts.Length != 2)
                    {
                        return null;
                    }
                    return post ? SendMessage(query, body) : get ? BenchResponse.Json(LastMessage()) : null;
                case "link":
                    return HandleLink(_phone, _hardware, method, path, parts);
                case "ethernet":
                case "hid":
                    return post && parts.Length == 3 ? Plug(parts[1], 0, parts[2]) : null;
                case "modules":
                    if (!post || parts.Length != 4)
                    {
                        return null;
                    }
                    int module = ParseInt(parts[2]);
                    return module < 1 || module > 3 ? BenchResponse.BadRequest("module must be 1, 2 or 3") : Plug("modules", module, parts[3]);
                case "calls":
                    if (parts.Length >= 3 && parts[2] == "callback")
                    {
                        DeskPhone.Firmware.Completion.CallCompletion completion = CallLayer == null ? null : CallLayer.Completion;
                        return completion == null ? null : CallRoutes.Callback(completion, method, parts, now);
                    }
                    if (CallLayer != null && !CallLayer.HasCalls && get && parts.Length == 2)
                    {
                        // No call layer yet: no call, and the list is not worth building it for.
                        return BenchResponse.Json("[]");
                    }
                    PhoneCalls calls = CallLayer == null ? null : CallLayer.Calls;
                    return calls == null ? null : CallRoutes.Handle(calls, method, parts, body, now);
                case "trace":
                    if (Trace == null)
                    {
                        return null;
                    }
                    if (get && parts.Length == 2)
                    {
                        // An empty trace on a short heap says why: the trace lets its ring go then (issue #17), and an
                        // empty answer would look like a phone that sent and received nothing.
                        string text = TraceText(Trace);
                        return BenchResponse.Text(200, text.Length == 0 && Trace.Off ? TraceOff : text);
                    }
                    if (post && parts.Length == 3 && parts[2] == "clear")
                    {
                        Trace.Clear();
                        return BenchResponse.Text(200, "");
                    }
                    return null;
                case "log":
                    return get && parts.Length == 2 && Log != null ? BenchResponse.Text(200, Log.Text()) : null;
                case "time":
                    return get && parts.Length == 2 && Time != null ? BenchResponse.Json(TimeNow()) : null;
                case "provisioning":
                    return Provisioning == null ? null : HandleProvisioning(Provisioning, _phone.Settings, method, path, parts);
                case "update":
                    return Updates == null ? null : HandleUpdate(Updates, _phone.Settings, Auth, request, parts, now);
                case "paging":
                    return CallRoutes.PagingFigures(CallLayer == null || !CallLayer.HasCalls ? null : CallLayer.Calls.Media as CallVoice, method, path, parts);
                default:
                    return null;
            }
        }

        private string Leds()
        {
            var sb = new StringBuilder("[");
            for (int led = 0; led < LedMap.Count; led++)
            {
                if (led > 0)
                {
                    sb.Append(',');
                }
                LedColor color = _phone.Leds.ColorOf(led);
                LedPattern pattern = _phone.Leds.PatternOf(led);
                JsonText.Field(sb, "{\"led\":", LedMap.Name(led));
                JsonText.Field(sb, ",\"color\":", LedNames.Color(color));
                JsonText.Field(sb, ",\"pattern\":", LedNames.Pattern(pattern));
                if (_phone.Drivers != null && led < _phone.Drivers.Leds.Count)
                {
                    JsonText.Bool(sb, ",\"lit\":", _phone.Drivers.Leds.IsLit(led));
                }
                sb.Append('}');
            }
            return sb.Append(']').ToString();
        }

        private string Statuses(long now)
        {
            StatusScheduler s = _phone.Statuses;
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"statusLine\":", StatusCatalog.Name(s.StatusLine));
            JsonText.Field(sb, ",\"popUp\":", StatusCatalog.Name(s.PopUp));
            sb.Append(",\"active\":[");
            bool first = true;
            for (int id = 0; id < StatusId.Count; id++)
            {
                if (!s.IsActive(id))
                {
                    continue;
                }
                sb.Append(first ? "" : ",");
                first = false;
                JsonText.Field(sb, "{\"id\":", StatusCatalog.Name(id));
                JsonText.Field(sb, ",\"description\":", StatusCatalog.Description(id));
                JsonText.Field(sb, ",\"param\":", s.ParamOf(id));
                JsonText.Field(sb, ",\"source\":", s.SourceOf(id));
                JsonText.Bool(sb, ",\"onStatusLine\":", s.StatusLine == id);
                JsonText.Field(sb, ",\"explain\":", s.Explain(id, now));
                sb.Append('}');
            }
            sb.Append("],\"problems\":[");
            System.Collections.ArrayList problems = s.Categories.Problems;
            for (int i = 0; i < problems.Count; i++)
            {
                JsonText.Field(sb, i > 0 ? "," : "", (string)problems[i]);
            }
            return sb.Append("]}").ToString();
        }

        private BenchResponse RaiseOrClear(string name, string action, string param, long now)
        {
            int id = StatusCatalog.Find(name);
            if (id < 0)
            {
                return BenchResponse.NotFound("unknown status ID " + name);
            }
            if (action == "raise")
            {
                _phone.Statuses.Raise(id, param, "bench", now);
            }
            else if (action == "clear")
            {
                _phone.Statuses.Clear(id, now);
            }
            else
            {
                return BenchResponse.BadRequest("action must be raise or clear, not " + action);
            }
            return BenchResponse.Json(Statuses(now));
        }

        private BenchResponse Key(string name, string action)
        {
            int code = KeyCode.Parse(name);
            if (code == KeyCode.None)
            {
                return BenchResponse.BadRequest("unknown key " + name + " (names: 0-9, STAR, HASH, UP, DOWN, LEFT, RIGHT, OK, CANCEL, MENU, F1..F16, X1.1..X3.18, ...)");
            }
            switch (action)
            {
                case "press":
                    _keys(code, KeyAction.Press);
                    _keys(code, KeyAction.Release);
                    break;
                case "hold":
                    _keys(code, KeyAction.Press);
                    _keys(code, KeyAction.LongPress);
                    break;
                case "release":
                    _keys(code, KeyAction.Release);
                    break;
                default:
                    return BenchResponse.BadRequest("action must be press, hold or release, not " + action);
            }
            return BenchResponse.Json("{\"key\":" + JsonText.Quote(KeyCode.Name(code)) + ",\"action\":" + JsonText.Quote(action) + "}");
        }

        /// <summary>
        /// What the phone's clock says and where it comes from: the local time (null until known), its source, the zone
        /// (named, the offset setting, the offset in force now), the configured NTP servers, the one asked now, the
        /// last answer (UTC) and the SNTP client's state and request count.
        /// </summary>
        private string TimeNow()
        {
            NetworkTime time = Time;
            SntpClient ntp = time.Client;
            var sb = new StringBuilder();
            JsonText.Bool(sb, "{\"known\":", time.Known);
            JsonText.Field(sb, ",\"local\":", time.Known ? NetworkTime.Iso(time.Local()) : null);
            JsonText.Field(sb, ",\"source\":", time.Source);
            JsonText.Field(sb, ",\"timezone\":", _phone.Settings.Get(SettingNames.Timezone));
            JsonText.Number(sb, ",\"timezoneOffsetMinutes\":", _phone.Settings.GetInt(SettingNames.TimezoneOffsetMinutes));
            JsonText.Number(sb, ",\"offsetMinutes\":", time.OffsetNow());
            JsonText.Field(sb, ",\"ntpServer\":", _phone.Settings.Get(SettingNames.NtpServer));
            JsonText.Field(sb, ",\"ntpState\":", ntp == null ? "none" : NtpStateName(ntp.State));
            JsonText.Field(sb, ",\"ntpActive\":", ntp == null ? null : ntp.Server);
            JsonText.Field(sb, ",\"lastSync\":", ntp == null || !ntp.TimeKnown ? null : NetworkTime.Iso(ntp.UtcAt(ntp.LastSyncMs)) + "Z");
            JsonText.Number(sb, ",\"ntpRequests\":", ntp == null ? 0 : ntp.Requests);
            return sb.Append('}').ToString();
        }

        private static string NtpStateName(int state)
        {
            switch (state)
            {
                case SntpClient.Waiting: return "waiting";
                case SntpClient.Synchronized: return "synchronized";
                case SntpClient.Unreachable: return "unreachable";
                default: return "off";
            }
        }

        private string Registration()
        {
            var sb = new StringBuilder("[");
            for (int identity = 1; identity <= PhoneCore.MaxIdentities; identity++)
            {
                sb.Append(identity > 1 ? "," : "");
                JsonText.Number(sb, "{\"identity\":", identity);
                JsonText.Field(sb, ",\"user\":", _phone.Settings.Get(SettingNames.UserName, identity));
                JsonText.Field(sb, ",\"host\":", _phone.Settings.Get(SettingNames.UserHost, identity));
                JsonText.Bool(sb, ",\"active\":", _phone.Settings.GetBool(SettingNames.UserActive, identity));
                JsonText.Bool(sb, ",\"registered\":", _phone.IsRegistered(identity));
                JsonText.Field(sb, ",\"state\":", ScreenMenus.Registration(_phone, identity));
                RegistrationClient client = Registrations == null ? null : Registrations.Get(identity);
                sb.Append(",\"status\":").Append(client == null || client.LastStatus == 0 ? "null" : client.LastStatus.ToString());
                JsonText.Field(sb, ",\"reason\":", client == null ? null : client.LastReason);
                sb.Append('}');
            }
            return sb.Append(']').ToString();
        }

        private string Presence()
        {
            OwnPresence p = _phone.Presence;
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"state\":", PresenceState.Token(p.State));
            JsonText.Field(sb, ",\"label\":", PresenceState.Label(p.State));
            JsonText.Field(sb, ",\"manual\":", PresenceState.Token(p.ManualChoice));
            JsonText.Bool(sb, ",\"lostRegistration\":", p.LostRegistration);
            return sb.Append('}').ToString();
        }

        private BenchResponse ChoosePresence(string token, long now)
        {
            int state = PresenceState.Parse(token);
            if (state < 0)
            {
                return BenchResponse.BadRequest("unknown presence state " + token);
            }
            if (!_phone.ChoosePresence(state, now))
            {
                return BenchResponse.BadRequest(PresenceState.Label(state) + " is set by the phone, not chosen (choose online, dnd or at-the-desk)");
            }
            return BenchResponse.Json(Presence());
        }

        private BenchResponse GetSetting(string name, string query)
        {
            SettingDefinition def = _phone.Settings.FindDefinition(name);
            if (def == null)
            {
                return BenchResponse.NotFound("unknown setting " + name);
            }
            // An index the setting does not have is refused as a change to it is, not read as an empty value.
            int idx = Index(query);
            string error = idx < 0 ? "idx must be a number" : SettingsStore.CheckIndex(def, idx);
            if (error != null)
            {
                return BenchResponse.BadRequest(error);
            }
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"name\":", name);
            JsonText.Number(sb, ",\"idx\":", idx);
            JsonText.Field(sb, ",\"value\":", _phone.Settings.GetForDisplay(name, idx));
            return BenchResponse.Json(sb.Append('}').ToString());
        }

        private BenchResponse SetSetting(BenchRequest request, string name, string query, byte[] body)
        {
            SettingDefinition def = _phone.Settings.FindDefinition(name);
            if (def == null)
            {
                return BenchResponse.NotFound("unknown setting " + name);
            }
            if (IsAdministrative(def))
            {
                BenchResponse refusal = Auth.CheckAdmin(request, _phone.Now);
                if (refusal != null)
                {
                    return refusal;
                }
            }
            int idx = Index(query);
            if (idx < 0)
            {
                return BenchResponse.BadRequest("idx must be a number");
            }
            string value = BenchResponse.BodyText(body).Trim();
            string error = _phone.Settings.Set(name, idx, value);
            if (error != null)
            {
                return BenchResponse.BadRequest(error);
            }
            string saveError = _phone.Settings.IsPersistent ? _phone.Settings.Save() : null;
            if (saveError != null)
            {
                return BenchResponse.Error(500, "applied but not saved: " + saveError);
            }
            return GetSetting(name, query);
        }

        /// <summary>Passwords and other secrets, and what decides who gets in: admin_mode_password guards them once set.</summary>
        public static bool IsAdministrative(SettingDefinition def) =>
            def.Kind == SettingKind.Password || def.Kind == SettingKind.Secret || def.Name == SettingNames.HttpUser || def.Name == SettingNames.HttpBasicAuth;

        private BenchResponse FactoryReset(BenchRequest request)
        {
            BenchResponse refusal = Auth.CheckAdmin(request, _phone.Now);
            if (refusal != null)
            {
                return refusal;
            }
            string error = _phone.Settings.FactoryReset();
            return error != null ? BenchResponse.Error(500, "reset, but the stored copy could not be deleted: " + error)
                                 : BenchResponse.Json("{\"factoryReset\":true}");
        }

        private BenchResponse Plug(string what, int module, string action)
        {
            bool plug = action == "plug";
            if (!plug && action != "unplug")
            {
                return BenchResponse.BadRequest("action must be plug or unplug, not " + action);
            }
            if (_hardware == null)
            {
                return BenchResponse.Error(501, "only the simulator can plug and unplug " + what);
            }
            if (what == "ethernet")
            {
                _hardware.SetEthernet(plug);
            }
            else if (what == "hid")
            {
                _hardware.SetHid(plug);
            }
            else if (!_hardware.SetModule(module, plug))
            {
                return BenchResponse.BadRequest("no module position " + module.ToString());
            }
            return BenchResponse.Json("{\"" + what + "\":" + JsonText.Quote(action) + "}");
        }

        private BenchResponse SendMessage(string query, byte[] body)
        {
            string to = Param(query, "to");
            int identity = Param(query, "identity") == null ? 1 : ParseInt(Param(query, "identity"));
            if (to == null || to.Length == 0)
            {
                return BenchResponse.BadRequest("give the target as ?to=sip:user@host");
            }
            if (identity < 1 || identity > PhoneCore.MaxIdentities)
            {
                return BenchResponse.BadRequest("identity must be 1..12");
            }
            string text = BenchResponse.BodyText(body);
            if (!_messages.Send(identity, to, text))
            {
                return BenchResponse.BadRequest("not sent: " + _messages.LastReason);
            }
            var accepted = BenchResponse.Json(LastMessage());
            return new BenchResponse(202, accepted.ContentType, accepted.Body);
        }

        private string LastMessage()
        {
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"to\":", _messages.LastTarget);
            JsonText.Number(sb, ",\"status\":", _messages.LastStatus);
            JsonText.Field(sb, ",\"reason\":", _messages.LastReason);
            return sb.Append('}').ToString();
        }

        private static BenchResponse NotFound(string method, string path) =>
            BenchResponse.NotFound("no " + method + " " + path + " (see docs/bench.md)");

        private int Index(string query)
        {
            string idx = Param(query, "idx");
            return idx == null ? 0 : ParseInt(idx);
        }

        /// <summary>A query parameter's value (percent-decoding '+' and %XX), or null.</summary>
        public static string Param(string query, string name)
        {
            if (query == null)
            {
                return null;
            }
            string[] pairs = query.Split(new char[] { '&' });
            for (int i = 0; i < pairs.Length; i++)
            {
                int eq = pairs[i].IndexOf('=');
                string key = eq < 0 ? pairs[i] : pairs[i].Substring(0, eq);
                if (key == name)
                {
                    return eq < 0 ? "" : Unescape(pairs[i].Substring(eq + 1));
                }
            }
            return null;
        }

        private static string Unescape(string text)
        {
            var bytes = new byte[text.Length];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '+')
                {
                    bytes[n++] = (byte)' ';
                }
                else if (c == '%' && i + 2 < text.Length && HexDigit.Value(text[i + 1]) >= 0 && HexDigit.Value(text[i + 2]) >= 0)
                {
                    bytes[n++] = (byte)(HexDigit.Value(text[i + 1]) * 16 + HexDigit.Value(text[i + 2]));
                    i += 2;
                }
                else if (c < 0x80)
                {
                    bytes[n++] = (byte)c;
                }
            }
            return Encoding.UTF8.GetString(bytes, 0, n);
        }

        private static int ParseInt(string text)
        {
            return (int)DecimalDigits.Parse(text, 4);
        }

        private static string[] Split(string path)
        {
            string trimmed = path == null ? "" : path.Trim(new char[] { '/' });
            return trimmed.Length == 0 ? new string[0] : trimmed.Split(new char[] { '/' });
        }
    }
}
