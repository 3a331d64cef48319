using System.Collections;
using DeskPhone.Domain.MessageWaiting;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Sends the SUBSCRIBEs of the phone's subscriptions through the user agent, keeps each one's dialog (Call-ID,
    /// tags, CSeq), and hands the NOTIFYs that belong to them on: BLF and presence keys to the monitored keys, and the
    /// identities' own subscriptions (message-summary, as-feature-event, reg) to the phone core.
    /// </summary>
    public sealed class SipSubscriptions : ISubscribeSender
    {
        /// <summary>
        /// Subscriptions the phone holds at once: the 70 keys (16 function keys and 54 module keys), and each identity's
        /// message-summary and feature sync, and the reg event (before, 70 in all, so with 69 keys, the mailbox and the
        /// reg event one key was refused).
        /// </summary>
        public const int MaxDialogs = MonitoredExtensions.MaxKeys + 2 * PhoneCore.MaxIdentities + 1;

        /// <summary>SUBSCRIBEs waiting for a client transaction slot: one per subscription at most, so the queue never refuses one.</summary>
        public const int MaxWaiting = MaxDialogs;

        /// <summary>
        /// SUBSCRIBEs let out while no other client transaction is busy. Each one in flight holds about 1.2 KB of heap
        /// until its answer (its bytes, the transaction, the builder's and handler's closures), so at bring-up 14 at a
        /// time took about 12 KB more than the 4 now (docs/benchmarks.md, "Cuts"); with a PBX answering within a loop
        /// turn or two, 69 keys still come up in well under a second.
        /// </summary>
        public const int MaxInFlight = 4;

        /// <summary>Client transaction slots a SUBSCRIBE (new or refresh) leaves to REGISTER, PUBLISH and MESSAGE.</summary>
        public const int SlotsLeftToOthers = SipUserAgent.MaxClientTransactions - MaxInFlight;

        /// <summary>
        /// Client transaction slots an unsubscribe (Expires: 0) leaves to the others: it goes out at once when a key or
        /// an identity is turned off (with the identity's other unsubscribes and its REGISTER), so only 2 are kept.
        /// </summary>
        public const int SlotsLeftByUnsubscribe = 2;

        // The waiting SUBSCRIBEs in the order they were asked for (key order at bring-up); the array exists only while
        // one waits.
        private Waiting[] _waiting;
        private int _waitingCount;

        private readonly Hashtable _byCallId = new Hashtable();
        private readonly Subscription[] _mailboxes = new Subscription[PhoneCore.MaxIdentities + 1];
        private readonly FeatureSync[] _features = new FeatureSync[PhoneCore.MaxIdentities + 1];
        private readonly FeatureEventSet _featureEvents = new FeatureEventSet();
        private readonly RegInfo _regInfo = new RegInfo();
        private Subscription _reg;
        private bool _dfksFailed;
        private SipUserAgent _agent;
        private PhoneCore _phone;

        /// <summary>
        /// Connects the sender once the user agent and the phone exist (the phone needs this sender to be built, the
        /// user agent needs the binding); only <see cref="SipBinding"/>'s constructor calls it.
        /// </summary>
        internal void Connect(SipUserAgent agent, PhoneCore phone)
        {
            _agent = agent;
            _phone = phone;
        }

        public void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds)
        {
            if (_agent == null)
            {
                // A key configured while the phone is being built, before the user agent exists: it goes out at the
                // first loop turn, in its place in the queue, instead of failing and waiting for its first retry.
                if (!Wait(new Waiting(subscription, newDialog, expiresSeconds)))
                {
                    subscription.OnResponse(503, -1, -1, 0);
                }
                return;
            }
            long now = _phone == null ? 0 : _phone.Now;
            if (expiresSeconds != 0 && (_waitingCount > 0 || _agent.FreeClientTransactions <= SlotsLeftToOthers))
            {
                // It has to wait: it waits unprepared, and its dialog, request builder and answer handler (about 250 B
                // a key) are made when it goes out. An unsubscribe is prepared at once (Dispatch queues it prepared):
                // it needs the dialog its caller forgets right after.
                if (!Wait(new Waiting(subscription, newDialog, expiresSeconds)))
                {
                    subscription.OnResponse(503, -1, -1, now);
                }
                return;
            }
            Waiting request = Prepare(subscription, newDialog, expiresSeconds, now);
            if (request != null)
            {
                Dispatch(request, now);
            }
        }

        /// <summary>
        /// The SUBSCRIBE of a subscription, ready to go out (its dialog made or reused); null when it cannot (told to the
        /// subscription as a local 503).
        /// </summary>
        private Waiting Prepare(Subscription subscription, bool newDialog, int expiresSeconds, long now)
        {
            SipIdentity identity = _agent.GetIdentity(subscription.Identity);
            Dialog dialog = Find(subscription);
            if (identity == null && expiresSeconds == 0 && dialog != null && !newDialog)
            {
                // The identity was just turned off: the server still holds the subscription, so it is ended with the
                // identity that set it up.
                identity = dialog.Identity;
            }
            if (identity == null || !identity.Active)
            {
                subscription.OnResponse(503, -1, -1, now);
                return null;
            }
            if (dialog == null || newDialog)
            {
                if (dialog != null)
                {
                    _byCallId.Remove(dialog.CallId);
                }
                if (_byCallId.Count >= MaxDialogs)
                {
                    subscription.OnResponse(503, -1, -1, now);
                    return null;
                }
                dialog = new Dialog(subscription, _agent.NewToken() + "@" + _agent.LocalHost, _agent.NewToken());
                _byCallId[dialog.CallId] = dialog;
            }
            dialog.Identity = identity;
            string next = identity.Outbound != null && identity.Outbound.Length > 0 ? identity.Outbound : identity.Registrar;
            SipUri target = SipUri.Parse(subscription.Target);
            if ((next == null || next.Length == 0) && target != null)
            {
                next = target.Host + (target.Port > 0 ? ":" + target.Port.ToString() : "");
            }
            string host;
            int port;
            string address = null;
            if (!HostResolver.Split(next, out host, out port) || (address = HostResolver.Resolve(host)) == null)
            {
                subscription.OnResponse(503, -1, -1, now);
                return null;
            }
            string domain = identity.Registrar != null && identity.Registrar.Length > 0 ? SipIdentity.HostOf(identity.Registrar) : _agent.LocalHost;
            Dialog owner = dialog;
            byte[] body = subscription.Body;
            string contentType = subscription.BodyContentType;
            RequestBuilder build = (branch, authHeader, authValue) => SipWriter.Request("SUBSCRIBE", subscription.Target)
                .Header(HeaderNames.Via, "SIP/2.0/UDP " + _agent.LocalHost + ":" + _agent.LocalPort.ToString() + ";branch=" + branch + ";rport")
                .Header(HeaderNames.MaxForwards, "70")
                .Header(HeaderNames.From, "<sip:" + identity.User + "@" + domain + ">;tag=" + owner.LocalTag)
                .Header(HeaderNames.To, "<" + subscription.Target + ">" + (owner.RemoteTag != null ? ";tag=" + owner.RemoteTag : ""))
                .Header(HeaderNames.CallId, owner.CallId)
                .Header(HeaderNames.CSeq, (++owner.CSeq).ToString() + " SUBSCRIBE")
                .Header(HeaderNames.Contact, "<sip:" + identity.User + "@" + _agent.LocalHost + ":" + _agent.LocalPort.ToString() + ";line=" + identity.LineToken + ">")
                .Header(HeaderNames.Event, subscription.EventPackage)
                .Header(HeaderNames.Accept, Accept(subscription.EventPackage))
                .Header(HeaderNames.Expires, expiresSeconds.ToString())
                .Header(HeaderNames.UserAgent, "DeskPhone")
                .Header(authHeader, authValue)
                .Body(contentType, body)
                .ToBytes();
            ResponseHandler done = (tr, response, at) => OnResponse(owner, response, at);
            return new Waiting(subscription, identity, address, port, build, done, expiresSeconds);
        }

        /// <summary>Sends a prepared SUBSCRIBE, or queues it while others wait or the client transactions are busy.</summary>
        private void Dispatch(Waiting request, long now)
        {
            if (_waitingCount > 0 || _agent.FreeClientTransactions <= SlotsLeft(request.Expires))
            {
                // All client transactions are busy (the bring-up of many BLF keys): the SUBSCRIBE waits for a slot, in
                // order, instead of failing locally with 503 and backing off.
                if (Wait(request))
                {
                    return;
                }
            }
            else if (_agent.SendRequest(request.Identity, "SUBSCRIBE", request.Subscription.Target, request.Address, request.Port,
                         request.Build, request.Done, now))
            {
                return;
            }
            request.Subscription.OnResponse(503, -1, -1, now);
        }

        private static int SlotsLeft(int expires) => expires == 0 ? SlotsLeftByUnsubscribe : SlotsLeftToOthers;

        /// <summary>SUBSCRIBEs waiting for a client transaction slot (for tests and the bench).</summary>
        public int WaitingCount => _waitingCount;

        /// <summary>Queues a SUBSCRIBE; a subscription already waiting takes its new request in its place.</summary>
        private bool Wait(Waiting request)
        {
            if (_waiting == null)
            {
                _waiting = new Waiting[MaxWaiting];
            }
            for (int i = 0; i < _waitingCount; i++)
            {
                if (_waiting[i].Subscription == request.Subscription)
                {
                    _waiting[i] = request;
                    return true;
                }
            }
            if (_waitingCount == MaxWaiting)
            {
                return false;
            }
            _waiting[_waitingCount++] = request;
            return true;
        }

        /// <summary>Sends the waiting SUBSCRIBEs, oldest first, while client transaction slots are free.</summary>
        private void SendWaiting(long nowMs)
        {
            int taken = 0;
            while (taken < _waitingCount && _agent.FreeClientTransactions > SlotsLeft(_waiting[taken].Expires))
            {
                Waiting w = _waiting[taken];
                _waiting[taken++] = null;
                // A subscription stopped while it waited is not sent; an unsubscribe (Expires: 0) always is.
                if (w.Expires != 0 && w.Subscription.State != SubscriptionState.Sent)
                {
                    continue;
                }
                if (w.Build == null)
                {
                    // Asked for before the user agent existed: prepared now.
                    w = Prepare(w.Subscription, w.NewDialog, w.Expires, nowMs);
                    if (w == null)
                    {
                        continue;
                    }
                }
                if (!_agent.SendRequest(w.Identity, "SUBSCRIBE", w.Subscription.Target, w.Address, w.Port, w.Build, w.Done, nowMs))
                {
                    w.Subscription.OnResponse(503, -1, -1, nowMs);
                }
            }
            if (taken == 0)
            {
                return;
            }
            for (int i = taken; i < _waitingCount; i++)
            {
                _waiting[i - taken] = _waiting[i];
                _waiting[i] = null;
            }
            _waitingCount -= taken;
            if (_waitingCount == 0)
            {
                _waiting = null;
            }
        }

        /// <summary>
        /// Subscribes identity <paramref name="index"/> to its own message-summary (RFC 3842) at its registrar, or stops
        /// when it has none.
        /// </summary>
        public void UpdateMailbox(int index, string user, string registrar, bool active, long nowMs)
        {
            Subscription old = _mailboxes[index];
            string target = OwnTarget(user, registrar);
            if (old != null && active && old.Target == target)
            {
                return;
            }
            if (old != null)
            {
                old.Stop();
                Forget(old);
                _mailboxes[index] = null;
            }
            if (!active || target == null)
            {
                return;
            }
            var subscription = new Subscription(this, "message-summary", target, index, 3600);
            _mailboxes[index] = subscription;
            subscription.Start(nowMs);
        }

        /// <summary>
        /// Keeps identity <paramref name="index"/>'s as-feature-event subscription to its own address of record: started
        /// once the identity is registered with feature sync on, stopped when it is turned off or the address changes.
        /// </summary>
        public void UpdateFeatureSync(int index, string user, string registrar, bool enabled, bool registered, long nowMs)
        {
            FeatureSync old = _features[index];
            string target = OwnTarget(user, registrar);
            if (old != null && enabled && target != null && old.Subscription.Target == target)
            {
                return;
            }
            if (old != null)
            {
                old.Subscription.Stop();
                Forget(old.Subscription);
                _features[index] = null;
            }
            if (!enabled || target == null || !registered)
            {
                return;
            }
            var sync = new FeatureSync(new Subscription(this, FeatureEvent.EventPackage, target, index, 3600));
            _features[index] = sync;
            sync.Subscription.Start(nowMs);
        }

        /// <summary>The feature sync of an identity, null when it has none.</summary>
        public FeatureSync GetFeatureSync(int index) => index >= 1 && index <= PhoneCore.MaxIdentities ? _features[index] : null;

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
            if (_reg != null && _reg.Identity == index && _reg.Target == target)
            {
                return;
            }
            if (_reg != null)
            {
                _reg.Stop();
                Forget(_reg);
                _reg = null;
                _regInfo.Reset();
                _phone.Presence.SetOtherRegistrations(false, nowMs);
            }
            if (target == null)
            {
                return;
            }
            _reg = new Subscription(this, RegInfo.EventPackage, target, index, 3600);
            _reg.Start(nowMs);
        }

        /// <summary>The reg event subscription, null when there is none.</summary>
        public Subscription Reg => _reg;

        /// <summary>
        /// Runs the timers of the subscriptions the keys do not own (message waiting, feature sync, reg), sends the
        /// feature changes waiting for their dialog, and keeps DfksFailed in step.
        /// </summary>
        public void Poll(long nowMs)
        {
            if (_waitingCount > 0)
            {
                SendWaiting(nowMs);
            }
            bool failing = false;
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                if (_mailboxes[i] != null)
                {
                    _mailboxes[i].Tick(nowMs);
                }
                FeatureSync sync = _features[i];
                if (sync != null)
                {
                    sync.Subscription.Tick(nowMs);
                    SendPending(sync, nowMs);
                    failing |= sync.Failing;
                }
            }
            if (_reg != null)
            {
                _reg.Tick(nowMs);
            }
            if (failing != _dfksFailed && _phone != null)
            {
                _dfksFailed = failing;
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

        /// <summary>
        /// A NOTIFY that may belong to one of the phone's subscriptions (same Call-ID). Returns the status to answer,
        /// or -1 when it is not ours (an out-of-dialog NOTIFY for the Infobox or message waiting).
        /// </summary>
        public int OnNotify(SipMessage notify, long nowMs)
        {
            string callId = notify.CallId;
            var dialog = callId == null ? null : (Dialog)_byCallId[callId];
            if (dialog == null)
            {
                return -1;
            }
            NameAddr from = notify.From;
            if (dialog.RemoteTag == null && from != null)
            {
                dialog.RemoteTag = from.Tag;
            }
            string state = notify.GetHeader(HeaderNames.SubscriptionState);
            string value = HeaderParams.Value(state);
            string reason = HeaderParams.Get(state, "reason");
            int expires;
            if (!int.TryParse(HeaderParams.Get(state, "expires") ?? "", out expires))
            {
                expires = -1;
            }
            int key = _phone.Monitored.KeyOf(dialog.Subscription);
            string package = dialog.Subscription.EventPackage;
            if (key < 0 && package == FeatureEvent.EventPackage)
            {
                return OnFeatureNotify(dialog.Subscription, notify, value ?? "active", expires, reason, nowMs);
            }
            if (key < 0 && package == RegInfo.EventPackage)
            {
                return OnRegNotify(dialog.Subscription, notify, value ?? "active", expires, reason, nowMs);
            }
            if (key < 0)
            {
                int status = dialog.Subscription.OnNotify(value ?? "active", expires, reason, nowMs);
                if (status == 200 && dialog.Subscription.EventPackage == "message-summary" && notify.BodyLength > 0)
                {
                    var summary = new MessageSummary();
                    if (!summary.Parse(notify.Buffer, notify.BodyOffset, notify.BodyLength))
                    {
                        return 400;
                    }
                    _phone.Mailbox.Apply(dialog.Subscription.Identity, summary);
                }
                return status;
            }
            return _phone.Monitored.OnNotify(key, notify.ContentType, notify.Buffer, notify.BodyOffset, notify.BodyLength,
                value ?? "active", expires, reason, nowMs);
        }

        /// <summary>The body is read before the subscription sees the NOTIFY: a bad one is refused and changes nothing.</summary>
        private int OnFeatureNotify(Subscription subscription, SipMessage notify, string state, int expires, string reason, long nowMs)
        {
            bool hasBody = notify.BodyLength > 0;
            if (hasBody)
            {
                string boundary = HeaderParams.Get(notify.GetHeader(HeaderNames.ContentType), "boundary");
                if (!_featureEvents.Parse(notify.ContentType, boundary, notify.Buffer, notify.BodyOffset, notify.BodyLength))
                {
                    return 400;
                }
            }
            int status = subscription.OnNotify(state, expires, reason, nowMs);
            if (status != 200 || !hasBody)
            {
                return status;
            }
            FeatureSync sync = _features[subscription.Identity];
            for (int i = 0; i < _featureEvents.Count; i++)
            {
                int feature = _phone.ApplyServerFeature(subscription.Identity, _featureEvents.Get(i));
                if (sync != null)
                {
                    sync.Forget(feature);
                }
            }
            return status;
        }

        private int OnRegNotify(Subscription subscription, SipMessage notify, string state, int expires, string reason, long nowMs)
        {
            if (notify.BodyLength > 0)
            {
                string type = notify.ContentType;
                if (type != null && type != RegInfo.ContentType)
                {
                    return 415;
                }
                if (!_regInfo.Apply(notify.Buffer, notify.BodyOffset, notify.BodyLength))
                {
                    return 400;
                }
            }
            int status = subscription.OnNotify(state, expires, reason, nowMs);
            if (status == 200 && _regInfo.NeedsRefresh)
            {
                // A partial document skipped a version: a refresh makes the server send the full state (RFC 3680 4.4).
                subscription.Refresh(nowMs);
            }
            _phone.Presence.SetOtherRegistrations(_regInfo.HasOtherThan(_agent.LocalHost, _agent.LocalPort), nowMs);
            return status;
        }

        private void OnResponse(Dialog dialog, SipMessage response, long nowMs)
        {
            if (response == null)
            {
                dialog.Subscription.OnResponse(408, -1, -1, nowMs);
                return;
            }
            if (response.StatusCode >= 200 && response.StatusCode < 300 && dialog.RemoteTag == null && response.To != null)
            {
                dialog.RemoteTag = response.To.Tag;
            }
            int minExpires;
            string min = response.GetHeader(HeaderNames.MinExpires);
            if (min == null || !int.TryParse(min.Trim(), out minExpires))
            {
                minExpires = -1;
            }
            dialog.Subscription.OnResponse(response.StatusCode, response.Expires, minExpires, nowMs);
        }

        private void Forget(Subscription subscription)
        {
            Dialog dialog = Find(subscription);
            if (dialog != null)
            {
                _byCallId.Remove(dialog.CallId);
            }
        }

        private Dialog Find(Subscription subscription)
        {
            foreach (object value in _byCallId.Values)
            {
                var dialog = (Dialog)value;
                if (dialog.Subscription == subscription)
                {
                    return dialog;
                }
            }
            return null;
        }

        private static string Accept(string eventPackage)
        {
            switch (eventPackage)
            {
                case "dialog": return DialogInfo.ContentType;
                case "presence": return PresenceDocument.ContentType;
                case "message-summary": return "application/simple-message-summary";
                case RegInfo.EventPackage: return RegInfo.ContentType;
                default: return FeatureEvent.ContentType;
            }
        }

        /// <summary>
        /// A SUBSCRIBE prepared (its bytes are made when it goes out, with a fresh branch) and waiting for a slot; or,
        /// without a builder, one asked for before the user agent existed.
        /// </summary>
        private sealed class Waiting
        {
            public Waiting(Subscription subscription, bool newDialog, int expires)
            {
                Subscription = subscription;
                NewDialog = newDialog;
                Expires = expires;
            }

            public Waiting(Subscription subscription, SipIdentity identity, string address, int port, RequestBuilder build,
                           ResponseHandler done, int expires)
            {
                Subscription = subscription;
                Identity = identity;
                Address = address;
                Port = port;
                Build = build;
                Done = done;
                Expires = expires;
            }

            public Subscription Subscription { get; }
            public SipIdentity Identity { get; }
            public string Address { get; }
            public int Port { get; }
            public RequestBuilder Build { get; }
            public ResponseHandler Done { get; }
            public int Expires { get; }
            public bool NewDialog { get; }
        }

        private sealed class Dialog
        {
            public Dialog(Subscription subscription, string callId, string localTag)
            {
                Subscription = subscription;
                CallId = callId;
                LocalTag = localTag;
            }

            public Subscription Subscription { get; }
            public string CallId { get; }
            public string LocalTag { get; }
            public string RemoteTag { get; set; }
            public int CSeq { get; set; }

            /// <summary>The identity of the last SUBSCRIBE sent in this dialog.</summary>
            public SipIdentity Identity { get; set; }
        }
    }
}
