using DeskPhone.Domain.MessageWaiting;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The phone's own subscriptions, a consumer of the events layer (<see cref="Subscriptions"/>, which sends them
    /// and keeps their dialogs): each identity's message-summary (to the mailbox counts) and feature sync
    /// (as-feature-event, to DND and forwarding, and the user's changes back to the server), and the current identity's
    /// reg event (the other-registrations mark of the own presence). The keys' subscriptions belong to
    /// <see cref="MonitoredExtensions"/>, built by the phone core over the same layer.
    /// </summary>
    public sealed class SipSubscriptions : INotifyConsumer
    {
        /// <summary>
        /// Subscriptions the phone holds at once, the events layer's dialog table: the 70 keys (16 function keys and 54
        /// module keys), and each identity's message-summary and feature sync, and the reg event (before, 70 in all, so
        /// with 69 keys, the mailbox and the reg event one key was refused), and the call back's request.
        /// </summary>
        public const int MaxDialogs = MonitoredExtensions.MaxKeys + 2 * PhoneCore.MaxIdentities + 1 + DeskPhone.Firmware.Completion.CallCompletion.MaxRequests;

        private const string MessageSummaryPackage = "message-summary";

        /// <summary>The events layer these subscriptions (and the keys') go through.</summary>
        public readonly Subscriptions Events;
        private readonly PhoneCore _phone;
        // Made by the first feature sync (dfks_enabled on and an identity registered); null while none ever ran. Identity
        // i's FeatureSync at [i]; [0] (there is no identity 0) is this object while DfksFailed is raised: no flag of its
        // own, as it can be raised only once a feature sync ran (12 B at every profile, docs/benchmarks.md h-subsrest).
        private object[] _features;
        private readonly RegInfo _regInfo = new RegInfo();

        /// <summary>The phone's own subscriptions over <paramref name="events"/>, reporting to <paramref name="phone"/>.</summary>
        public SipSubscriptions(Subscriptions events, PhoneCore phone)
        {
            Events = events;
            _phone = phone;
        }

        /// <summary>
        /// Subscribes identity <paramref name="index"/> to its own message-summary (RFC 3842) at its registrar, or stops
        /// when it has none.
        /// </summary>
        public void UpdateMailbox(int index, string user, string registrar, bool active, long nowMs)
        {
            Subscription old = Own(MessageSummaryPackage, index);
            string target = OwnTarget(user, registrar);
            if (old != null && active && old.Target == target)
            {
                return;
            }
            if (old != null)
            {
                old.Drop();
            }
            if (!active || target == null)
            {
                return;
            }
            Begin(new Subscription(this, MessageSummaryPackage, target, index, 3600), nowMs);
        }

        /// <summary>
        /// Keeps identity <paramref name="index"/>'s as-feature-event subscription to its own address of record: started
        /// once the identity is registered with feature sync on, stopped when it is turned off or the address changes.
        /// </summary>
        public void UpdateFeatureSync(int index, string user, string registrar, bool enabled, bool registered, long nowMs)
        {
            FeatureSync old = GetFeatureSync(index);
            string target = OwnTarget(user, registrar);
            if (old != null && enabled && target != null && old.Subscription.Target == target)
            {
                return;
            }
            if (old != null)
            {
                old.Subscription.Drop();
                _features[index] = null;
            }
            if (!enabled || target == null || !registered)
            {
                return;
            }
            var sync = new FeatureSync(new Subscription(this, FeatureEvent.EventPackage, target, index, 3600));
            if (_features == null)
            {
                _features = new object[PhoneCore.MaxIdentities + 1];
            }
            _features[index] = sync;
            Begin(sync.Subscription, nowMs);
        }

        /// <summary>The feature sync of an identity, null when it has none.</summary>
        public FeatureSync GetFeatureSync(int index) => index >= 1 && index <= PhoneCore.MaxIdentities && _features != null ? (FeatureSync)_features[index] : null;

        /// <summary>A user change of a feature (FeatureSync flags) to send to the server, when the identity syncs.</summary>
        public void FeatureChanged(int index, int feature)
        {
            FeatureSync sync = GetFeatureSync(index);
            if (sync != null)
            {
                sync.MarkChanged(feature);
            }
        }

        /// <summary>
        /// Keeps the reg event subscription (RFC 3680) of the current identity while it has a registrar, to learn of
        /// the user's other registrations; anything else stops it and forgets them.
        /// </summary>
        public void UpdateReg(int index, string user, string registrar, bool active, long nowMs)
        {
            string target = active ? OwnTarget(user, registrar) : null;
            Subscription reg = Reg;
            if (reg != null && reg.Identity == index && reg.Target == target)
            {
                return;
            }
            if (reg != null)
            {
                reg.Drop();
                _regInfo.Reset();
                _phone.Presence.SetOtherRegistrations(false, nowMs);
            }
            if (target == null)
            {
                return;
            }
            Begin(new Subscription(this, RegInfo.EventPackage, target, index, 3600), nowMs);
        }

        /// <summary>
        /// The reg event subscription, null when there is none: found in this owner's chain of subscriptions by its
        /// package, not a field of its own (h-blfstate: the chain's start took its place).
        /// </summary>
        public Subscription Reg => Own(RegInfo.EventPackage, -1);

        /// <summary>
        /// The own subscription to <paramref name="package"/> of identity <paramref name="index"/> (-1: of any), null for
        /// none: found in this owner's chain, where an identity's mailbox had a slot of an array (12 B an identity and
        /// the array's 20 B, docs/benchmarks.md h-subsrest). The package is compared as the literal the subscription
        /// gives back for the phone's own packages: no string made.
        /// </summary>
        private Subscription Own(string package, int index)
        {
            Subscription s = First;
            while (s != null && (s.EventPackage != package || (index >= 0 && s.Identity != index)))
            {
                s = s.Next;
            }
            return s;
        }

        /// <summary>
        /// Runs the timers of the subscriptions the keys do not own (message waiting, feature sync, reg), sends the
        /// feature changes waiting for their dialog, and keeps DfksFailed in step.
        /// </summary>
        public void Poll(long nowMs)
        {
            // Every subscription of this owner, in the order they were made (its chain: the reg subscription has no
            // field of its own, and finding it by its package would make a string each turn).
            for (Subscription s = First; s != null; s = s.Next)
            {
                Tick(s, nowMs);
            }
            bool failing = false;
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                FeatureSync sync = GetFeatureSync(i);
                if (sync != null)
                {
                    SendPending(sync, nowMs);
                    failing |= sync.Failing;
                }
            }
            object[] features = _features;
            if (features != null && failing != (features[0] != null))
            {
                features[0] = failing ? this : null;
                if (failing)
                {
                    _phone.Statuses.Raise(StatusId.DfksFailed, null, "dfks", nowMs);
                }
                else
                {
                    _phone.Statuses.Clear(StatusId.DfksFailed, nowMs);
                }
            }
        }

        /// <summary>
        /// Starts an own subscription now, or once the phone's request in flight has its answer (<see cref="OneAtATime"/>:
        /// an identity's REGISTER answer starts its message-summary, feature sync and reg subscriptions together).
        /// </summary>
        private void Begin(Subscription subscription, long nowMs)
        {
            if (OneAtATime.Holds(Events.Core, nowMs, nowMs))
            {
                subscription.StartAt(nowMs);
            }
            else
            {
                subscription.Start(nowMs);
            }
        }

        /// <summary>Runs an own subscription's timers; a due SUBSCRIBE waits while another request is in flight.</summary>
        private void Tick(Subscription subscription, long nowMs)
        {
            if (subscription.State == SubscriptionState.Sent || nowMs < subscription.DueMs ||
                !OneAtATime.Holds(Events.Core, subscription.DueMs, nowMs))
            {
                subscription.Tick(nowMs);
            }
        }

        private void SendPending(FeatureSync sync, long nowMs)
        {
            Subscription subscription = sync.Subscription;
            if (sync.Pending == 0 || subscription.State != SubscriptionState.Active || !subscription.HasDialog)
            {
                return;
            }
            int feature = sync.TakeNext();
            byte[] body = _phone.FeatureRequest(subscription.Identity, feature, subscription.Target);
            subscription.SendBody(body, FeatureEvent.ContentType, nowMs);
        }

        private static string OwnTarget(string user, string registrar)
        {
            string host = SipIdentity.HostOf(registrar);
            return host == null || user == null || user.Length == 0 ? null : "sip:" + user + "@" + host;
        }

        public ISubscribeSender Sender => Events;

        public Subscription First { get; set; }

        public string AcceptOf(string eventPackage)
        {
            switch (eventPackage)
            {
                case MessageSummaryPackage: return "application/simple-message-summary";
                case RegInfo.EventPackage: return RegInfo.ContentType;
                default: return FeatureEvent.ContentType;
            }
        }

        /// <summary>A NOTIFY in one of the phone's own subscriptions: its body goes where its package says.</summary>
        public int OnNotify(Subscription subscription, SipMessage m, long nowMs)
        {
            string package = subscription.EventPackage;
            if (package == FeatureEvent.EventPackage)
            {
                return OnFeatureNotify(subscription, m, nowMs);
            }
            if (package == RegInfo.EventPackage)
            {
                return OnRegNotify(subscription, m, nowMs);
            }
            int status = subscription.OnNotify(m, nowMs);
            if (status == 200 && package == MessageSummaryPackage && m.BodyLength > 0)
            {
                var summary = new MessageSummary();
                if (!summary.Parse(m.Buffer, m.BodyOffset, m.BodyLength))
                {
                    return 400;
                }
                _phone.Mailbox.Apply(subscription.Identity, summary);
            }
            return status;
        }

        /// <summary>The body is read before the subscription sees the NOTIFY: a bad one is refused and changes nothing.</summary>
        private int OnFeatureNotify(Subscription subscription, SipMessage m, long nowMs)
        {
            bool hasBody = m.BodyLength > 0;
            // Made per NOTIFY: the parsed parts are needed only until they are applied, and most phones never get one.
            FeatureEventSet events = null;
            if (hasBody)
            {
                string boundary = HeaderParams.Get(m.GetHeader(HeaderNames.ContentType), "boundary");
                events = new FeatureEventSet();
                if (!events.Parse(m.ContentType, boundary, m.Buffer, m.BodyOffset, m.BodyLength))
                {
                    return 400;
                }
            }
            int status = subscription.OnNotify(m, nowMs);
            if (status != 200 || !hasBody)
            {
                return status;
            }
            FeatureSync sync = GetFeatureSync(subscription.Identity);
            for (int i = 0; i < events.Count; i++)
            {
                int feature = _phone.ApplyServerFeature(subscription.Identity, events.Get(i));
                if (sync != null)
                {
                    sync.Forget(feature);
                }
            }
            return status;
        }

        private int OnRegNotify(Subscription subscription, SipMessage m, long nowMs)
        {
            if (m.BodyLength > 0)
            {
                string type = m.ContentType;
                if (type != null && type != RegInfo.ContentType)
                {
                    return 415;
                }
                if (!_regInfo.Apply(m.Buffer, m.BodyOffset, m.BodyLength))
                {
                    return 400;
                }
            }
            int status = subscription.OnNotify(m, nowMs);
            if (status == 200 && _regInfo.NeedsRefresh)
            {
                // A partial document skipped a version: a refresh makes the server send the full state (RFC 3680 4.4).
                subscription.Refresh(nowMs);
            }
            _phone.Presence.SetOtherRegistrations(_regInfo.HasOtherThan(Events.Core.LocalHost, Events.Core.LocalPort), nowMs);
            return status;
        }
    }
}
