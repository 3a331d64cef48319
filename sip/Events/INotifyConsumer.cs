using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Events
{
    /// <summary>
    /// The owner of a subscription, who knows what its event package means: the events layer hands it each NOTIFY
    /// matched to the subscription's dialog and sends the status it returns. The owner applies the Subscription-State
    /// (<see cref="Subscription.OnNotify"/>) where it fits: before the body, or after reading it so that a bad body
    /// changes nothing.
    /// </summary>
    public interface INotifyConsumer
    {
        /// <summary>
        /// Who sends the SUBSCRIBEs of the owner's subscriptions (the events layer): asked of the owner, so a
        /// subscription keeps one reference for both (docs/benchmarks.md, h-office2).
        /// </summary>
        ISubscribeSender Sender { get; }

        /// <summary>
        /// The first of the owner's subscriptions, null for none: each links to the next and the last to the owner
        /// (<see cref="Subscription"/> keeps the chain, in the order they were made), so an owner needs no array of them
        /// and the events layer finds a dialog's subscription through its owners (docs/benchmarks.md h-blfstate). Only
        /// <see cref="Subscription"/> sets it.
        /// </summary>
        Subscription First { get; set; }

        /// <summary>The Accept header of the SUBSCRIBEs of <paramref name="eventPackage"/> (the body types the owner reads).</summary>
        string AcceptOf(string eventPackage);

        /// <summary>
        /// A NOTIFY in <paramref name="subscription"/>'s dialog (its body and type in <paramref name="notify"/>): the
        /// owner applies its Subscription-State with <see cref="Subscription.OnNotify(SipMessage, long)"/>, which reads
        /// it from the message. Returns the status to answer (200, 400, 415, 481, ...).
        /// </summary>
        int OnNotify(Subscription subscription, SipMessage notify, long nowMs);
    }
}
