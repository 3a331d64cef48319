using System.Text;
using DeskPhone.Domain.Settings;
using DeskPhone.Firmware.Updates;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The bench's /api/update (docs/bench.md, docs/updates.md): GET gives the running and staged versions, the
    /// state and the last check's result; POST /api/update/check starts a check (202; 409 while one runs, 400 when it
    /// cannot start); POST /api/update/apply starts the staged set (200; 409 when none is staged or no loader can);
    /// POST /api/update/discard forgets it (200; 409 when none is staged or a check runs). The three POSTs change what
    /// the phone runs: administrator-level (admin_mode_password once set), like a reboot.
    /// </summary>
    // Part of BenchRouter (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class BenchRouter
    {
        /// <param name="parts">The path split at '/', starting with "api", "update".</param>
        internal static BenchResponse HandleUpdate(PhoneUpdates updates, SettingsStore settings, BenchAuth auth, BenchRequest request, string[] parts, long now)
        {
            string method = request.Method;
            if (updates.Updater == null)
            {
                return BenchResponse.Error(501, "this phone has no flash or HTTP channel for updates");
            }
            if (parts.Length == 2 && method == "GET")
            {
                return BenchResponse.Json(UpdateState(updates, settings));
            }
            if (parts.Length != 3 || method != "POST" || (parts[2] != "check" && parts[2] != "apply" && parts[2] != "discard"))
            {
                return BenchResponse.NotFound("no " + method + " " + request.Path + " (see docs/bench.md)");
            }
            BenchResponse notAdmin = auth.CheckAdmin(request, now);
            if (notAdmin != null)
            {
                return notAdmin;
            }
            if (parts[2] != "check")
            {
                string refused = parts[2] == "apply" ? updates.Apply() : updates.Updater.Discard();
                return refused != null ? BenchResponse.Error(409, refused) : BenchResponse.Json(UpdateState(updates, settings));
            }
            bool busy = updates.Updater.State != FirmwareUpdater.Idle;
            string notStarted = updates.Check("bench");
            if (notStarted != null)
            {
                return BenchResponse.Error(busy ? 409 : 400, notStarted);
            }
            var started = BenchResponse.Json(UpdateState(updates, settings));
            return new BenchResponse(202, started.ContentType, started.Body);
        }

        private static string UpdateState(PhoneUpdates updates, SettingsStore settings)
        {
            FirmwareUpdater u = updates.Updater;
            BootRecord r = u.Record;
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"url\":", settings.Get(SettingNames.FirmwareStatus));
            JsonText.Field(sb, ",\"policy\":", settings.Get(SettingNames.UpdatePolicy));
            JsonText.Field(sb, ",\"running\":", updates.Running);
            JsonText.Field(sb, ",\"runningSlot\":", r.State == BootRecord.Trying ? r.Staged : r.Active);
            bool staged = r.State == BootRecord.Ready || r.State == BootRecord.Apply;
            JsonText.Field(sb, ",\"staged\":", staged ? r.StagedVersion : "");
            sb.Append(",\"stagedBytes\":").Append(staged ? r.StagedBytes : 0);
            JsonText.Field(sb, ",\"state\":", UpdateStateName(u, r));
            JsonText.Bool(sb, ",\"canApply\":", updates.CanApply);
            JsonText.Field(sb, ",\"offered\":", u.Offered);
            sb.Append(",\"file\":").Append(u.State == FirmwareUpdater.FetchingFile ? u.FileIndex + 1 : 0);
            sb.Append(",\"files\":").Append(u.FileCount);
            sb.Append(",\"checks\":").Append(u.Checks);
            JsonText.Field(sb, ",\"last\":", u.LastResult);
            JsonText.Bool(sb, ",\"lastFailed\":", u.LastFailed);
            JsonText.Field(sb, ",\"lastError\":", u.LastFailed ? u.LastResult : r.Failure);
            return sb.Append('}').ToString();
        }

        private static string UpdateStateName(FirmwareUpdater u, BootRecord r)
        {
            if (u.State == FirmwareUpdater.FetchingManifest)
            {
                return "checking";
            }
            if (u.State == FirmwareUpdater.FetchingFile)
            {
                return "downloading";
            }
            switch (r.State)
            {
                case BootRecord.Ready: return "staged";
                case BootRecord.Apply: return "apply-at-restart";
                case BootRecord.Trying: return "trying";
                default: return "idle";
            }
        }
    }
}
