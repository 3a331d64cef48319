namespace DeskPhone.Sip.Events
{
    /// <summary>Life-cycle states of a client subscription (RFC 6665).</summary>
    public static class SubscriptionState
    {
        /// <summary>Not started, or stopped by the phone.</summary>
        public const int Idle = 0;

        /// <summary>A SUBSCRIBE is out, no final answer yet.</summary>
        public const int Sent = 1;

        /// <summary>Accepted (2xx or a NOTIFY with Subscription-State active or pending); refreshed before expiry.</summary>
        public const int Active = 2;

        /// <summary>Failed or terminated by the server: a new SUBSCRIBE goes out after the back-off.</summary>
        public const int Waiting = 3;

        /// <summary>Answered 489 Bad Event: never retried, until the owner starts a new subscription.</summary>
        public const int Refused = 4;
    }
}
