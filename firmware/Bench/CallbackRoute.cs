using System.Text;
using DeskPhone.Firmware.Completion;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// <c>/api/calls/callback</c> (docs/bench.md): GET the call back's state; POST says yes to its next step (an
    /// offered call back is requested, a ready callee is called); POST <c>/api/calls/callback/cancel</c> withdraws it.
    /// </summary>
    // One type with the other call routes (partial, a file each): a type is 8 B of runtime tables (h-firmslim).
    internal static partial class CallRoutes
    {
        /// <param name="parts">The path split at '/': "api", "calls", "callback" and perhaps "cancel".</param>
        public static BenchResponse Callback(CallCompletion completion, string method, string[] parts, long nowMs)
        {
            if (parts.Length == 3 && method == "GET")
            {
                return BenchResponse.Json(CallbackState(completion));
            }
            if (method != "POST" || parts.Length > 4 || (parts.Length == 4 && parts[3] != "cancel"))
            {
                return BenchResponse.NotFound("no " + method + " /api/calls/callback" + (parts.Length == 4 ? "/" + parts[3] : "") + " (see docs/bench.md)");
            }
            if (parts.Length == 4)
            {
                return completion.Cancel(nowMs) ? BenchResponse.Json(CallbackState(completion)) : BenchResponse.NotFound("no call back to cancel");
            }
            string error;
            return completion.Accept(nowMs, out error) ? BenchResponse.Json(CallbackState(completion)) : BenchResponse.Error(409, error);
        }

        private static string CallbackState(CallCompletion c)
        {
            var sb = new StringBuilder();
            JsonText.Field(sb, "{\"state\":", CallCompletion.StateName(c.State));
            JsonText.Field(sb, ",\"remote\":", c.Remote);
            JsonText.Number(sb, ",\"identity\":", c.Identity);
            JsonText.Field(sb, ",\"error\":", c.LastError);
            return sb.Append('}').ToString();
        }
    }
}
