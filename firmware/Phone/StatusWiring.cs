using DeskPhone.Drivers;
using DeskPhone.Drivers.Expansion;
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
    internal sealed class StatusWiring
    {
        private readonly PhoneCore _phone;
        private readonly StatusScheduler _s;
        // What the last status event named, so an unchanged screen raises no event.
        private int _shownLine = StatusScheduler.NoMessage;
        private int _shownPopUp = StatusScheduler.NoMessage;

        public StatusWiring(PhoneCore phone)
        {
            _phone = phone;
            _s = phone.Statuses;
        }

        public void Start(long nowMs)
        {
            _s.Changed += OnStatusesChanged;
            _phone.Leds.Changed += OnLedChanged;
            _phone.Desktop.Changed += present => Set(StatusId.ServerMessageToBeShownDirectly, present, "desktop message");
            _phone.Settings.PasswordStateChanged += (name, idx, isSet) => PasswordsChanged();
            _phone.Settings.RebootRequiredRaised += () => Set(StatusId.PhoneWantsReboot, true, "settings");
            _phone.Presence.Changed += OnPresenceChanged;
            FeaturesChanged();
            _phone.Mailbox.Changed += OnMailboxChanged;
            _phone.Monitored.RingingChanged += ringing =>
            {
                Set(StatusId.MonitoredExtensionIsRinging, ringing, "blf");
                // The BLF key picks that call up (CallKeys): a call for pickup while any monitored extension rings.
                Set(StatusId.CallForPickupAvailable, ringing, "blf");
            };
            _phone.Monitored.KeyChanged += (key, state) => _phone.Leds.SetKeyState(key, KeyState.Parse(state));
            PasswordsChanged();
            for (int identity = 1; identity <= PhoneCore.MaxIdentities; identity++)
            {
                RegistrationChanged(identity, nowMs);
            }
            PhoneDrivers drivers = _phone.Drivers;
            if (drivers == null)
            {
                return;
            }
            drivers.KeyEvent += (code, action) => _phone.OnKey(code, action, _phone.Now);
            drivers.Ethernet.Changed += OnEthernet;
            Set(StatusId.EthernetUnplugged, drivers.Ethernet.EthernetUnplugged, "ethernet");
            if (drivers.Hid != null)
            {
                drivers.Hid.DeviceChanged += OnHidDevice;
            }
            if (drivers.Expansion != null)
            {
                drivers.Expansion.ChainEvent += OnChainEvent;
            }
        }

        public void RegistrationChanged(int identity, long nowMs)
        {
            SettingsStore settings = _phone.Settings;
            bool configured = settings.GetBool(SettingNames.UserActive, identity) && settings.Get(SettingNames.UserName, identity) != "";
            // An identity with no registrar has nothing to register with (a peer-to-peer phone): it is reached
            // directly, so it is never "not registered" and counts as registered for presence.
            bool needsRegistration = configured && settings.Get(SettingNames.UserHost, identity) != "";
            bool registered = _phone.IsRegistered(identity);
            Set(StatusId.IdentityIsNotRegistered(identity), needsRegistration && !registered, "sip");
            if (identity == _phone.CurrentIdentity)
            {
                Set(StatusId.CurrentIdentityIsNotRegistered, needsRegistration && !registered, "sip");
                _phone.Presence.SetRegistered(registered || (configured && !needsRegistration), nowMs);
            }
        }

        private void PasswordsChanged()
        {
            Set(StatusId.PhoneHasNoAdminPassword, !_phone.Settings.IsPasswordSet(SettingNames.AdminModePassword), "settings");
            Set(StatusId.PhoneHasNoHttpPassword, !_phone.Settings.IsPasswordSet(SettingNames.HttpPassword), "settings");
        }

        private void OnEthernet(EthernetChange change)
        {
            if (change == EthernetChange.Restored)
            {
                _phone.SignalNetworkRestored();
            }
            else if (change == EthernetChange.Unplugged)
            {
                bool unplugged = _phone.Drivers.Ethernet.EthernetUnplugged;
                Set(StatusId.EthernetUnplugged, unplugged, "ethernet");
                _phone.Raise(PhoneEventKind.Link, unplugged ? "unplugged" : "plugged");
            }
        }

        private void OnHidDevice(int port, HidDeviceClass kind, int state)
        {
            if (state == HidProtocol.StateEnumerating)
            {
                Set(StatusId.HidConnecting, true, "usb");
                return;
            }
            HidChanged();
            _phone.Raise(PhoneEventKind.Usb, "port " + (port + 1).ToString() + " " + HidNames.DeviceClass(kind)
                + (state == HidProtocol.StateReady ? " connected" : " disconnected"));
        }

        private void HidChanged()
        {
            HidBridge hid = _phone.Drivers.Hid;
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
                _phone.Raise(PhoneEventKind.Module, (param ?? "?") + (kind == ExpansionEventKind.Connected ? " connected" : " lost"));
            }
            switch (kind)
            {
                case ExpansionEventKind.Connected:
                    // Cleared first so that every new module shows its brief UxmConnected again.
                    _s.Clear(StatusId.UxmConnected, _phone.Now);
                    _s.Raise(StatusId.UxmConnected, param, "expansion", _phone.Now);
                    Set(StatusId.ExpDeviceCabelingBroken, _phone.Drivers.Expansion.CablingBroken, "expansion");
                    break;
                case ExpansionEventKind.Lost:
                    _s.Raise(StatusId.ExpDeviceCabelingBroken, param, "expansion", _phone.Now);
                    break;
                case ExpansionEventKind.LimitExceeded:
                    _s.Raise(StatusId.ExpDeviceLimitExceeded, null, "expansion", _phone.Now);
                    break;
                case ExpansionEventKind.LimitCleared:
                    _s.Clear(StatusId.ExpDeviceLimitExceeded, _phone.Now);
                    break;
                case ExpansionEventKind.FirmwareOutdated:
                    _s.Raise(StatusId.ExpDeviceNeedsUpdate, param, "expansion", _phone.Now);
                    break;
            }
        }

        /// <summary>
        /// A setting changed (SettingsBinding tells it after its own handling, through the core: a handler of the store's
        /// was a delegate and a slot of its list, 48 B at rest, docs/benchmarks.md, h-firmrest).
        /// </summary>
        internal void OnSettingChanged(string name, int idx)
        {
            if (idx == _phone.CurrentIdentity && (name == SettingNames.UserDnd || name.StartsWith(SettingNames.UserFwdFamily) || name == SettingNames.UserAnonymousCall))
            {
                FeaturesChanged();
            }
        }

        /// <summary>The current identity's DND, forwards and anonymous calling, as set from the menu, the settings or the server (feature sync).</summary>
        private void FeaturesChanged()
        {
            SettingsStore settings = _phone.Settings;
            int identity = _phone.CurrentIdentity;
            Set(StatusId.CurrentIdentityIsDnd, settings.GetBool(SettingNames.UserDnd, identity), "settings");
            Set(StatusId.CurrentIdentityForewardsAlways, settings.Get(SettingNames.UserFwdAlways, identity) != "", "settings");
            Set(StatusId.CurrentIdentityForewardsWhenBusy, settings.Get(SettingNames.UserFwdBusy, identity) != "", "settings");
            Set(StatusId.CurrentIdentityForewardsAfterTimeout, settings.Get(SettingNames.UserFwdTimeout, identity) != "", "settings");
            Set(StatusId.AnonymousIdOn, settings.GetBool(SettingNames.UserAnonymousCall, identity), "settings");
        }

        private void OnPresenceChanged(int state, bool lostRegistration)
        {
            _phone.Raise(PhoneEventKind.Presence, PresenceState.Token(state) + (lostRegistration ? " lost-registration" : ""));
            // Then the publisher (its handler came next in the presence's event).
            if (_phone.Signals != null)
            {
                _phone.Signals.PresenceChanged();
            }
        }

        private void OnMailboxChanged()
        {
            var m = _phone.Mailbox;
            Set(StatusId.CurrentIdentityHasVoiceMessages, m.CurrentIdentityHasVoiceMessages, "mwi");
            Set(StatusId.CurrentIdentityHasTextMessages, m.CurrentIdentityHasTextMessages, "mwi");
            Set(StatusId.PhoneHasVoiceMessages, m.PhoneHasVoiceMessages, "mwi");
            Set(StatusId.PhoneHasTextMessages, m.PhoneHasTextMessages, "mwi");
        }

        private void OnStatusesChanged(int changes)
        {
            if ((changes & StatusScheduler.LedsChanged) != 0)
            {
                _phone.Leds.StatusesChanged();
            }
        }

        /// <summary>
        /// From the loop's turn (<see cref="PhoneCore.Poll"/>): the status event, when what holds the screen changed
        /// since the last one (a status raised below the status line changes neither). Watchers (phonectl watch, the
        /// bench page, the log) want names, not the change bits. Told here, not from the change itself: a status raised
        /// under a SIP request's handling (a MESSAGE's desktop message) built the names and the log's line under the
        /// request's frames and parsed message, the MESSAGE's deepest moment on the board's heap (docs/benchmarks.md,
        /// h-msgfit); the turn's last state is told once.
        /// </summary>
        public void Poll()
        {
            if (_s.StatusLine != _shownLine || _s.PopUp != _shownPopUp)
            {
                _shownLine = _s.StatusLine;
                _shownPopUp = _s.PopUp;
                _phone.Raise(PhoneEventKind.Status, "line=" + NameOrNone(_shownLine) + " popup=" + NameOrNone(_shownPopUp));
            }
        }

        private static string NameOrNone(int id)
        {
            return id == StatusScheduler.NoMessage ? "none" : StatusCatalog.Name(id);
        }

        private void OnLedChanged(int led, LedColor color, LedPattern pattern)
        {
            PhoneDrivers drivers = _phone.Drivers;
            if (drivers != null && led < drivers.Leds.Count)
            {
                drivers.Leds.Set(led, color, pattern);
            }
            _phone.Raise(PhoneEventKind.Leds, _phone.EventDetails ? LedMap.Name(led) + " " + LedNames.Color(color) + " " + LedNames.Pattern(pattern) : null);
        }

        private void Set(int id, bool active, string source) => _s.Set(id, active, source, _phone.Now);
    }
}
