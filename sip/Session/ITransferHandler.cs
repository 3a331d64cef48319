namespace DeskPhone.Sip.Session
{
    /// <summary>What the phone learns of its own transfers (REFER, RFC 3515): the outcome, once.</summary>
    public interface ITransferHandler
    {
        /// <summary>
        /// A transfer of <paramref name="call"/> ended: 2xx the target answered (the call is ended by then), else why it
        /// failed (the REFER's refusal, the target's final answer in the sipfrag NOTIFY, 408 when nothing came); the
        /// call is kept.
        /// </summary>
        void OnTransferDone(SipCall call, int status, long nowMs);
    }
}
