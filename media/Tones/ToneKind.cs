namespace DeskPhone.Media.Tones
{
    /// <summary>The call progress tones a phone plays into its own audio path.</summary>
    public enum ToneKind
    {
        /// <summary>Off hook, nothing dialled yet.</summary>
        Dial = 0,

        /// <summary>The far end is ringing (also when no early media arrives).</summary>
        Ringback = 1,

        /// <summary>The far end is busy (486, 600).</summary>
        Busy = 2,

        /// <summary>The network cannot complete the call (reorder / fast busy: 503, 480, timeouts).</summary>
        Congestion = 3,

        /// <summary>A second call arrives during a call.</summary>
        CallWaiting = 4,
    }
}
