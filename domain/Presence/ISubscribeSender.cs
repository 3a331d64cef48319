namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// Sends a SUBSCRIBE for a subscription (a new dialog when <paramref name="newDialog"/>, else a refresh in the
    /// existing one), with <see cref="Subscription.Body"/> as its body when that is set during the call. The answer
    /// comes back through <see cref="Subscription.OnResponse"/>.
    /// </summary>
    public interface ISubscribeSender
    {
        void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds);
    }
}
