using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Network;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Completion;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Voice;
using DeskPhone.Media.Audio;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Session;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Time;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Firmware.App
{
    /// <summary>
    /// The composition root: the one place that builds the phone from its parts and runs one turn of the main
    /// loop. The device (board/Program.cs), the simulator, the tests and the interpreter boot test
    /// (tests/Device.Boot) all build the phone here; what differs between them is only what they pass in (drivers,
    /// settings medium, transports, panel, clocks), never the order in which the parts are wired.
    /// <para>
    /// Build order: the user agent and the events layer over it, phone core (settings applied, statuses started, the
    /// keys subscribed), own subscriptions, SIP binding (registrations, identity routing, the identities loaded, which
    /// starts their registrations and own subscriptions), presence publisher, the call layer's place in the agent's
    /// chain (the layer itself is built on its first use and let go when idle, <see cref="CallLayer"/>), then
    /// the screen (the model, IdleScreen, and the feeder that composes into it; drawn only when there is a panel). Everything is portable: nothing here touches a
    /// socket, the graphics library, the file system or the crypto natives; those stay behind the objects passed in.
    /// </para>
    /// </summary>
    public sealed class PhoneApp : ICallLayerSource, IPhoneSignals
    {
        /// <summary>Builds the phone from what the host passes (<see cref="PhoneParts"/>: what is required, what is optional).</summary>
        public PhoneApp(PhoneParts parts)
        {
            SettingsStore settings = parts.Settings;
            // Dial plans are refused by their rule before any import or change is stored (the parser is Firmware's).
            SettingValidator.DialPlanCheck = DialPlan.Check;
            PhoneDrivers drivers = parts.Drivers;
            SipInbox inbox = parts.Inbox;
            ISipTransport udp = parts.Transport;
            string localHost = parts.LocalHost;
            IPanel panel = parts.Panel;
            long startMs = parts.StartMs;
            // The user agent core and the events layer over it first: the phone core's keys subscribe through the layer
            // while the core is built (their SUBSCRIBEs wait for the first loop turn).
            var agent = new SipUserAgent(inbox) { Udp = udp, Tcp = parts.Tcp };
            Events = new Subscriptions(agent, SipSubscriptions.MaxDialogs);
            Core = new PhoneCore(settings, drivers, Events, parts.Memory == null ? null : new HeapReserve(parts.Memory), startMs);
            // One handler for the parts built below, in their order (OnSettingChanged).
            settings.SettingChanged += OnSettingChanged;
            Subscriptions = new SipSubscriptions(Events, Core);
            Log = new PhoneLog(Core, parts.LogLines > 0 ? parts.LogLines : PhoneLog.BoardLines);
            Binding = new SipBinding(Core, Subscriptions, agent, localHost, parts.DnsServers);
            _connections = parts.Tcp == null ? null : new OwnConnections(parts.Tcp);
            Publisher = new PresencePublisher(Core, agent);
            Time = new NetworkTime(Core, parts.Ntp, parts.WallClock);
            Provisioning = new PhoneProvisioning(Core, parts.Http, Time);
            Updates = new PhoneUpdates(Core, parts.UpdateHttp, parts.UpdateMedium, parts.UpdateLoader, Provisioning);
            Memory = new MemoryWatch(Core, parts.Memory, startMs);
            // The call layer is built on its first use and let go when idle (CallLayer); it keeps the sessions' place in the agent's chain,
            // before the phone's identity routing.
            _calls = new CallLayer(this, parts);
            agent.AddListener(_calls);
            agent.AddListener(Binding.Routing);
            Core.Signals = this;
            if (drivers != null)
            {
                // One handler for the link's changes: calls and connections end when it is lost, and the SIP address
                // follows the link's when no address was given.
                drivers.Ethernet.Changed += localHost == null ? (EthernetChangeHandler)OnEthernetFollowingAddress : OnEthernet;
            }
            if (parts.Wifi != null && drivers != null)
            {
                // Wi-Fi while the cable is out; a call on the old address cannot go on from the new one.
                var links = new LinkPolicy(Core, agent, parts.Wifi, localHost == null);
                Core.Links = links;
                links.Changed += link => NetworkLost();
            }
            // The screen model exists with or without a panel: the bench describes it either way (a board whose panel did
            // not start runs headless but still answers /api/screen).
            Screen = new ScreenFeeder(Core, new IdleScreen(panel, parts.Profile ?? DisplayProfile.Color320x240), Time.Local);
            if (_calls.PagingConfigured())
            {
                _calls.Build();
            }
            if (panel != null && drivers != null && drivers.Backlight != null)
            {
                // The screen starts lit, as after a key press.
                drivers.Backlight.Activity(startMs);
            }
        }

        // What the parts below hold is read through them, not kept again here (a field is 12 B at rest, docs/benchmarks.md,
        // h-firmrest): the settings, the agent and its inbox, the link policy, the screen model.
        public SettingsStore Settings => Core.Settings;
        public SipInbox Inbox => Binding.Agent.Inbox;
        public readonly PhoneCore Core;
        /// <summary>The events layer (SUBSCRIBE dialogs, NOTIFY matching) over <see cref="Agent"/>.</summary>
        public readonly Subscriptions Events;

        /// <summary>The phone's own subscriptions (mailbox, feature sync, reg) over <see cref="Events"/>.</summary>
        public readonly SipSubscriptions Subscriptions;
        public readonly SipBinding Binding;

        // The phone's own TCP connections (losses handled on the loop); null without a TCP transport.
        private readonly OwnConnections _connections;
        public SipUserAgent Agent => Binding.Agent;
        public readonly PresencePublisher Publisher;

        /// <summary>The phone's clock: network time when <c>ntp_server</c> is set, else the caller's.</summary>
        public readonly NetworkTime Time;

        /// <summary>Provisioning from <c>setting_server</c> (docs/provisioning.md); its client is null without an HTTP channel.</summary>
        public readonly PhoneProvisioning Provisioning;

        /// <summary>Application updates from <c>firmware_status</c> (docs/updates.md); its updater is null without flash and channel.</summary>
        public readonly PhoneUpdates Updates;

        /// <summary>Ethernet or Wi-Fi (<see cref="LinkPolicy"/>); null without a Wi-Fi part.</summary>
        public LinkPolicy Links => Core.Links;

        /// <summary>The phone's log: the last events worth reading later (GET /api/log).</summary>
        public readonly PhoneLog Log;

        /// <summary>PhoneHasLowMemory from the heap after collections (docs/status-messages.md); idle without a heap to ask.</summary>
        public readonly MemoryWatch Memory;

        private readonly CallLayer _calls;

        /// <summary>
        /// The call logic (ringing, answer, dial, call lists) over the SIP sessions, built by this first use when no call,
        /// key or page built it before (<see cref="CallLayer"/>); null when the heap cannot hold it.
        /// </summary>
        public PhoneCalls Calls => Built() == null ? null : _calls.Calls;

        /// <summary>How long the call layer stays with nothing to do before it is let go (<see cref="CallLayer"/>).</summary>
        public const long CallsLetGoMs = CallLayer.LetGoMs;

        /// <summary>Whether the call layer exists (nothing built it yet, or it was let go after <see cref="CallsLetGoMs"/> with nothing to do).</summary>
        public bool HasCalls => _calls.Calls != null;

        /// <summary>The calls' voice (RTP, RTCP, jitter buffer, codec) behind <see cref="PhoneCalls.Media"/>; null without media ports.</summary>
        public CallVoice Voice => Built() == null ? null : _calls.Voice;

        /// <summary>Call back on busy / call completion (RFC 6910 or the PBX's code) after a failed call.</summary>
        public CallCompletion Completion => Built() == null ? null : _calls.Completion;

        /// <summary>The call keys (hook, speaker, headset, mute, hold, the call screen's softkeys), which see every key first.</summary>
        public CallKeys Keys => Built() == null ? null : _calls.Keys;

        /// <summary>The call layer, built now if nothing built it yet (under the gate: the bench calls from its thread); null when it cannot be.</summary>
        private object Built()
        {
            lock (Core.Gate)
            {
                return _calls.Build() ? _calls : null;
            }
        }

        void IPhoneSignals.CallsNeeded() => _calls.Build();

        // The USB headset's hook switch and mute button are the headset and mute keys.
        void IPhoneSignals.HeadsetButton(int button, bool down)
        {
            if (button == HidProtocol.TelephonyHook)
            {
                if (_calls.Build())
                {
                    _calls.Keys.HeadsetHook(down, Core.Now);
                }
                Core.Raise(PhoneEventKind.Key, "HEADSET");
                return;
            }
            if (_calls.Calls != null)
            {
                _calls.Keys.ToggleMute(Core.Now);
            }
            Core.Raise(PhoneEventKind.Key, "MUTE");
        }

        void IPhoneSignals.NetworkRestored() => Binding.Registrations.NetworkRestored(Core.Now);

        void IPhoneSignals.RegistrationLost(int identity)
        {
            if (_calls.Calls != null)
            {
                _calls.Calls.RegistrationLost(identity, Core.Now);
            }
        }

        void IPhoneSignals.IdentityChanged(int identity)
        {
            Binding.Apply(identity);
            Publisher.IdentityChanged(identity);
        }

        void IPhoneSignals.PresenceChanged() => Publisher.PresenceChanged();

        void IPhoneSignals.RegistrationChanged(int identity, bool registered)
        {
            if (identity == 1 && registered)
            {
                Publisher.PresenceChanged();
            }
        }

        // The core is told of this phone (Core.Signals) only once every part is built, so the own subscriptions exist.
        void IPhoneSignals.FeatureChanged(int identity, int feature) => Subscriptions.FeatureChanged(identity, feature);

        /// <summary>
        /// A setting changed: told to the parts built here that follow settings, in the order they are built (and only once
        /// built), as their own handlers were told before: a handler each was a delegate (36 B) and a slot of the event's
        /// list (12 B) at rest (docs/benchmarks.md, h-firmrest).
        /// </summary>
        private void OnSettingChanged(string name, int idx, bool needsReboot)
        {
            if (Binding != null)
            {
                Binding.OnSettingChanged(name);
            }
            if (Publisher != null)
            {
                Publisher.OnSettingChanged(name);
            }
            if (Time != null)
            {
                Time.OnSettingChanged(name);
            }
            if (Provisioning != null)
            {
                Provisioning.OnSettingChanged(name);
            }
            if (_calls != null)
            {
                _calls.OnSettingChanged(name, idx);
            }
            if (Links != null)
            {
                Links.OnSettingChanged(name);
            }
        }

        private void NetworkLost()
        {
            if (_calls.Calls != null)
            {
                _calls.Calls.NetworkLost(Core.Now);
            }
            if (_connections != null)
            {
                _connections.NetworkLost();
            }
        }

        /// <summary>The screen model and its renderer (drawing nothing when headless).</summary>
        public IdleScreen Idle => Screen.Screen;

        /// <summary>Composes the core's state into <see cref="Idle"/> once per loop turn when something changed.</summary>
        public readonly ScreenFeeder Screen;

        /// <summary>
        /// The screen model as text for the bench (/api/screen): exactly what was drawn. Made when asked (it holds only
        /// <see cref="Idle"/>), so a phone nobody asks keeps no field or object for it (h-benchlazy).
        /// </summary>
        public ScreenText Text => new ScreenText(Idle);

        /// <summary>Take this lock before calling into the phone from any thread but the loop's (the same as the core's).</summary>
        public object Gate => Core.Gate;

        /// <summary>
        /// One turn of the main loop, under <see cref="Gate"/>: the user agent handles what the transports delivered
        /// and runs its transactions (answers sent), the registrations their refreshes and retries, then the events
        /// layer its waiting SUBSCRIBEs, the own subscriptions, the presence publisher, the phone core (drivers, statuses, timers), and last the screen: the
        /// feeder composes the model once if the events marked it dirty and draws what changed (after a turn that handled a
        /// request, at the next turn). Exceptions go to the caller (the device and the simulator
        /// report them and keep looping; tests see them).
        /// Never inlined into the loop that calls it (<see cref="NotInlinedAttribute"/>): inlined, it ran the whole turn
        /// with a stale slot of the loop's frame counted on its stack, and a collection in the turn could follow it into
        /// freed memory.
        /// </summary>
        [NotInlined]
        public void Poll(long nowMs)
        {
            lock (Core.Gate)
            {
                Agent.Poll(nowMs);
                CallLayer calls = _calls;
                if (_connections != null)
                {
                    ConnectionsLost(calls, nowMs);
                }
                // The SRV first hops before the registrations: a lookup or failover's REGISTER goes out in the same turn.
                if (Binding.FirstHops != null)
                {
                    Binding.FirstHops.Poll(nowMs);
                }
                Binding.Registrations.Poll(nowMs);
                if (calls.Calls == null && Core.Monitored.AnyRinging)
                {
                    // A monitored extension rings: the idle screen offers its call to pick up.
                    calls.Build();
                }
                if (calls.Calls != null)
                {
                    calls.Calls.Poll(nowMs);
                    calls.PollCompletion(nowMs);
                    calls.Keys.Poll(nowMs);
                    if (calls.Voice != null)
                    {
                        calls.Voice.Poll(nowMs);
                    }
                    // Last: a layer idle long enough is let go (the next call, key or page builds it again).
                    calls.LetGoWhenIdle(nowMs);
                }
                Events.Poll(nowMs);
                Subscriptions.Poll(nowMs);
                Publisher.Poll(nowMs);
                Time.Poll(nowMs);
                Provisioning.Poll(nowMs);
                Updates.Poll(nowMs);
                Memory.Poll(nowMs);
                Core.Poll(nowMs);
                if (Links != null)
                {
                    Links.Poll(nowMs);
                }
                // A turn that handled a request draws at the next one (never two turns in a row without): the redraw of a
                // new call's ringing met its INVITE's parse, its answers and the PUBLISH it set off, the board's tightest
                // moment of a call (docs/benchmarks.md, h-callfit).
                if (Agent.HandledRequests && !_drawLater)
                {
                    _drawLater = true;
                }
                else
                {
                    _drawLater = false;
                    if (Screen.Tick())
                    {
                        // Drawn at this frame, not under the feeder's (docs/benchmarks.md h-redraw5).
                        Screen.Screen.Render();
                        Screen.Drawn();
                    }
                }
            }
        }

        // This turn's redraw was left for the next turn (Poll).
        private bool _drawLater;

        /// <summary>
        /// A connection of the phone's own is lost: what waited for an answer on it fails now (the REGISTER, SUBSCRIBE or
        /// PUBLISH as unanswered, a pending INVITE's call ends), and when it had been up every identity over TCP registers
        /// again at once, which opens a new one (the registrar could reach the phone only on the lost one).
        /// </summary>
        private void ConnectionsLost(CallLayer calls, long nowMs)
        {
            OwnConnections.Loss loss;
            while ((loss = _connections.Take()) != null)
            {
                Agent.ConnectionLost(loss.Host, loss.Port, nowMs);
                if (calls.Calls != null)
                {
                    calls.Calls.Sessions.ConnectionLost(loss.Host, loss.Port, nowMs);
                }
                for (int i = 1; loss.Established && i <= PhoneCore.MaxIdentities; i++)
                {
                    RegistrationClient registration = Binding.Registrations.Get(i);
                    if (registration != null && registration.Identity.OverTcp)
                    {
                        registration.Renew(nowMs);
                    }
                }
            }
        }

        private void OnEthernet(EthernetChange change)
        {
            if (change == EthernetChange.Lost)
            {
                NetworkLost();
            }
        }

        private void OnEthernetFollowingAddress(EthernetChange change)
        {
            string address = Core.Drivers.Ethernet.Address;
            if (change == EthernetChange.Address && address != null)
            {
                Agent.LocalHost = address;
            }
            OnEthernet(change);
        }
    }
}
