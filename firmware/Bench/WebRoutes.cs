using System.Text;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Web;
using DeskPhone.Firmware.Phone;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The routes the administrator web interface adds to the bench API (docs/web.md): the page itself, the settings
    /// listing, the XML export and import, the system figures, the status catalog and reboot. Every answer is bounded:
    /// listings stop after <see cref="PageBudgetChars"/> characters and name where the next page starts, an import reads
    /// at most the router's body cap.
    /// </summary>
    // Part of BenchRouter (partial): a type of its own, its object and its copies of the phone and the protection were
    // 8 B of runtime tables and about 40 B of heap once the bench is built (h-firmslim).
    public sealed partial class BenchRouter
    {
        /// <summary>
        /// A listing stops after the entry that takes it past this many characters and gives "next": the device builds the
        /// answer as a string, so one page costs about three times this in transient heap.
        /// </summary>
        public const int PageBudgetChars = 2048;

        private readonly long _startMs;

        /// <summary>The board's or the simulator's figures and reboot; null: figures null, reboot 501.</summary>
        public IBenchTarget Target;

        /// <summary>The web interface: one page, served as it is stored (gzip) with Content-Encoding: gzip.</summary>
        public static BenchResponse WebPage()
        {
            var page = new BenchResponse(200, "text/html; charset=utf-8", AdminPage.Gzip());
            page.ExtraHeaderName = "Content-Encoding";
            page.ExtraHeaderValue = "gzip";
            return page;
        }

        /// <summary>
        /// GET /api/settings?from=N&amp;idx=I&amp;prefix=P: the table's definitions from ordinal N (whose names start
        /// with P), each with its value at index I (indexed settings; default 1) masked as the bench masks it.
        /// </summary>
        public BenchResponse ListSettings(string query)
        {
            SettingsStore store = _phone.Settings;
            int from = Number(Param(query, "from"), 0);
            int idx = Number(Param(query, "idx"), 1);
            string prefix = Param(query, "prefix");
            if (from < 0 || idx < 1)
            {
                return BenchResponse.BadRequest("from and idx must be numbers (idx from 1)");
            }
            var sb = new StringBuilder("{\"settings\":[");
            bool first = true;
            int ordinal = from;
            for (; ordinal < store.DefinitionCount && sb.Length < PageBudgetChars; ordinal++)
            {
                SettingDefinition def = store.GetDefinition(ordinal);
                if (prefix != null && !def.Name.StartsWith(prefix))
                {
                    continue;
                }
                if (idx > def.MaxIndex && def.IsIndexed)
                {
                    continue;
                }
                sb.Append(first ? "{" : ",{");
                first = false;
                Definition(sb, def, def.IsIndexed ? idx : 0);
                sb.Append('}');
            }
            sb.Append("],\"next\":").Append(ordinal < store.DefinitionCount ? ordinal.ToString() : "null");
            return BenchResponse.Json(sb.Append('}').ToString());
        }

        private void Definition(StringBuilder sb, SettingDefinition def, int idx)
        {
            JsonText.Field(sb, "\"name\":", def.Name);
            JsonText.Number(sb, ",\"idx\":", idx);
            JsonText.Number(sb, ",\"maxIndex\":", def.MaxIndex);
            JsonText.Field(sb, ",\"kind\":", KindName(def.Kind));
            if (def.Kind == SettingKind.Int)
            {
                JsonText.Number(sb, ",\"min\":", def.Min);
                JsonText.Number(sb, ",\"max\":", def.Max);
            }
            if (def.Choices != null)
            {
                sb.Append(",\"choices\":[");
                for (int i = 0; i < def.Choices.Length; i++)
                {
                    JsonText.Field(sb, i > 0 ? "," : "", def.Choices[i]);
                }
                sb.Append(']');
            }
            JsonText.Bool(sb, ",\"reboot\":", def.NeedsReboot);
            JsonText.Bool(sb, ",\"admin\":", IsAdministrative(def));
            JsonText.Field(sb, ",\"description\":", def.Description);
            // Passwords and secrets are write-only: the value says only whether one is set.
            bool hidden = def.Kind == SettingKind.Password || def.Kind == SettingKind.Secret;
            sb.Append(",\"value\":").Append(hidden ? "\"\"" : JsonText.Quote(_phone.Settings.Get(def.Name, idx)));
            if (hidden)
            {
                JsonText.Bool(sb, ",\"set\":", _phone.Settings.Get(def.Name, idx) != "");
            }
        }

        /// <summary>The kind as the listing names it (nanoFramework's enum ToString gives a number).</summary>
        private static string KindName(SettingKind kind)
        {
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            string name;
            switch (kind)
            {
                case SettingKind.List: name = "list"; break;
                case SettingKind.Bool: name = "bool"; break;
                case SettingKind.Int: name = "int"; break;
                case SettingKind.Choice: name = "choice"; break;
                case SettingKind.Ipv4: name = "ipv4"; break;
                case SettingKind.HostPort: name = "hostport"; break;
                case SettingKind.Proxy: name = "proxy"; break;
                case SettingKind.HostList: name = "hostlist"; break;
                case SettingKind.FunctionKey: name = "functionkey"; break;
                case SettingKind.Secret: name = "secret"; break;
                case SettingKind.Password: name = "password"; break;
                case SettingKind.Multicast: name = "multicast"; break;
                default: name = "text"; break;
            }
            return name;
        }

        /// <summary>
        /// GET /api/settings.xml[?all=on]: the changed settings (all with all=on) in the phones' XML format. Once
        /// admin_mode_password is set, the password hashes go out only with it in X-Admin-Password (a wrong one is
        /// refused and counted like any wrong password): its hash is not for anyone who may read the settings to guess
        /// against offline.
        /// </summary>
        public BenchResponse Export(BenchRequest request, string query)
        {
            bool passwords = true;
            if (_phone.Settings.IsPasswordSet(SettingNames.AdminModePassword))
            {
                bool given = request.AdminPassword != null && request.AdminPassword.Length > 0;
                BenchResponse refusal = given ? Auth.CheckAdmin(request, _phone.Now) : null;
                if (refusal != null)
                {
                    return refusal;
                }
                passwords = given;
            }
            string all = Param(query, "all");
            var xml = new BenchResponse(200, "application/xml; charset=utf-8", _phone.Settings.ExportXml(all == "on" || all == "1", passwords));
            xml.ExtraHeaderName = "Content-Disposition";
            xml.ExtraHeaderValue = "attachment; filename=\"settings.xml\"";
            return xml;
        }

        /// <summary>
        /// POST /api/settings.xml (body: the file, at most the router's body cap): applies what the store accepts and
        /// reports the rest; a malformed file changes nothing (400). Administrator-level, as it may set passwords.
        /// </summary>
        public BenchResponse Import(BenchRequest request)
        {
            BenchResponse refusal = Auth.CheckAdmin(request, _phone.Now);
            if (refusal != null)
            {
                return refusal;
            }
            byte[] body = request.Body;
            if (body == null || body.Length == 0)
            {
                return BenchResponse.BadRequest("no settings file in the body");
            }
            SettingsImportReport report = _phone.Settings.ImportXml(body, 0, body.Length);
            if (report.Malformed != null)
            {
                return BenchResponse.BadRequest("nothing imported: " + report.Malformed);
            }
            string saveError = report.Applied > 0 && _phone.Settings.IsPersistent ? _phone.Settings.Save() : null;
            var sb = new StringBuilder("{\"applied\":").Append(report.Applied.ToString());
            Strings(sb.Append(",\"unknown\":"), report.Unknown);
            Strings(sb.Append(",\"errors\":"), report.Errors);
            JsonText.Field(sb, ",\"saveError\":", saveError);
            return BenchResponse.Json(sb.Append('}').ToString());
        }

        private static void Strings(StringBuilder sb, string[] items)
        {
            sb.Append('[');
            for (int i = 0; i < items.Length; i++)
            {
                JsonText.Field(sb, i > 0 ? "," : "", items[i]);
            }
            sb.Append(']');
        }

        /// <summary>GET /api/system: what the status page shows besides the registrations.</summary>
        public BenchResponse SystemInfo()
        {
            IBenchTarget target = Target;
            // The assembly's version; the device build stamps none (0.0.0.0), which says nothing: null.
            string version = typeof(BenchRouter).Assembly.GetName().Version.ToString();
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"firmware\":", version == "0.0.0.0" ? null : version);
            JsonText.Field(sb, ",\"platform\":", target == null ? null : target.Platform);
            // The MAC the Ethernet driver was told at start, the one provisioning names {mac} with and the technician menu shows.
            JsonText.Field(sb, ",\"mac\":", _phone.Drivers == null ? null : _phone.Drivers.Ethernet.MacAddress);
            JsonText.Field(sb, ",\"ip\":", Address(_phone));
            JsonText.Field(sb, ",\"link\":", Link(_phone));
            JsonText.Number(sb, ",\"uptimeSeconds\":", (_phone.Now - _startMs) / 1000);
            long free = target == null ? -1 : target.FreeMemory;
            sb.Append(",\"freeMemory\":").Append(free < 0 ? "null" : free.ToString());
            JsonText.Bool(sb, ",\"rebootRequired\":", _phone.Settings.RebootRequired);
            return BenchResponse.Json(sb.Append('}').ToString());
        }

        /// <summary>POST /api/reboot: administrator-level; 202 and the target restarts, or 501 where it cannot.</summary>
        public BenchResponse Reboot(BenchRequest request)
        {
            BenchResponse refusal = Auth.CheckAdmin(request, _phone.Now);
            if (refusal != null)
            {
                return refusal;
            }
            if (Target == null || !Target.Reboot())
            {
                return BenchResponse.Error(501, "this target cannot reboot itself");
            }
            return new BenchResponse(202, "application/json", Encoding.UTF8.GetBytes("{\"reboot\":true}"));
        }

        /// <summary>GET /api/status/ids?from=N: every status ID the phone knows with its description, a page at a time.</summary>
        public static BenchResponse StatusIds(string query)
        {
            int from = Number(Param(query, "from"), 0);
            if (from < 0)
            {
                return BenchResponse.BadRequest("from must be a number");
            }
            var sb = new StringBuilder("{\"ids\":[");
            int id = from;
            for (; id < StatusId.Count && sb.Length < PageBudgetChars; id++)
            {
                JsonText.Field(sb, id > from ? ",{\"id\":" : "{\"id\":", StatusCatalog.Name(id));
                JsonText.Field(sb, ",\"description\":", StatusCatalog.Description(id));
                sb.Append('}');
            }
            sb.Append("],\"next\":").Append(id < StatusId.Count ? id.ToString() : "null");
            return BenchResponse.Json(sb.Append('}').ToString());
        }

        /// <summary>A query number; the fallback when absent, -1 when not a number.</summary>
        private static int Number(string text, int absent) =>
            text == null ? absent : (int)DecimalDigits.Parse(text, 4);
    }
}
