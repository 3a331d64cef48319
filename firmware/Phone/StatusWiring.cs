using DeskPhone.Drivers;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Framing;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Drivers.Network;
using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Where status messages come from: each source's event raises or clears its ID (the table in
    /// docs/status-messages.md), and where they go: the LED policy and the LED bank.
    /// </summary>
    // Part of PhoneCore (partial): an object of its own with copies of the core and its statuses was a type in the
    // runtime tables and about 40 B of heap (h-firmslim).
    public sealed partial class PhoneCore : IHidListener, IMonitoredListener
    {
        // What the last status event named, so an unchanged screen raises no event.
        private int _shownLine = StatusScheduler.NoMessage;
        private int _shownPopUp = StatusScheduler.NoMessage;

        private void WireStatuses(long nowMs)
        {
            // The scheduler sets the message LED itself: a handler here was two levels more under a call's end (h-byeleds).
            Statuses.Leds = Leds;
            Leds.Changed += OnLedChanged;
            Desktop.Changed += present => Set(StatusId.ServerMessageToBeShownDirectly, present, "desktop message");
            Settings.PasswordStateChanged += (name, idx, isSet) => PasswordsChanged();
            Settings.RebootRequiredRaised += () => Set(StatusId.PhoneWantsReboot, true, "settings");
            Presence.Changed += OnPresenceChanged;
            FeaturesChanged();
            Mailbox.Changed += OnMailboxChanged;
            // The keys' states and ringing are shown from here on (the boot's key configuration leaves the LEDs unset
            // until a key's first NOTIFY); the core has been the monitored keys' listener since it was built, for admission.
            _bits |= KeysShownBit;
            PasswordsChanged();
            for (int identity = 1; identity <= PhoneCore.MaxIdentities; identity++)
            {
                StatusesForRegistration(identity, nowMs);
            }
            PhoneDrivers drivers = Drivers;
            if (drivers == null)
            {
                return;
            }
            drivers.KeyEvent += (code, action) => OnKey(code, action, Now);
            drivers.Ethernet.Changed += OnEthernet;
            Set(StatusId.EthernetUnplugged, drivers.Ethernet.EthernetUnplugged, "ethernet");
            if (drivers.Hid != null)
            {
                // The core is the bridge's listener (no delegate): it shows the devices and passes the headset's
                // buttons to the parts over it (IPhoneSignals).
                drivers.Hid.Listener = this;
            }
            if (drivers.Expansion != null)
            {
                drivers.Expansion.ChainEvent += OnChainEvent;
            }
        }

        private void StatusesForRegistration(int identity, long nowMs)
        {
            SettingsStore settings = Settings;
            bool configured = settings.GetBool(SettingNames.UserActive, identity) && settings.Get(SettingNames.UserName, identity) != "";
            // An identity with no registrar has nothing to register with (a peer-to-peer phone): it is reached
            // directly, so it is never "not registered" and counts as registered for presence.
            bool needsRegistration = configured && settings.Get(SettingNames.UserHost, identity) != "";
            bool registered = IsRegistered(identity);
            Set(StatusId.IdentityIsNotRegistered(identity), needsRegistration && !registered, "sip");
            if (identity == CurrentIdentity)
            {
                Set(StatusId.CurrentIdentityIsNotRegistered, needsRegistration && !registered, "sip");
                Presence.SetRegistered(registered || (configured && !needsRegistration), nowMs);
            }
        }

        private void PasswordsChanged()
        {
            Set(StatusId.PhoneHasNoAdminPassword, !Settings.IsPasswordSet(SettingNames.AdminModePassword), "settings");
            Set(StatusId.PhoneHasNoHttpPassword, !Settings.IsPasswordSet(SettingNames.HttpPassword), "settings");
        }

        private void OnEthernet(EthernetChange change)
        {
            if (change == EthernetChange.Restored)
            {
                SignalNetworkRestored();
            }
            else if (change == EthernetChange.Unplugged)
            {
                bool unplugged = Drivers.Ethernet.EthernetUnplugged;
                Set(StatusId.EthernetUnplugged, unplugged, "ethernet");
                Raise(PhoneEventKind.Link, unplugged ? "unplugged" : "plugged");
            }
        }

        void IMonitoredListener.KeyStateChanged(int key, string state)
        {
            if ((_bits & KeysShownBit) != 0)
            {
                Leds.SetKeyState(key, KeyState.Parse(state));
            }
        }

        void IMonitoredListener.RingingChanged(bool ringing)
        {
            if ((_bits & KeysShownBit) != 0)
            {
                Set(StatusId.MonitoredExtensionIsRinging, ringing, "blf");
                // The BLF key picks that call up (CallKeys): a call for pickup while any monitored extension rings.
                Set(StatusId.CallForPickupAvailable, ringing, "blf");
            }
        }

        // A key's subscription is taken on only while the heap keeps its reserve, with room for the keys taken on before
        // it to ring; the refused keys are tried again when the reserve says there may be room (SettingsBinding).
        bool IMonitoredListener.AdmitKey(int taken) => Reserve == null || Reserve.AdmitKey(taken, Now);

        void IHidListener.HidDeviceChanged(int port, HidDeviceClass kind, int state)
        {
            if (state == HidProtocol.StateEnumerating)
            {
                Set(StatusId.HidConnecting, true, "usb");
                return;
            }
            HidChanged();
            Raise(PhoneEventKind.Usb, "port " + (port + 1).ToString() + " " + HidNames.DeviceClass(kind)
                + (state == HidProtocol.StateReady ? " connected" : " disconnected"));
        }

        void IHidListener.HeadsetButton(int button, bool down)
        {
            if (Signals != null)
            {
                Signals.HeadsetButton(button, down);
            }
        }

        // A damaged frame from the bridge is dropped: a lost device report comes again with the next Query or change.
        void IHidListener.HidLinkError(FrameError error, int detail)
        {
        }

        private void HidChanged()
        {
            HidBridge hid = Drivers.Hid;
            bool any = false;
            for (int port = 0; port < 2; port++)
            {
                any |= hid.IsConnected(port);
            }
            Set(StatusId.HidConnecting, false, "usb");
            Set(StatusId.HidConnected, any, "usb");
        }

        private void OnChainEvent(ExpansionEventKind kind, int module, string reason)
        {
            string param = module >= 0 ? (module + 1).ToString() : null;
            if (kind == ExpansionEventKind.Connected || kind == ExpansionEventKind.Lost)
            {
                Raise(PhoneEventKind.Module, (param ?? "?") + (kind == ExpansionEventKind.Connected ? " connected" : " lost"));
            }
            switch (kind)
            {
                case ExpansionEventKind.Connected:
                    // Cleared first so that every new module shows its brief UxmConnected again.
                    Statuses.Clear(StatusId.UxmConnected, Now);
                    Statuses.Raise(StatusId.UxmConnected, param, "expansion", Now);
                    Set(StatusId.ExpDeviceCabelingBroken, Drivers.Expansion.CablingBroken, "expansion");
                    break;
                case ExpansionEventKind.Lost:
                    Statuses.Raise(StatusId.ExpDeviceCabelingBroken, param, "expansion", Now);
                    break;
                case ExpansionEventKind.LimitExceeded:
                    Statuses.Raise(StatusId.ExpDeviceLimitExceeded, null, "expansion", Now);
                    break;
                case ExpansionEventKind.LimitCleared:
                    Statuses.Clear(StatusId.ExpDeviceLimitExceeded, Now);
                    break;
                case ExpansionEventKind.FirmwareOutdated:
                    Statuses.Raise(StatusId.ExpDeviceNeedsUpdate, param, "expansion", Now);
                    break;
            }
        }

        /// <summary>
        /// A setting changed (SettingsBinding tells it after its own handling, through the core: a handler of the store's
        /// was a delegate and a slot of its list, 48 B at rest, docs/benchmarks.md, h-firmrest).
        /// </summary>
        internal void StatusesFollowSetting(string name, int idx)
        {
            if (idx == CurrentIdentity && (name == SettingNames.UserDnd || name.StartsWith(SettingNames.UserFwdFamily) || name == SettingNames.UserAnonymousCall))
            {
                FeaturesChanged();
            }
        }

        /// <summary>The current identity's DND, forwards and anonymous calling, as set from the menu, the settings or the server (feature sync).</summary>
        private void FeaturesChanged()
        {
            SettingsStore settings = Settings;
            int identity = CurrentIdentity;
            Set(StatusId.CurrentIdentityIsDnd, settings.GetBool(SettingNames.UserDnd, identity), "settings");
            Set(StatusId.CurrentIdentityForewardsAlways, settings.Get(SettingNames.UserFwdAlways, identity) != "", "settings");
            Set(StatusId.CurrentIdentityForewardsWhenBusy, settings.Get(SettingNames.UserFwdBusy, identity) != "", "settings");
            Set(StatusId.CurrentIdentityForewardsAfterTimeout, settings.Get(SettingNames.UserFwdTimeout, identity) != "", "settings");
            Set(StatusId.AnonymousIdOn, settings.GetBool(SettingNames.UserAnonymousCall, identity), "settings");
        }

        private void OnPresenceChanged(int state, bool lostRegistration)
        {
            Raise(PhoneEventKind.Presence, PresenceState.Token(state) + (lostRegistration ? " lost-registration" : ""));
            // Then the publisher (its handler came next in the presence's event).
            if (Signals != null)
            {
                Signals.PresenceChanged();
            }
        }

        private void OnMailboxChanged()
        {
            var m = Mailbox;
            Set(StatusId.CurrentIdentityHasVoiceMessages, m.CurrentIdentityHasVoiceMessages, "mwi");
            Set(StatusId.CurrentIdentityHasTextMessages, m.CurrentIdentityHasTextMessages, "mwi");
            Set(StatusId.PhoneHasVoiceMessages, m.PhoneHasVoiceMessages, "mwi");
            Set(StatusId.PhoneHasTextMessages, m.PhoneHasTextMessages, "mwi");
        }

        /// <summary>
        /// From the loop's turn (<see cref="PhoneCore.Poll"/>): the status event, when what holds the screen changed
        /// since the last one (a status raised below the status line changes neither). Watchers (phonectl watch, the
        /// bench page, the log) want names, not the change bits. Told here, not from the change itself: a status raised
        /// under a SIP request's handling (a MESSAGE's desktop message) built the names and the log's line under the
        /// request's frames and parsed message, the MESSAGE's deepest moment on the board's heap (docs/benchmarks.md,
        /// h-msgfit); the turn's last state is told once.
        /// </summary>
        private void PollStatuses()
        {
            if (Statuses.StatusLine != _shownLine || Statuses.PopUp != _shownPopUp)
            {
                _shownLine = Statuses.StatusLine;
                _shownPopUp = Statuses.PopUp;
                Raise(PhoneEventKind.Status, "line=" + NameOrNone(_shownLine) + " popup=" + NameOrNone(_shownPopUp));
            }
        }

        private static string NameOrNone(int id)
        {
            return id == StatusScheduler.NoMessage ? "none" : StatusCatalog.Name(id);
        }

        private void OnLedChanged(int led, LedColor color, LedPattern pattern)
        {
            PhoneDrivers drivers = Drivers;
            if (drivers != null && led < drivers.Leds.Count)
            {
                drivers.Leds.Set(led, color, pattern);
            }
            Event?.Invoke(PhoneEventKind.Leds, EventDetails ? LedMap.Name(led) + " " + LedNames.Color(color) + " " + LedNames.Pattern(pattern) : null);
        }

        private void Set(int id, bool active, string source) => Statuses.Set(id, active, source, Now);
    }
}
