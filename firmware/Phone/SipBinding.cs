using DeskPhone.Domain.Routing;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Connects the SIP user agent and the phone core: identities and filter_registrar from the settings (updated
    /// live), and the requests the phone's identity routing (<see cref="Routing"/>) took handed to the core.
    /// </summary>
    public sealed class SipBinding : ISipRequestHandler, IMessageSender
    {
        private readonly PhoneCore _phone;
        /// <summary>The user agent this binding built and serves.</summary>
        public readonly SipUserAgent Agent;
        /// <summary>The phone's own subscriptions; the identity routing offers their events layer every NOTIFY first (in-dialog NOTIFYs belong to it).</summary>
        public readonly SipSubscriptions Subscriptions;

        /// <summary>
        /// Serves <paramref name="agent"/>: builds the registrations over it and the identity routing that hands it the
        /// agent's requests (the agent's <see cref="SipUserAgent.Router"/>; the composition root puts it into the agent's
        /// chain, after the call sessions), and loads the identities, which starts their registrations and the own
        /// subscriptions. <paramref name="subscriptions"/> may be null (no own subscriptions).
        /// </summary>
        /// <paramref name="dnsServers"/>: the DNS servers the identities' first hops are located with (<see cref="FirstHops"/>), or null.
        public SipBinding(PhoneCore phone, SipSubscriptions subscriptions, SipUserAgent agent, string localHost, string[] dnsServers)
        {
            _phone = phone;
            Subscriptions = subscriptions;
            Agent = agent;
            Routing = new IdentityRouting(Agent, this);
            Agent.Router = Routing;
            Registrations = new Registrations(Agent);
            Routing.Registrations = Registrations;
            if (dnsServers != null)
            {
                FirstHops = new FirstHops(phone, Registrations, dnsServers);
            }
            if (localHost != null)
            {
                Agent.LocalHost = localHost;
            }
            Registrations.Changed += (identity, registered, status, reason) =>
            {
                // Lost: the registrar refused or stopped answering; not the phone stopping it (a removed identity's calls
                // ended in Apply already, and one re-applied after a setting change registers again).
                bool lost = !registered && _phone.IsRegistered(identity) && reason != RegistrationClient.StoppedReason;
                _phone.OnRegistrationChanged(identity, registered, _phone.Now);
                if (lost)
                {
                    _phone.SignalRegistrationLost(identity);
                }
                UpdateOwnSubscriptions(identity);
                UpdateFeatureSync(identity);
                // Then the publisher (its handler came next in the registrations' event).
                if (_phone.Signals != null)
                {
                    _phone.Signals.RegistrationChanged(identity, registered);
                }
            };
            if (_phone.Reserve != null)
            {
                _phone.Reserve.Govern(this);
            }
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                Apply(i);
            }
            Routing.FilterRegistrar = _phone.Settings.GetBool(SettingNames.FilterRegistrar);
        }

        /// <summary>A setting changed (from the composition root's one handler, PhoneApp.OnSettingChanged).</summary>
        internal void OnSettingChanged(string name)
        {
            if (name == SettingNames.FilterRegistrar)
            {
                Routing.FilterRegistrar = _phone.Settings.GetBool(SettingNames.FilterRegistrar);
            }
            else if (name == SettingNames.DfksEnabled)
            {
                for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
                {
                    UpdateFeatureSync(i);
                }
            }
        }

        /// <summary>The identities' registrations, a layer over <see cref="Agent"/> (polled by the composition root after it).</summary>
        public readonly Registrations Registrations;

        /// <summary>
        /// The identities' first hops located by DNS SRV (polled by the composition root before the registrations); null
        /// without DNS servers (the interpreter's boot test: nothing at run time there).
        /// </summary>
        public readonly FirstHops FirstHops;

        /// <summary>The phone's identity routing and filter_registrar over <see cref="Agent"/>, handing MESSAGE and NOTIFY to this binding.</summary>
        public readonly IdentityRouting Routing;

        /// <summary>The identities refused for lack of heap, applied again from their settings: what fits now is taken on (HeapReserve).</summary>
        internal void RetryRefused()
        {
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                if (Registrations.IsRefused(i))
                {
                    Apply(i);
                }
            }
        }

        internal void Apply(int index)
        {
            SettingsStore s = _phone.Settings;
            bool active = s.GetBool(SettingNames.UserActive, index) && s.Get(SettingNames.UserName, index) != "";
            string registrar = s.Get(SettingNames.UserHost, index);
            if (active && (object)registrar != null && registrar.Length > 0 && Agent.Udp != null && !Registrations.Admits(index, _phone.Now))
            {
                // Refused for lack of heap: kept as its settings only (no identity in the agent, so nothing is sent or
                // answered for it: requests to it get 404) until RetryRefused takes it on. One it had before is let go.
                if (Agent.GetIdentity(index) != null)
                {
                    Agent.SetIdentity(new SipIdentity { Index = index });
                    UpdateOwnSubscriptions(index);
                    UpdateFeatureSync(index);
                }
                return;
            }
            var identity = new SipIdentity
            {
                Index = index,
                Active = active,
                User = s.Get(SettingNames.UserName, index),
                Registrar = HeldByOther(registrar, index),
                Outbound = HeldByOther(s.Get(SettingNames.UserOutbound, index), index),
                AuthUser = s.Get(SettingNames.UserAuthName, index),
                Password = s.Get(SettingNames.UserPassword, index),
                Expires = s.GetInt(SettingNames.UserExpiry, index),
                UserNameAsLine = s.GetBool(SettingNames.UserSipUserNameAsLine, index),
            };
            // Over the agent's TCP, when the composition gave it one (else UDP).
            identity.OverTcp = OwnConnections.OverTcp(identity.Outbound, identity.Registrar);
            if (!identity.Active)
            {
                // Removed: its calls end while the identity can still send their BYE and CANCEL.
                _phone.SignalRegistrationLost(index);
            }
            Agent.SetIdentity(identity);
            if (FirstHops != null)
            {
                FirstHops.Track(identity);
            }
            Registrations.Update(identity, _phone.Now);
            RegistrationClient registration = Registrations.Get(index);
            if (!identity.Active || registration == null || registration.LastStatus != 0)
            {
                UpdateOwnSubscriptions(index);
            }
            UpdateFeatureSync(index);
        }

        /// <summary>
        /// The equal registrar or outbound proxy text another identity holds, else <paramref name="text"/>: the identities
        /// of one registrar keep one string (a setting's read is a new string; 36 B an identity, docs/benchmarks.md
        /// h-officerest2).
        /// </summary>
        private string HeldByOther(string text, int index)
        {
            if ((object)text == null || text.Length == 0)
            {
                return text;
            }
            for (int i = 1; i <= PhoneCore.MaxIdentities; i++)
            {
                SipIdentity other = i == index ? null : Agent.GetIdentity(i);
                if (other == null)
                {
                    continue;
                }
                if ((object)other.Registrar != null && other.Registrar == text)
                {
                    return other.Registrar;
                }
                if ((object)other.Outbound != null && other.Outbound == text)
                {
                    return other.Outbound;
                }
            }
            return text;
        }

        /// <summary>
        /// The identity's message-summary and (the current identity's) reg subscriptions follow its settings: an inactive
        /// identity's stop at once (as an identity without registrar's), an active one's start (or move to a changed
        /// address) once its REGISTER has an answer, whichever (a refused or unanswered one too: the reg event still tells an unregistered phone of the
        /// user's other registrations), so that at boot their SUBSCRIBEs are not in flight beside the REGISTER (about
        /// 1.2 KB each on the board's heap, docs/benchmarks.md "h-bootfit").
        /// </summary>
        private void UpdateOwnSubscriptions(int index)
        {
            if (Subscriptions == null)
            {
                return;
            }
            // Null while inactive: stops them.
            SipIdentity identity = Agent.GetIdentity(index);
            string user = identity == null ? null : identity.User;
            string registrar = identity == null ? null : identity.Registrar;
            Subscriptions.UpdateMailbox(index, user, registrar, identity != null, _phone.Now);
            if (index == _phone.CurrentIdentity)
            {
                Subscriptions.UpdateReg(index, user, registrar, identity != null, _phone.Now);
            }
        }

        /// <summary>Feature sync runs for an active identity once it is registered, while dfks_enabled is on.</summary>
        private void UpdateFeatureSync(int index)
        {
            if (Subscriptions == null)
            {
                return;
            }
            SipIdentity identity = Agent.GetIdentity(index);
            if (identity == null)
            {
                // Inactive: stops a sync it had.
                Subscriptions.UpdateFeatureSync(index, null, null, false, false, _phone.Now);
                return;
            }
            Subscriptions.UpdateFeatureSync(index, identity.User, identity.Registrar,
                _phone.Settings.GetBool(SettingNames.DfksEnabled), _phone.IsRegistered(index), _phone.Now);
        }

        public int LastStatus { get; private set; }
        public string LastReason { get; private set; }
        public string LastTarget { get; private set; }

        public bool Send(int identity, string target, string text)
        {
            LastTarget = target;
            LastStatus = 0;
            LastReason = "sending";
            bool started = Agent.SendMessage(identity, target, "text/plain;charset=UTF-8", System.Text.Encoding.UTF8.GetBytes(text),
                (status, reason) =>
                {
                    LastStatus = status;
                    LastReason = reason;
                    _phone.Raise(PhoneEventKind.Message, "sent " + status.ToString() + " " + reason);
                }, _phone.Now);
            return started;
        }

        public int OnMessage(int identity, SipMessage request)
        {
            // The gate taken by Monitor, not lock: lock's two locals (the object, the taken flag) were two slots of this
            // frame, under every MESSAGE's handling and its event (docs/benchmarks.md, h-notifyflat).
            System.Threading.Monitor.Enter(_phone.Gate);
            try
            {
                return _phone.OnMessage(identity, request.Buffer, request.BodyOffset, request.BodyLength,
                    request.CallId, _phone.Now);
            }
            finally
            {
                System.Threading.Monitor.Exit(_phone.Gate);
            }
        }

        public DeskPhone.Sip.Events.Subscriptions Events => Subscriptions == null ? null : Subscriptions.Events;

        // The monitored keys' subscriptions are the events layer's too: what their NOTIFYs changed is told after the packet.
        public IAfterPacket AfterNotify => _phone.Monitored;

        /// <summary>A NOTIFY of no subscription's dialog (the routing gave the events layer those): check-sync, or an event for the phone.</summary>
        public int OnNotify(int identity, SipMessage request, bool fromRegistrar)
        {
            string evt = request.Event;
            if (_phone.CheckSync != null && HeaderParams.Value(evt) == "check-sync")
            {
                return CheckSync(identity, evt, fromRegistrar);
            }
            if (evt != null && evt.IndexOf(';') >= 0)
            {
                evt = evt.Substring(0, evt.IndexOf(';'));
            }
            lock (_phone.Gate)
            {
                return _phone.OnNotify(identity, evt == null ? null : evt.Trim(), request.ContentType, request.RemoteHost, fromRegistrar,
                    request.Buffer, request.BodyOffset, request.BodyLength, _phone.Now);
            }
        }

        /// <summary>A check-sync NOTIFY to the phone's handler. A method of its own: its handler's local and its lock's
        /// two are no slots of <see cref="OnNotify"/>'s frame, which is under every Infobox NOTIFY's parse (288 B, office's
        /// InfoBoxQueue collections on the 80,896-byte board, docs/benchmarks.md screenmargin).</summary>
        private int CheckSync(int identity, string evt, bool fromRegistrar)
        {
            CheckSyncHandler checkSync = _phone.CheckSync;
            lock (_phone.Gate)
            {
                return checkSync(identity, fromRegistrar, HeaderParams.Get(evt, "reboot") == "true");
            }
        }
    }
}
