using DeskPhone.Domain.Calls;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// <c>POST /api/calls/{id}/dtmf</c> with <c>{"digits":"123#"}</c> (docs/bench.md): the digits go out in the call's
    /// media as RFC 4733 events, as keys typed during the call would.
    /// </summary>
    // One type with the other call routes (partial, a file each): a type is 8 B of runtime tables (h-firmslim).
    internal static partial class CallRoutes
    {
        /// <summary>Longest digit string taken at once (the media session queues 16 presses).</summary>
        public const int MaxDigits = 16;

        /// <summary>null when the digits are queued (the caller answers with the calls), else the error answer.</summary>
        public static BenchResponse Dtmf(PhoneCalls calls, int id, byte[] body)
        {
            string json = BenchResponse.BodyText(body);
            string digits = JsonText.StringField(json, "digits");
            if (digits == null || digits.Length == 0 || digits.Length > MaxDigits)
            {
                return BenchResponse.BadRequest("give 1 to 16 digits as {\"digits\":\"123#\"}");
            }
            if (id == 0)
            {
                SipCall active = calls.Active();
                id = active == null ? -1 : active.Id;
            }
            else if (calls.Sessions.Find(id) == null)
            {
                return BenchResponse.NotFound("no call " + id.ToString());
            }
            string error = id <= 0 ? "no call with media" : calls.Media.SendDigits(id, digits);
            return error == null ? null : BenchResponse.BadRequest(error);
        }
    }
}
