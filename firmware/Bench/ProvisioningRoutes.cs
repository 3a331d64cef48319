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
    internal static class ProvisioningRoutes
    {
        /// <param name="parts">The path split at '/', starting with "api", "provisioning".</param>
        public static BenchResponse Handle(PhoneProvisioning provisioning, SettingsStore settings, string method, string path, string[] parts)
        {
            if (provisioning.Client == null)
            {
                return BenchResponse.Error(501, "this phone has no HTTP channel for provisioning");
            }
            if (parts.Length == 2 && method == "GET")
            {
                return BenchResponse.Json(State(provisioning.Client, settings, provisioning.Now));
            }
            if (parts.Length != 3 || parts[2] != "run" || method != "POST")
            {
                return BenchResponse.Error(404, "no " + method + " " + path + " (see docs/bench.md)");
            }
            string refused = provisioning.Run("bench");
            if (refused != null)
            {
                return BenchResponse.Error(provisioning.Client.State == ProvisioningClient.Idle ? 400 : 409, refused);
            }
            var started = BenchResponse.Json(State(provisioning.Client, settings, provisioning.Now));
            return new BenchResponse(202, started.ContentType, started.Body);
        }

        private static string State(ProvisioningClient client, SettingsStore settings, long nowMs)
        {
            var sb = new StringBuilder("{\"url\":").Append(JsonText.Quote(settings.Get(SettingNames.SettingServer)));
            sb.Append(",\"polling\":").Append(settings.GetBool(SettingNames.ProvPollingEnabled) ? "true" : "false");
            sb.Append(",\"periodSeconds\":").Append(settings.GetInt(SettingNames.ProvPollingPeriod).ToString());
            sb.Append(",\"state\":").Append(JsonText.Quote(StateName(client.State)));
            sb.Append(",\"retry\":").Append(client.Retry.ToString());
            sb.Append(",\"retryReason\":").Append(JsonText.Quote(client.RetryReason));
            sb.Append(",\"runs\":").Append(client.Runs.ToString());
            sb.Append(",\"trigger\":").Append(JsonText.Quote(client.Trigger));
            sb.Append(",\"target\":").Append(JsonText.Quote(client.LastTarget));
            sb.Append(",\"last\":");
            if (!client.HasResult)
            {
                return sb.Append("null}").ToString();
            }
            sb.Append("{\"ok\":").Append(client.LastOk ? "true" : "false");
            sb.Append(",\"result\":").Append(JsonText.Quote(client.LastResult));
            sb.Append(",\"endMs\":").Append(client.LastEndMs.ToString());
            sb.Append(",\"agoSeconds\":").Append(((nowMs - client.LastEndMs) / 1000).ToString());
            sb.Append(",\"unknown\":");
            List(sb, client.LastUnknown);
            sb.Append(",\"errors\":");
            List(sb, client.LastErrors);
            return sb.Append("}}").ToString();
        }

        private static void List(StringBuilder sb, string[] items)
        {
            sb.Append('[');
            for (int i = 0; items != null && i < items.Length; i++)
            {
                sb.Append(i > 0 ? "," : "").Append(JsonText.Quote(items[i]));
            }
            sb.Append(']');
        }

        private static string StateName(int state)
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
