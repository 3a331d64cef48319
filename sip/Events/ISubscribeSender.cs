namespace DeskPhone.Sip.Events
{
    /// <summary>
    /// Sends a SUBSCRIBE for a subscription (a new dialog when <paramref name="newDialog"/>, else a refresh in the
    /// existing one), with <see cref="Subscription.Body"/> as its body when that is set. The answer comes back through
    /// <see cref="Subscription.OnResponse"/>. The events layer (<see cref="Subscriptions"/>) is the phone's sender;
    /// tests of a subscription's owner pass their own.
    /// </summary>
    public interface ISubscribeSender
    {
        void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds);
    }
}
