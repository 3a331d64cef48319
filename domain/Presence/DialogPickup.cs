namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// What a pickup with Replaces needs of a dialog ringing at a monitored extension (RFC 4235 dialog element): its
    /// call-id, local-tag (the extension's side) and remote-tag, and the caller's target (remote target URI, else
    /// identity). One object per ringing key, none otherwise: a DialogInfo keeps one reference, not four.
    /// </summary>
    public sealed class DialogPickup
    {
        public DialogPickup(string callId, string localTag, string remoteTag, string target)
        {
            CallId = callId;
            LocalTag = localTag;
            RemoteTag = remoteTag;
            Target = target;
        }

        public readonly string CallId;
        public readonly string LocalTag;
        public readonly string RemoteTag;
        public readonly string Target;

        /// <summary>The ringing key's dialog ids while this pickup is its DialogInfo's (kept in its one field).</summary>
        internal object Ids;
    }
}
