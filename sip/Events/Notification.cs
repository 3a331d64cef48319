using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Events
{
    /// <summary>
    /// A NOTIFY as the events layer hands it to a subscription's owner: its Subscription-State read once (the state,
    /// "active" when the header is missing, its expires and reason), and the message for the body and its type. The
    /// layer keeps one and fills it per NOTIFY: valid only during <see cref="INotifyConsumer.OnNotify"/>.
    /// </summary>
    public sealed class Notification
    {
        /// <summary>active, pending or terminated.</summary>
        public string State { get; private set; }

        /// <summary>The expires parameter in seconds, -1 when absent.</summary>
        public int Expires { get; private set; }

        /// <summary>The reason parameter, null when absent.</summary>
        public string Reason { get; private set; }

        /// <summary>The NOTIFY: <see cref="SipMessage.ContentType"/>, the body at <see cref="SipMessage.BodyOffset"/> in <see cref="SipMessage.Buffer"/>.</summary>
        public SipMessage Message { get; private set; }

        internal void Read(SipMessage notify)
        {
            Message = notify;
            string state = notify.GetHeader(HeaderNames.SubscriptionState);
            State = HeaderParams.Value(state) ?? "active";
            Reason = HeaderParams.Get(state, "reason");
            int expires;
            Expires = int.TryParse(HeaderParams.Get(state, "expires") ?? "", out expires) ? expires : -1;
        }

        internal void Clear() => Message = null;
    }
}
