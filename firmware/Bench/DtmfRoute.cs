using System.Text;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Voice;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// <c>POST /api/calls/{id}/dtmf</c> with <c>{"digits":"123#"}</c> (docs/bench.md): the digits go out in the call's
    /// media as RFC 4733 events, as keys typed during the call would.
    /// </summary>
    internal static class DtmfRoute
    {
        /// <summary>Longest digit string taken at once (the media session queues 16 presses).</summary>
        public const int MaxDigits = 16;

        /// <summary>null when the digits are queued (the caller answers with the calls), else the error answer.</summary>
        public static BenchResponse Handle(PhoneCalls calls, int id, byte[] body)
        {
            var voice = calls.Media as CallVoice;
            string json = body == null ? "" : Encoding.UTF8.GetString(body, 0, body.Length);
            string digits = JsonText.StringField(json, "digits");
            if (digits == null || digits.Length == 0 || digits.Length > MaxDigits)
            {
                return BenchResponse.Error(400, "give 1 to 16 digits as {\"digits\":\"123#\"}");
            }
            if (id == 0)
            {
                id = voice == null ? -1 : voice.CurrentCall();
            }
            else if (calls.Sessions.Find(id) == null)
            {
                return BenchResponse.Error(404, "no call " + id.ToString());
            }
            string error = voice == null || id <= 0 ? "no call with media" : voice.SendDigits(id, digits);
            return error == null ? null : BenchResponse.Error(400, error);
        }
    }
}
