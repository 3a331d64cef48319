using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Voice;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// POST /api/calls/conference joins the two connected calls into a local conference (docs/calls.md, "Conference");
    /// POST /api/calls/conference/hangup ends both. 400 with the reason when they cannot be joined, 404 without a
    /// conference to hang up or without media (no mixer without the calls' voice).
    /// </summary>
    // One type with the other call routes (partial, a file each): a type is 8 B of runtime tables (h-firmslim).
    internal static partial class CallRoutes
    {
        /// <summary>The answer, or null when done (the caller lists the calls).</summary>
        public static BenchResponse Conference(PhoneCalls calls, bool hangup, long nowMs)
        {
            var voice = calls.Media as CallVoice;
            if (voice == null)
            {
                return BenchResponse.NotFound("the phone has no call media to mix");
            }
            if (hangup)
            {
                return voice.Conference.Hangup(nowMs) ? null : BenchResponse.NotFound("no conference");
            }
            string error = voice.Conference.Join(nowMs);
            return error == null ? null : BenchResponse.BadRequest(error);
        }

        /// <summary>Whether the call is one of the conference's two (its "conference" field).</summary>
        public static bool InConference(ICallMedia media, int callId)
        {
            var voice = media as CallVoice;
            return voice != null && voice.Conference.Active && (voice.Conference.First == callId || voice.Conference.Second == callId);
        }
    }
}
