using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Events
{
    /// <summary>
    /// The phone's own background requests (an identity's message-summary, feature sync and reg SUBSCRIBEs, the presence
    /// PUBLISH) go out one at a time: a due one waits while another request of the phone is in flight, for at most
    /// <see cref="MaxHoldMs"/> past its due time (a PBX that never answers one holds the others back no longer than that).
    /// An identity's REGISTER answer releases them all together, and each in flight holds about 1 KB of heap until its
    /// answer (its bytes, the transaction, the request's builder and handler): one at a time, the idle phone's register
    /// step holds one instead of three (docs/benchmarks.md, h-idle2). The BLF keys' SUBSCRIBEs keep their own bound
    /// (<see cref="Subscriptions.MaxInFlight"/>).
    /// </summary>
    public static class OneAtATime
    {
        /// <summary>The longest a due request waits for the others' answers.</summary>
        public const long MaxHoldMs = 2000;

        /// <summary>True while a request due at <paramref name="dueMs"/> should wait for another's answer.</summary>
        public static bool Holds(ISipClientCore core, long dueMs, long nowMs) =>
            nowMs - dueMs < MaxHoldMs && core.FreeClientTransactions < SipUserAgent.MaxClientTransactions;
    }
}
