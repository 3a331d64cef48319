using DeskPhone.Drivers;
using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Input;
using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Messages;
using DeskPhone.Domain.MessageWaiting;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Signals;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The firmware core: one object that owns the phone's state machines and wires them to each other, to the
    /// drivers and to the settings. It runs on one thread: the main loop calls <see cref="Poll"/>, the SIP layer
    /// hands requests over through the On* methods from the same loop, and every other thread (bench, sockets)
    /// must take <see cref="Gate"/> first.
    /// </summary>
    // Its plain state (wiring such as Links) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed partial class PhoneCore
    {
        public const int MaxIdentities = DeskPhone.Sip.UserAgent.SipUserAgent.MaxIdentities;

        // Bit i: identity i registered (a bool[13] was 36 B more on the device); bit 0 (no identity's) while a server's
        // feature is applied, DetailsBit while EventDetails: one field, not three (12 B each, docs/benchmarks.md, h-firmrest).
        private int _bits;
        private const int ApplyingBit = 1;
        private const int DetailsBit = 1 << 16;
        // Set by WireStatuses: the monitored keys' states and ringing are shown from then on.
        private const int KeysShownBit = 1 << 17;

        /// <summary>Take this lock before calling into the core from any thread but the main loop: the core itself (a lock
        /// object was a field and an object, 24 B).</summary>
        public object Gate => this;
        private long _now;
        private ICallState _calls;

        public PhoneCore(SettingsStore settings, PhoneDrivers drivers, ISubscribeSender subscriptions, long nowMs)
            : this(settings, drivers, subscriptions, null, nowMs)
        {
        }

        /// <param name="reserve">The heap kept free before long-lived state is taken on (keys, identities); null: all is.</param>
        public PhoneCore(SettingsStore settings, PhoneDrivers drivers, ISubscribeSender subscriptions, HeapReserve reserve, long nowMs)
        {
            _now = nowMs;
            Reserve = reserve;
            Settings = settings;
            Drivers = drivers;
            Statuses = new StatusScheduler();
            Leds = new LedPolicy();
            Desktop = new DesktopMessageStore(null);
            InfoBoxes = new InfoBoxQueue();
            Presence = new OwnPresence(nowMs);
            Mailbox = new MailboxCounts();
            Monitored = new MonitoredExtensions(subscriptions);

            Leds.Attach(Statuses);
            // Before the keys are configured: the core admits each key's subscription (the heap reserve).
            Monitored.Listener = this;
            // Kept by the settings' handler it adds, not by a field.
            new SettingsBinding(this).ApplyAll(nowMs);
            WireStatuses(nowMs);
            // What the boot raised is told to no watcher (none is attached yet), as when the status event was told from
            // the change itself: the first event a watcher sees is the first change after the boot.
            PollStatuses();
        }

        public readonly SettingsStore Settings;
        public readonly PhoneDrivers Drivers;

        /// <summary>What decides whether a key's subscription or an identity's registration is taken on now (issue #17); null: always.</summary>
        public readonly HeapReserve Reserve;

        /// <summary>Ethernet or Wi-Fi (docs/settings.md "Wi-Fi"); null on a phone without Wi-Fi.</summary>
        public LinkPolicy Links;
        public readonly StatusScheduler Statuses;
        public readonly LedPolicy Leds;
        public readonly DesktopMessageStore Desktop;
        public readonly InfoBoxQueue InfoBoxes;
        public readonly OwnPresence Presence;
        public readonly MailboxCounts Mailbox;
        public readonly MonitoredExtensions Monitored;

        /// <summary>The identity the idle screen shows and the Current* statuses speak of (1..12): the first, as no menu chooses
        /// another (no field for it).</summary>
        public int CurrentIdentity => 1;

        /// <summary>Menus and lists on screen (set by the screen feeder that makes them): they see every key the call keys
        /// leave. The class itself, not an interface: it has no other implementation (h-firmslim).</summary>
        public ScreenMenus Menus;

        /// <summary>
        /// The call keys (hook switch, speaker, headset, mute, hold, and the call screen's softkeys): they see every key
        /// first; null without a call layer.
        /// </summary>
        public CallKeys CallKeys;

        /// <summary>The conference's keys (Conference, the handset hung up in a conference), the voice's, before the call keys; null without media.</summary>
        public Voice.CallVoice ConferenceKeys;

        /// <summary>Takes a NOTIFY's <c>Event: check-sync</c> (provisioning sets it); null: the event is unknown (489).</summary>
        public CheckSyncHandler CheckSync;

        /// <summary>The time of the last <see cref="Poll"/> or hand-over.</summary>
        public long Now => _now;

        public event PhoneEventHandler Event;

        /// <summary>
        /// The phone's log, told every event before <see cref="Event"/>'s handlers (it sets itself here): a handler of the
        /// event was a delegate and a slot of the handlers' list, 36 B more at every step on nanoCLR than this field
        /// (docs/benchmarks.md h-restcut).
        /// </summary>
        internal PhoneLog Log;

        /// <summary>
        /// Set by what shows the phone's events to someone (the bench's event stream, the simulator, a test): only then
        /// are an LED change's words made ("message red blink"); the phone's own log drops LED events, and on the board
        /// an LED change's text was garbage at every status change, in a call's answer too (issue #17).
        /// </summary>
        public bool EventDetails
        {
            get => (_bits & DetailsBit) != 0;
            set => _bits = value ? _bits | DetailsBit : _bits & ~DetailsBit;
        }

        /// <summary>
        /// Told when the network came back, a registration was lost, an identity's settings or a feature changed (the
        /// composition root, PhoneApp); null: told to nobody.
        /// </summary>
        public IPhoneSignals Signals;

        public bool IsRegistered(int identity) => identity >= 1 && identity <= MaxIdentities && (_bits & (1 << identity)) != 0;

        /// <summary>Runs every timer of the phone once; call every 5-10 ms from the main loop.</summary>
        public void Poll(long nowMs)
        {
            _now = nowMs;
            if (Drivers != null)
            {
                Drivers.Tick(nowMs);
            }
            Statuses.Tick(nowMs);
            InfoBoxes.Tick(nowMs);
            Presence.Tick(nowMs);
            Monitored.Tick(nowMs);
            int tone = Statuses.TakeAudioRequest();
            if (tone != StatusScheduler.NoMessage && Drivers != null)
            {
                Drivers.Tones.Play(Tones.StatusIndication, nowMs);
            }
            // Last: the status event tells what the turn's changes (the SIP handling's and the timers' above) left.
            PollStatuses();
        }

        /// <summary>
        /// A text/plain MESSAGE the identity routing let through to an identity (domain/Routing). Returns the status to
        /// answer: 200 or 413 (too long).
        /// </summary>
        public int OnMessage(int identity, byte[] body, int offset, int length, string callId, long nowMs)
        {
            _now = nowMs;
            int status = Desktop.OnMessage(identity, body, offset, length, callId, nowMs);
            // The answer's code as literals (the store answers 200 or 413): Int32.ToString made a string every MESSAGE
            // (docs/benchmarks.md h-callsecond).
            Raise(PhoneEventKind.Message, status == 200 ? "200" : status == 413 ? "413" : status.ToString());
            return status;
        }

        /// <summary>
        /// An out-of-dialog NOTIFY: the Infobox (application/snomxml) or unsolicited message waiting
        /// (message-summary), let through by the identity routing (which applied filter_registrar). Returns the status to answer.
        /// </summary>
        public int OnNotify(int identity, string eventPackage, string contentType, string sourceHost, bool fromRegistrar,
                            byte[] body, int offset, int length, long nowMs)
        {
            _now = nowMs;
            if (contentType == InfoBoxQueue.ContentType)
            {
                int status = InfoBoxes.OnNotify(sourceHost, fromRegistrar, Settings.Get(SettingNames.MbTrustedHosts), body, offset, length, nowMs);
                Raise(PhoneEventKind.Message, "infobox " + status.ToString());
                return status;
            }
            if (eventPackage == "message-summary")
            {
                var summary = new MessageSummary();
                if (!summary.Parse(body, offset, length))
                {
                    return 400;
                }
                return Mailbox.Apply(identity >= 1 ? identity : CurrentIdentity, summary) ? 200 : 404;
            }
            return 489;
        }

        /// <summary>Registration state of an identity, from the SIP layer.</summary>
        public void OnRegistrationChanged(int identity, bool registered, long nowMs)
        {
            if (identity < 1 || identity > MaxIdentities)
            {
                return;
            }
            _now = nowMs;
            _bits = registered ? _bits | (1 << identity) : _bits & ~(1 << identity);
            StatusesForRegistration(identity, nowMs);
            Raise(PhoneEventKind.Registration, identity.ToString() + (registered ? " registered" : " not registered"));
        }

        /// <summary>A key event from any source (drivers, bench); what the renderer's menus do not consume.</summary>
        public void OnKey(int keyCode, KeyAction action, long nowMs)
        {
            _now = nowMs;
            if (CallKeys == null && action == KeyAction.Press && Signals != null && !OnlyDismisses(keyCode))
            {
                // The call layer is built on the first key that may need it (the call keys see every key first).
                Signals.CallsNeeded();
            }
            if (action == KeyAction.Press)
            {
                Presence.KeyPressed(nowMs);
            }
            if (ConferenceKeys != null && ConferenceKeys.HandleConferenceKey(keyCode, action, nowMs))
            {
                Raise(PhoneEventKind.Key, KeyCode.Name(keyCode));
                return;
            }
            if (CallKeys != null)
            {
                if (CallKeys.HandleKey(keyCode, action, Menus != null && Menus.IsOpen, nowMs))
                {
                    Raise(PhoneEventKind.Key, KeyCode.Name(keyCode));
                    return;
                }
            }
            if (Menus != null && Menus.HandleKey(keyCode, action))
            {
                return;
            }
            if (keyCode == KeyCode.VolumeUp || keyCode == KeyCode.VolumeDown)
            {
                // Held, a volume key repeats (KeyTiming's auto-repeat), a step each time.
                if (action == KeyAction.Press || action == KeyAction.Repeat)
                {
                    StepRingVolume(keyCode == KeyCode.VolumeUp ? 1 : -1, nowMs);
                    Raise(PhoneEventKind.Key, KeyCode.Name(keyCode));
                }
                return;
            }
            if (action != KeyAction.Press)
            {
                return;
            }
            if (keyCode == KeyCode.Cancel || keyCode == KeyCode.Ok)
            {
                if (Statuses.DismissPopUp(nowMs))
                {
                    return;
                }
            }
            if (keyCode == KeyCode.Cancel)
            {
                Desktop.OnCancelKey(Settings.GetBool(SettingNames.CancelDesktop));
            }
            if (keyCode == KeyCode.Dnd)
            {
                // The DND key toggles the current identity's Do not disturb, as the menu's choice does: the setting,
                // which the presence, the statuses and feature sync follow.
                Settings.Set(SettingNames.UserDnd, CurrentIdentity, Settings.GetBool(SettingNames.UserDnd, CurrentIdentity) ? "off" : "on");
            }
            Raise(PhoneEventKind.Key, KeyCode.Name(keyCode));
        }

        /// <summary>
        /// The volume keys step the ringer volume (ring_volume, 0..15; a call's audio has no volume of its own yet), which
        /// the speaker's tones follow at once (a ringing call too); the status line says the new level for 3 s
        /// (StatusLineSystemMessage) and a short tone plays at it. Before, the keys did nothing.
        /// </summary>
        private void StepRingVolume(int step, long nowMs)
        {
            int level = Settings.GetInt(SettingNames.RingVolume) + step;
            if (level >= 0 && level <= ToneSequencer.MaxLevel)
            {
                Settings.Set(SettingNames.RingVolume, 0, level.ToString());
            }
            Statuses.Clear(StatusId.StatusLineSystemMessage, nowMs);
            Statuses.Raise(StatusId.StatusLineSystemMessage, "Ringer volume " + Settings.Get(SettingNames.RingVolume, 0), "keys", nowMs);
            if (Drivers != null && !Drivers.Tones.IsPlaying)
            {
                Drivers.Tones.Play(Tones.StatusIndication, nowMs);
            }
        }

        /// <summary>
        /// Cancel with no call layer and no menu open: the layer is let go only with no call, dialing, call back or
        /// pickup offered and no menu open, and a layer built afresh has none of them, so its keys would leave Cancel to
        /// the pop-up and the desktop message. Building it (2.2 KB on the board) to dismiss a text message took the
        /// reading of a MESSAGE to the board heap's limit (docs/benchmarks.md, h-msgfit).
        /// </summary>
        private bool OnlyDismisses(int keyCode) => keyCode == KeyCode.Cancel && (Menus == null || !Menus.IsOpen);

        /// <summary>
        /// Chooses the own status from the menu; false for a state only the phone may set. Do not disturb is the
        /// current identity's user_dnd: choosing it (or leaving it) sets the setting, which feature sync then sends.
        /// </summary>
        public bool ChoosePresence(int state, long nowMs)
        {
            _now = nowMs;
            if (!Presence.Choose(state, nowMs))
            {
                return false;
            }
            Settings.Set(SettingNames.UserDnd, CurrentIdentity, state == PresenceState.DoNotDisturb ? "on" : "off");
            return true;
        }

        /// <summary>
        /// Connects the call layer: while it reports a call the own status is Busy, and calls forwarded when busy go
        /// to user_fwd_busy.
        /// </summary>
        public void AttachCallState(ICallState calls)
        {
            _calls = calls;
            Presence.SetInCall(calls.InCall, _now);
        }

        /// <summary>A call is being made, received or held (false without a call layer).</summary>
        public bool InCall => _calls != null && _calls.InCall;

        /// <summary>
        /// Stores a feature the server reported (as-feature-event) in the identity's settings without sending it back.
        /// Returns the FeatureSync flag of the feature.
        /// </summary>
        public int ApplyServerFeature(int identity, FeatureEvent e)
        {
            _bits |= ApplyingBit;
            try
            {
                if (e.Kind == FeatureEvent.KindDoNotDisturb)
                {
                    Settings.Set(SettingNames.UserDnd, identity, e.DoNotDisturb ? "on" : "off");
                    return FeatureSync.DoNotDisturb;
                }
                string target = e.ForwardActive && e.ForwardTo != null ? e.ForwardTo : "";
                if (e.ForwardType == FeatureEvent.ForwardAlways)
                {
                    Settings.Set(SettingNames.UserFwdAlways, identity, target);
                    return FeatureSync.ForwardAlways;
                }
                if (e.ForwardType == FeatureEvent.ForwardBusy)
                {
                    Settings.Set(SettingNames.UserFwdBusy, identity, target);
                    return FeatureSync.ForwardBusy;
                }
                if (e.RingCount > 0)
                {
                    Settings.Set(SettingNames.UserFwdTimeoutRings, identity, e.RingCount.ToString());
                }
                Settings.Set(SettingNames.UserFwdTimeout, identity, target);
                return FeatureSync.ForwardNoAnswer;
            }
            finally
            {
                _bits &= ~ApplyingBit;
            }
        }

        /// <summary>The SetDoNotDisturb or SetForwarding body for a feature (FeatureSync flag) from the identity's settings.</summary>
        public byte[] FeatureRequest(int identity, int feature, string device)
        {
            if (feature == FeatureSync.DoNotDisturb)
            {
                return FeatureEvent.SetDoNotDisturb(device, Settings.GetBool(SettingNames.UserDnd, identity));
            }
            int type = feature == FeatureSync.ForwardAlways ? FeatureEvent.ForwardAlways
                : feature == FeatureSync.ForwardBusy ? FeatureEvent.ForwardBusy : FeatureEvent.ForwardNoAnswer;
            string target = Settings.Get(ForwardSetting(type), identity);
            return FeatureEvent.SetForwarding(device, type, target.Length > 0, target, Settings.GetInt(SettingNames.UserFwdTimeoutRings, identity));
        }

        /// <summary>The user_fwd_* setting of a FeatureEvent forward type.</summary>
        private static string ForwardSetting(int forwardType) =>
            forwardType == FeatureEvent.ForwardAlways ? SettingNames.UserFwdAlways
            : forwardType == FeatureEvent.ForwardBusy ? SettingNames.UserFwdBusy : SettingNames.UserFwdTimeout;

        internal void SignalFeatureChanged(int identity, int feature)
        {
            if (Signals != null && (_bits & ApplyingBit) == 0)
            {
                Signals.FeatureChanged(identity, feature);
            }
        }

        internal void Raise(string kind, string detail)
        {
            PhoneLog log = Log;
            if (log != null)
            {
                log.OnEvent(kind, detail);
            }
            PhoneEventHandler handler = Event;
            if (handler != null)
            {
                handler(kind, detail);
            }
        }

        internal void SignalNetworkRestored()
        {
            if (Signals != null)
            {
                Signals.NetworkRestored();
            }
        }

        internal void SignalRegistrationLost(int identity)
        {
            if (Signals != null)
            {
                Signals.RegistrationLost(identity);
            }
        }

        internal void SignalIdentityChanged(int identity)
        {
            if (Signals != null)
            {
                Signals.IdentityChanged(identity);
            }
        }
    }
}
