using DeskPhone.Sip.Events;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// One identity's as-feature-event subscription and the user changes not yet sent to the server. Changes are
    /// kept as flags, not a queue: the body is built from the settings when it goes out, so several changes of the
    /// same feature send one SUBSCRIBE with the latest value.
    /// </summary>
    public sealed class FeatureSync
    {
        public const int DoNotDisturb = 1;
        public const int ForwardAlways = 2;
        public const int ForwardBusy = 4;
        public const int ForwardNoAnswer = 8;

        private int _pending;

        public FeatureSync(Subscription subscription)
        {
            Subscription = subscription;
        }

        public readonly Subscription Subscription;

        /// <summary>Changes waiting to be sent (flags).</summary>
        public int Pending => _pending;

        public void MarkChanged(int feature) => _pending |= feature;

        /// <summary>Takes the next change to send (lowest flag first), or 0 when none is waiting.</summary>
        public int TakeNext()
        {
            for (int f = DoNotDisturb; f <= ForwardNoAnswer; f <<= 1)
            {
                if ((_pending & f) != 0)
                {
                    _pending &= ~f;
                    return f;
                }
            }
            return 0;
        }

        /// <summary>The server reported this feature: its word wins over a change not sent yet.</summary>
        public void Forget(int feature) => _pending &= ~feature;

        /// <summary>True while the server refuses or does not answer (DfksFailed).</summary>
        public bool Failing => Subscription.Failures > 0 && Subscription.State != SubscriptionState.Active;
    }
}
