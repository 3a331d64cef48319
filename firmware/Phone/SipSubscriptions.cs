using System.Collections;
using DeskPhone.Firmware.MessageWaiting;
using DeskPhone.Firmware.Presence;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Sends the SUBSCRIBEs of the phone's subscriptions (BLF and presence keys) through the user agent, keeps each
    /// one's dialog (Call-ID, tags, CSeq), and hands the NOTIFYs that belong to them to the monitored keys.
    /// </summary>
    public sealed class SipSubscriptions : ISubscribeSender
    {
        /// <summary>Subscriptions the phone holds at once (16 function keys and 54 module keys at most).</summary>
        public const int MaxDialogs = 70;

        private readonly Hashtable _byCallId = new Hashtable();
        private readonly Subscription[] _mailboxes = new Subscription[PhoneCore.MaxIdentities + 1];
        private SipUserAgent _agent;
        private PhoneCore _phone;

        /// <summary>Connects the sender once the user agent and the phone exist (both need each other).</summary>
        public void Attach(SipUserAgent agent, PhoneCore phone)
        {
            _agent = agent;
            _phone = phone;
        }

        public void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds)
        {
            long now = _phone == null ? 0 : _phone.Now;
            SipIdentity identity = _agent == null ? null : _agent.GetIdentity(subscription.Identity);
            if (identity == null || !identity.Active)
            {
                subscription.OnResponse(503, -1, -1, now);
                return;
            }
            Dialog dialog = Find(subscription);
            if (dialog == null || newDialog)
            {
                if (dialog != null)
                {
                    _byCallId.Remove(dialog.CallId);
                }
                if (_byCallId.Count >= MaxDialogs)
                {
                    subscription.OnResponse(503, -1, -1, now);
                    return;
                }
                dialog = new Dialog(subscription, _agent.NewToken() + "@" + _agent.LocalHost, _agent.NewToken());
                _byCallId[dialog.CallId] = dialog;
            }
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
                return;
            }
            string domain = identity.Registrar != null && identity.Registrar.Length > 0 ? SipIdentity.HostOf(identity.Registrar) : _agent.LocalHost;
            Dialog owner = dialog;
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
                .ToBytes();
            if (!_agent.SendRequest(subscription.Identity, "SUBSCRIBE", subscription.Target, address, port, build,
                    (tr, response, at) => OnResponse(owner, response, at), now))
            {
                subscription.OnResponse(503, -1, -1, now);
            }
        }

        /// <summary>
        /// Subscribes identity <paramref name="index"/> to its own message-summary (RFC 3842) at its registrar, or stops
        /// when it has none.
        /// </summary>
        public void UpdateMailbox(int index, string user, string registrar, bool active, long nowMs)
        {
            Subscription old = _mailboxes[index];
            string host = SipIdentity.HostOf(registrar);
            string target = host == null ? null : "sip:" + user + "@" + host;
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

        /// <summary>Runs the timers of the subscriptions the keys do not own (message waiting).</summary>
        public void Poll(long nowMs)
        {
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                if (_mailboxes[i] != null)
                {
                    _mailboxes[i].Tick(nowMs);
                }
            }
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
                default: return "application/x-as-feature-event+xml";
            }
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
        }
    }
}
