using DeskPhone.Drivers;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Completion;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Voice;
using DeskPhone.Media.Audio;
using DeskPhone.Sip.Events;
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
    /// starts their registrations and own subscriptions), presence publisher, then
    /// the screen (the model, IdleScreen, and the feeder that composes into it; drawn only when there is a panel). Everything is portable: nothing here touches a
    /// socket, the graphics library, the file system or the crypto natives; those stay behind the objects passed in.
    /// </para>
    /// </summary>
    public sealed class PhoneApp
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
            Settings = settings;
            Inbox = inbox;
            Udp = udp;
            // The user agent core and the events layer over it first: the phone core's keys subscribe through the layer
            // while the core is built (their SUBSCRIBEs wait for the first loop turn).
            Agent = new SipUserAgent(inbox) { Udp = udp };
            Events = new Subscriptions(Agent, SipSubscriptions.MaxDialogs);
            Core = new PhoneCore(settings, drivers, Events, startMs);
            Subscriptions = new SipSubscriptions(Events, Core);
            Log = new PhoneLog(Core, parts.LogLines > 0 ? parts.LogLines : 16);
            Binding = new SipBinding(Core, Subscriptions, Agent, localHost);
            Publisher = new PresencePublisher(Core, Agent, Binding.Registrations);
            Time = new NetworkTime(Core, parts.Ntp, parts.WallClock);
            Provisioning = new PhoneProvisioning(Core, parts.Http);
            Updates = new PhoneUpdates(Core, parts.UpdateHttp, parts.UpdateMedium, parts.UpdateLoader, Provisioning);
            Memory = new MemoryWatch(Core, parts.Memory, startMs);
            Calls = new PhoneCalls(Agent, settings, Core.Statuses, drivers == null ? null : drivers.Tones, Core.Presence);
            // The chain of the agent: the call sessions (PhoneCalls added them), then the phone's identity routing.
            Agent.AddListener(Binding.Routing);
            Core.AttachCallState(Calls);
            Core.Desktop.Calls = Calls;
            Calls.CallChanged += call => Core.Raise(PhoneEventKind.Call, call.Id.ToString() + " " + CallNames.State(call));
            if (parts.Rtp != null)
            {
                ICallAudio audio = parts.Audio ?? new SilentAudio();
                Voice = new CallVoice(Calls.Sessions, Calls.Audio, audio, parts.Rtp, new System.Random(), settings, Calls.Pad);
                if (parts.Multicast != null)
                {
                    Voice.Paging = new Paging(settings, Core.Statuses, audio, Calls.Sessions, parts.Multicast);
                }
                Calls.Media = Voice;
                Calls.CallChanged += OnCallChanged;
                Core.ConferenceKeys = new ConferenceKeys(Voice.Conference, Calls.Audio, Core.Statuses);
            }
            Core.RegistrationLost += identity => Calls.RegistrationLost(identity, Core.Now);
            if (settings.Medium != null)
            {
                // The call lists survive a restart beside the settings.
                var lists = new CallListFile(settings.Medium);
                lists.Load(Calls);
                Calls.ListsChanged += () => lists.Save(Calls);
            }
            Completion = new CallCompletion(Calls, Events, settings, Core.Statuses, drivers == null ? null : drivers.Tones);
            // The conference and call completion on the call screen, with their softkeys.
            Calls.Features = new CallFeatures(Voice == null ? null : Voice.Conference, Completion);
            Keys = new CallKeys(Calls) { Monitored = Core.Monitored, DialPlan = new DialPlan(settings) };
            Core.CallKeys = Keys;
            // The calls on the call LED and the line keys (docs/leds.md); it lives as long as the calls it listens to.
            new CallLeds(Calls, Core.Leds, settings);
            if (drivers != null)
            {
                drivers.Ethernet.NetworkLost += () => Calls.NetworkLost(Core.Now);
                if (drivers.Hid != null)
                {
                    // The USB headset's hook switch and mute button are the headset and mute keys.
                    drivers.Hid.HeadsetHook += offHook => { Keys.HeadsetHook(offHook, Core.Now); Core.Raise(PhoneEventKind.Key, "HEADSET"); };
                    drivers.Hid.HeadsetMutePressed += () => { Keys.ToggleMute(Core.Now); Core.Raise(PhoneEventKind.Key, "MUTE"); };
                    // ...and its indicators show the headset in use and muted.
                    Calls.Audio.Changed += () => drivers.Hid.SetHeadsetIndicators(Calls.Audio.Device == AudioDevice.Headset, Calls.Audio.Muted, false);
                }
            }
            if (localHost == null && drivers != null)
            {
                drivers.Ethernet.AddressChanged += OnAddressChanged;
            }
            if (parts.Wifi != null && drivers != null)
            {
                // Wi-Fi while the cable is out; a call on the old address cannot go on from the new one.
                Links = new LinkPolicy(Core, Agent, parts.Wifi, localHost == null);
                Core.Links = Links;
                Links.Changed += link => Calls.NetworkLost(Core.Now);
            }
            // The screen model exists with or without a panel: the bench describes it either way (a board whose panel did
            // not start runs headless but still answers /api/screen).
            Idle = new IdleScreen(panel, parts.Profile ?? DisplayProfile.Color320x240);
            Screen = new ScreenFeeder(Core, Idle, Time.Local) { Calls = Calls };
            Screen.Menus.Calls = Calls;
            Text = new ScreenText(Idle);
            if (panel != null && drivers != null && drivers.Backlight != null)
            {
                // The screen starts lit, as after a key press.
                drivers.Backlight.Activity(startMs);
            }
        }

        public SettingsStore Settings { get; }
        public SipInbox Inbox { get; }
        public ISipTransport Udp { get; }
        public PhoneCore Core { get; }
        /// <summary>The events layer (SUBSCRIBE dialogs, NOTIFY matching) over <see cref="Agent"/>.</summary>
        public Subscriptions Events { get; }

        /// <summary>The phone's own subscriptions (mailbox, feature sync, reg) over <see cref="Events"/>.</summary>
        public SipSubscriptions Subscriptions { get; }
        public SipBinding Binding { get; }
        public SipUserAgent Agent { get; }
        public PresencePublisher Publisher { get; }

        /// <summary>The phone's clock: network time when <c>ntp_server</c> is set, else the caller's.</summary>
        public NetworkTime Time { get; }

        /// <summary>Provisioning from <c>setting_server</c> (docs/provisioning.md); its client is null without an HTTP channel.</summary>
        public PhoneProvisioning Provisioning { get; }

        /// <summary>Application updates from <c>firmware_status</c> (docs/updates.md); its updater is null without flash and channel.</summary>
        public PhoneUpdates Updates { get; }

        /// <summary>Ethernet or Wi-Fi (<see cref="LinkPolicy"/>); null without a Wi-Fi part.</summary>
        public LinkPolicy Links { get; }

        /// <summary>The phone's log: the last events worth reading later (GET /api/log).</summary>
        public PhoneLog Log { get; }

        /// <summary>PhoneHasLowMemory from the heap after collections (docs/status-messages.md); idle without a heap to ask.</summary>
        public MemoryWatch Memory { get; }

        /// <summary>The call logic (ringing, answer, dial, call lists) over the SIP sessions.</summary>
        public PhoneCalls Calls { get; }

        /// <summary>The calls' voice (RTP, RTCP, jitter buffer, codec) behind <see cref="PhoneCalls.Media"/>; null without media ports.</summary>
        public CallVoice Voice { get; }

        /// <summary>Call back on busy / call completion (RFC 6910 or the PBX's code) after a failed call.</summary>
        public CallCompletion Completion { get; }

        /// <summary>The call keys (hook, speaker, headset, mute, hold, the call screen's softkeys), which see every key first.</summary>
        public CallKeys Keys { get; }

        /// <summary>The screen model and its renderer (drawing nothing when headless).</summary>
        public IdleScreen Idle { get; }

        /// <summary>Composes the core's state into <see cref="Idle"/> once per loop turn when something changed.</summary>
        public ScreenFeeder Screen { get; }

        /// <summary>The screen model as text for the bench (/api/screen): exactly what was drawn.</summary>
        public ScreenText Text { get; }

        /// <summary>Take this lock before calling into the phone from any thread but the loop's (the same as the core's).</summary>
        public object Gate => Core.Gate;

        /// <summary>
        /// One turn of the main loop, under <see cref="Gate"/>: the user agent handles what the transports delivered
        /// and runs its transactions (answers sent), the registrations their refreshes and retries, then the events
        /// layer its waiting SUBSCRIBEs, the own subscriptions, the presence publisher, the phone core (drivers, statuses, timers), and last the screen: the
        /// feeder composes the model once if this turn's events marked it dirty and draws what changed. Exceptions go to the caller (the device and the simulator
        /// report them and keep looping; tests see them).
        /// </summary>
        public void Poll(long nowMs)
        {
            lock (Core.Gate)
            {
                Agent.Poll(nowMs);
                Binding.Registrations.Poll(nowMs);
                Calls.Poll(nowMs);
                Completion.Poll(nowMs);
                Keys.Poll(nowMs);
                if (Voice != null)
                {
                    Voice.Poll(nowMs);
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
                Screen.Tick();
            }
        }

        private void OnCallChanged(SipCall call)
        {
            if (call.State == SipCall.Ended)
            {
                Voice.End(call);
            }
        }

        private void OnAddressChanged(string address)
        {
            if (address != null)
            {
                Agent.LocalHost = address;
            }
        }
    }
}
