using System.Text;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The bench's /api/provisioning (docs/bench.md, docs/provisioning.md): GET gives the configuration, the state of
    /// the client and the last run's result; POST /api/provisioning/run starts a run (202), 409 while one runs.
    /// </summary>
    // Part of BenchRouter (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class BenchRouter
    {
        /// <param name="parts">The path split at '/', starting with "api", "provisioning".</param>
        internal static BenchResponse HandleProvisioning(PhoneProvisioning provisioning, SettingsStore settings, string method, string path, string[] parts)
        {
            if (provisioning.Client == null)
            {
                return BenchResponse.Error(501, "this phone has no HTTP channel for provisioning");
            }
            if (parts.Length == 2 && method == "GET")
            {
                return BenchResponse.Json(ProvisioningState(provisioning.Client, settings, provisioning.Now));
            }
            if (parts.Length != 3 || parts[2] != "run" || method != "POST")
            {
                return BenchResponse.NotFound("no " + method + " " + path + " (see docs/bench.md)");
            }
            string refused = provisioning.Run("bench");
            if (refused != null)
            {
                return BenchResponse.Error(provisioning.Client.State == ProvisioningClient.Idle ? 400 : 409, refused);
            }
            var started = BenchResponse.Json(ProvisioningState(provisioning.Client, settings, provisioning.Now));
            return new BenchResponse(202, started.ContentType, started.Body);
        }

        private static string ProvisioningState(ProvisioningClient client, SettingsStore settings, long nowMs)
        {
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"url\":", settings.Get(SettingNames.SettingServer));
            JsonText.Bool(sb, ",\"polling\":", settings.GetBool(SettingNames.ProvPollingEnabled));
            JsonText.Number(sb, ",\"periodSeconds\":", settings.GetInt(SettingNames.ProvPollingPeriod));
            JsonText.Field(sb, ",\"state\":", ProvisioningStateName(client.State));
            JsonText.Number(sb, ",\"retry\":", client.Retry);
            JsonText.Field(sb, ",\"retryReason\":", client.RetryReason);
            JsonText.Number(sb, ",\"runs\":", client.Runs);
            JsonText.Field(sb, ",\"trigger\":", client.Trigger);
            JsonText.Field(sb, ",\"target\":", client.LastTarget);
            sb.Append(",\"last\":");
            if (!client.HasResult)
            {
                return sb.Append("null}").ToString();
            }
            JsonText.Bool(sb, "{\"ok\":", client.LastOk);
            JsonText.Field(sb, ",\"result\":", client.LastResult);
            JsonText.Number(sb, ",\"endMs\":", client.LastEndMs);
            JsonText.Number(sb, ",\"agoSeconds\":", (nowMs - client.LastEndMs) / 1000);
            sb.Append(",\"unknown\":");
            ProvisioningList(sb, client.LastUnknown);
            sb.Append(",\"errors\":");
            ProvisioningList(sb, client.LastErrors);
            return sb.Append("}}").ToString();
        }

        private static void ProvisioningList(StringBuilder sb, string[] items)
        {
            sb.Append('[');
            for (int i = 0; items != null && i < items.Length; i++)
            {
                JsonText.Field(sb, i > 0 ? "," : "", items[i]);
            }
            sb.Append(']');
        }

        private static string ProvisioningStateName(int state)
        {
            switch (state)
            {
                case ProvisioningClient.Starting: return "starting";
                case ProvisioningClient.Fetching: return "fetching";
                case ProvisioningClient.Waiting: return "waiting";
                default: return "idle";
            }
        }
    }
}
