namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// What only some calls carry, apart from <see cref="SipCall"/> so that a plain call does not hold its fields (12 B
    /// each on nanoCLR): a refused call's Warning and call-completion texts, a transfer made or received, a note or
    /// received digits on the call screen, a re-INVITE's retry, redirects followed, forks ended, an UPDATE's branch,
    /// the session timer (RFC 4028) and the last reliable provisional acknowledged (RFC 3262). <see cref="SipCall"/>'s properties of the same names read and write it; the first
    /// value other than null or 0 makes it.
    /// </summary>
    internal sealed class SipCallExtras
    {
        internal string Warning;
        internal string CompletionInfo;
        internal string ReferredBy;
        internal string Note;
        internal string ReceivedDigits;
        internal long RetryAt;
        internal int Redirects;
        internal string[] ClosedForks;
        internal string UpdateBranch;
        internal int SessionExpires;
        internal long RefreshAt;
        internal long ExpireAt;
        internal int MinSe;
        internal int TransferStatus;
        internal long TransferDeadline;
        internal SipCall Consult;
        internal SipCall ReferredFrom;
        internal int ReferNotified;
        internal string Replaces;
        internal string ReferredByHeader;

        // Outgoing: the RSeq of the last reliable provisional acknowledged with PRACK, and its early dialog's To tag (RFC 3262 4).
        internal long RSeq;
        internal string RSeqTag;
    }
}
