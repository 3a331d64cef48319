using DeskPhone.Domain.Calls;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// <c>POST /api/calls/{id}/transfer</c> with <c>{"to":"300"}</c> (blind), or <c>{"attended":true}</c> (the held call
    /// to the connected one), and <c>POST /api/calls/{id}/park</c> (to park_orbit) (docs/bench.md). The REFER goes out;
    /// its outcome shows in the call list (<c>transfer</c>) and the status line.
    /// </summary>
    // One type with the other call routes (partial, a file each): a type is 8 B of runtime tables (h-firmslim).
    internal static partial class CallRoutes
    {
        /// <summary>null when the REFER went out (the caller answers with the calls), else the error answer.</summary>
        public static BenchResponse Transfer(PhoneCalls calls, int id, string action, byte[] body, long nowMs)
        {
            if (id != 0 && calls.Sessions.Find(id) == null)
            {
                return BenchResponse.NotFound("no call " + id.ToString());
            }
            string error;
            if (action == "park")
            {
                return calls.Park(id, nowMs, out error) ? null : BenchResponse.BadRequest("not parked: " + error);
            }
            string json = BenchResponse.BodyText(body);
            if (JsonText.BoolField(json, "attended"))
            {
                return calls.TransferAttended(nowMs, out error) ? null : BenchResponse.BadRequest("not transferred: " + error);
            }
            string to = JsonText.StringField(json, "to");
            if (to == null || to.Length == 0)
            {
                return BenchResponse.BadRequest("give the target as {\"to\":\"300\"} or {\"attended\":true}");
            }
            return calls.Transfer(id, to, nowMs, out error) ? null : BenchResponse.BadRequest("not transferred: " + error);
        }
    }
}
