namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// What only some calls carry, apart from <see cref="SipCall"/> so that a plain call does not hold its fields (12 B
    /// each on nanoCLR): a refused call's Warning and call-completion texts, a transfer made or received, a note or
    /// received digits on the call screen, a re-INVITE's retry, redirects followed, forks ended, an UPDATE's branch,
    /// the session timer (RFC 4028) and the last reliable provisional acknowledged (RFC 3262). Kept by slot, references
    /// in <see cref="Refs"/> and numbers in <see cref="Numbers"/>: <see cref="SipCall"/>'s properties of the same names
    /// read and write them through one getter and setter each kind; the first value other than null or 0 makes it.
    /// </summary>
    internal sealed class SipCallExtras
    {
        // Slots of Refs.
        internal const int Warning = 0;
        internal const int CompletionInfo = 1;
        internal const int ReferredBy = 2;
        internal const int Note = 3;
        internal const int ReceivedDigits = 4;
        internal const int ClosedForks = 5;
        internal const int UpdateBranch = 6;
        internal const int Consult = 7;
        internal const int ReferredFrom = 8;
        internal const int Replaces = 9;
        internal const int ReferredByHeader = 10;

        // Outgoing: the early dialog's To tag of the last reliable provisional acknowledged with PRACK (RFC 3262 4).
        internal const int RSeqTag = 11;

        // Slots of Numbers.
        internal const int RetryAt = 0;
        internal const int Redirects = 1;
        internal const int SessionExpires = 2;
        internal const int RefreshAt = 3;
        internal const int ExpireAt = 4;
        internal const int MinSe = 5;
        internal const int TransferStatus = 6;
        internal const int TransferDeadline = 7;
        internal const int ReferNotified = 8;

        // Outgoing: the RSeq of the last reliable provisional acknowledged with PRACK (RFC 3262 4).
        internal const int RSeq = 9;

        internal readonly object[] Refs = new object[RSeqTag + 1];
        internal readonly long[] Numbers = new long[RSeq + 1];
    }
}
