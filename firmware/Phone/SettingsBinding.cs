using DeskPhone.Drivers.Expansion;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>Applies settings to the parts that use them, at start and whenever one changes, without a reboot.</summary>
    internal sealed class SettingsBinding : IKeyLabels
    {
        private const int FunctionKeys = 16;
        private const int ExpansionKeys = 54;

        /// <summary>Before the label of a module key whose subscription the heap refused (docs/presence.md).</summary>
        public const string NotMonitored = "! ";

        private readonly PhoneCore _phone;

        // The phone's store, read through the phone: a field of its own was 12 B at every step.
        private SettingsStore Settings => _phone.Settings;

        public SettingsBinding(PhoneCore phone)
        {
            _phone = phone;
            Settings.SettingChanged += OnSettingChanged;
            if (phone.Drivers != null && phone.Drivers.Expansion != null)
            {
                phone.Drivers.Expansion.Labels = this;
            }
            HeapReserve reserve = phone.Reserve;
            if (reserve != null)
            {
                // The core admits a key's subscription only while the heap keeps its reserve (IMonitoredListener.AdmitKey);
                // the refused keys are tried again when the reserve says there may be room (MemoryWatch), and said until
                // then (PhoneHasLowMemory).
                reserve.RoomAgain += RetryRefusedKeys;
            }
        }

        public void ApplyAll(long nowMs)
        {
            ApplyStatusCategories(nowMs);
            ApplyLeds();
            ApplyScalars();
            for (int i = 1; i <= FunctionKeys; i++)
            {
                ApplyKey(SettingNames.Fkey, i, nowMs);
            }
            for (int i = 1; i <= ExpansionKeys; i++)
            {
                ApplyKey(SettingNames.ExpansionKey, i, nowMs);
            }
            ReportRefusedKeys();
            ApplyLock(nowMs);
            ApplyDnd(_phone.CurrentIdentity, nowMs);
        }

        /// <summary>The keys refused for lack of heap, configured again from their settings: what fits now is taken on.</summary>
        private void RetryRefusedKeys()
        {
            MonitoredExtensions monitored = _phone.Monitored;
            long now = _phone.Now;
            for (int key = 0; key < MonitoredExtensions.MaxKeys; key++)
            {
                if (monitored.IsRefused(key))
                {
                    bool function = key < FunctionKeys;
                    ApplyKey(function ? SettingNames.Fkey : SettingNames.ExpansionKey, function ? key + 1 : key - FunctionKeys + 1, now);
                }
            }
            ReportRefusedKeys();
        }

        /// <summary>How many monitoring keys the heap refused, for PhoneHasLowMemory's parameter ("12 of 45 BLF keys not monitored").</summary>
        private void ReportRefusedKeys()
        {
            HeapReserve reserve = _phone.Reserve;
            if (reserve == null)
            {
                return;
            }
            MonitoredExtensions monitored = _phone.Monitored;
            int refused = monitored.RefusedCount;
            reserve.Report(HeapReserve.Keys, refused == 0 ? null
                : refused.ToString() + " of " + (refused + monitored.Count).ToString() + " BLF keys not monitored");
        }

        private void OnSettingChanged(string name, int idx, bool needsReboot)
        {
            long now = _phone.Now;
            if (name.StartsWith(SettingNames.StatusMsgsFamily))
            {
                ApplyStatusCategories(now);
            }
            else if (name.StartsWith(SettingNames.LedFamily))
            {
                ApplyLeds();
            }
            else if (name == SettingNames.Fkey || name == SettingNames.ExpansionKey)
            {
                ApplyKey(name, idx, now);
                ReportRefusedKeys();
            }
            else if (name == SettingNames.KeyboardLock)
            {
                ApplyLock(now);
            }
            else if (FeatureOf(name) != 0)
            {
                // DND and forwards are not part of the registration: no re-register, but feature sync sends them.
                ApplyDnd(idx, now);
                _phone.SignalFeatureChanged(idx, FeatureOf(name));
            }
            else if (name == SettingNames.UserAnonymousCall)
            {
                // Read at each dial and shown by StatusWiring (AnonymousIdOn); not part of the registration.
            }
            else if (name.StartsWith(SettingNames.UserFamily))
            {
                _phone.SignalIdentityChanged(idx);
            }
            else
            {
                ApplyScalars();
            }
            _phone.Raise(PhoneEventKind.Settings, idx > 0 ? name + "[" + idx.ToString() + "]" : name);
            // Then the statuses (the status wiring's handler came next in the store's list).
            _phone.StatusesFollowSetting(name, idx);
        }

        /// <summary>The FeatureSync flag a user_dnd/user_fwd_* setting belongs to, 0 for any other setting.</summary>
        private static int FeatureOf(string name)
        {
            switch (name)
            {
                case SettingNames.UserDnd: return FeatureSync.DoNotDisturb;
                case SettingNames.UserFwdAlways: return FeatureSync.ForwardAlways;
                case SettingNames.UserFwdBusy: return FeatureSync.ForwardBusy;
                case SettingNames.UserFwdTimeout:
                case SettingNames.UserFwdTimeoutRings: return FeatureSync.ForwardNoAnswer;
                default: return 0;
            }
        }

        /// <summary>The current identity's user_dnd is the own status's manual Do not disturb.</summary>
        private void ApplyDnd(int identity, long nowMs)
        {
            if (identity != _phone.CurrentIdentity)
            {
                return;
            }
            OwnPresence presence = _phone.Presence;
            bool dnd = Settings.GetBool(SettingNames.UserDnd, identity);
            if (dnd && presence.ManualChoice != PresenceState.DoNotDisturb)
            {
                presence.Choose(PresenceState.DoNotDisturb, nowMs);
            }
            else if (!dnd && presence.ManualChoice == PresenceState.DoNotDisturb)
            {
                presence.Choose(PresenceState.Online, nowMs);
            }
        }

        private void ApplyStatusCategories(long nowMs)
        {
            _phone.Statuses.Configure(
                Settings.Get(SettingNames.StatusMsgsThatAreBlocked), Settings.Get(SettingNames.StatusMsgsThatShowDirectly),
                Settings.Get(SettingNames.StatusMsgsThatAreEssential), Settings.Get(SettingNames.StatusMsgsThatAreImportant),
                Settings.Get(SettingNames.StatusMsgsWithAudioIndication), Settings.Get(SettingNames.StatusMsgsToPopUp), nowMs);
        }

        private void ApplyLeds()
        {
            _phone.Leds.Configure(
                Settings.Get(SettingNames.LedOn), Settings.Get(SettingNames.LedBlinkSlow), Settings.Get(SettingNames.LedBlinkMedium),
                Settings.Get(SettingNames.LedBlinkFast), Settings.Get(SettingNames.LedBlinkShortOff), Settings.Get(SettingNames.LedRed),
                Settings.Get(SettingNames.LedGreen), Settings.Get(SettingNames.LedOrange), Settings.Get(SettingNames.LedYellow),
                Settings.Get(SettingNames.LedMessageUsage), Settings.Get(SettingNames.LedCallIndicatorUsage));
        }

        private void ApplyScalars()
        {
            _phone.Desktop.MaxBytes = Settings.GetInt(SettingNames.DesktopMessageMaxBytes);
            _phone.InfoBoxes.SecondsPerLine = Settings.GetInt(SettingNames.InfoboxLineSeconds);
            _phone.Statuses.DefaultPopUpSeconds = Settings.GetInt(SettingNames.StatusPopupDefaultSeconds);
            OwnPresence presence = _phone.Presence;
            presence.AtTheDeskDelayMs = Settings.GetInt(SettingNames.PresenceAtDeskDelay) * 1000L;
            presence.AvailableIdleMs = Settings.GetInt(SettingNames.PresenceAvailableIdle) * 60000L;
            presence.AutoAvailable = Settings.GetBool(SettingNames.PresenceAutoAvailable);
            if (_phone.Drivers != null)
            {
                // The speaker's tones (the ringer, the status indication) at the ringer volume; before, ring_volume did nothing.
                _phone.Drivers.Tones.Level = Settings.GetInt(SettingNames.RingVolume);
            }
        }

        private void ApplyKey(string name, int idx, long nowMs)
        {
            int key = name == SettingNames.Fkey ? idx - 1 : FunctionKeys + idx - 1;
            string definition = Settings.Get(name, idx);
            string error = _phone.Monitored.Configure(key, definition, _phone.CurrentIdentity, nowMs);
            if (error != null)
            {
                _phone.Raise(PhoneEventKind.Settings, name + "[" + idx.ToString() + "]: " + error);
            }
            ExpansionChain chain = _phone.Drivers == null ? null : _phone.Drivers.Expansion;
            if (name == SettingNames.ExpansionKey && chain != null)
            {
                chain.Relabel((idx - 1) / ExpansionProtocol.KeysPerModule, (idx - 1) % ExpansionProtocol.KeysPerModule);
            }
        }

        /// <summary>
        /// A module key's label, made from its setting when the chain sends it (a module connects, the key changes): the
        /// phone holds no label per key. A key refused for lack of heap says so on its module: its LED shows no state,
        /// its label a mark.
        /// </summary>
        public string LabelOf(int module, int key)
        {
            int index = module * ExpansionProtocol.KeysPerModule + key;
            if (index < 0 || index >= ExpansionKeys)
            {
                return null;
            }
            string label = KeyLabel.Of(Settings.Get(SettingNames.ExpansionKey, index + 1));
            return label != null && _phone.Monitored.IsRefused(FunctionKeys + index) ? NotMonitored + label : label;
        }

        private void ApplyLock(long nowMs)
        {
            if (Settings.GetBool(SettingNames.KeyboardLock))
            {
                _phone.Statuses.Raise(StatusId.PhoneIsLocked, null, "settings", nowMs);
            }
            else
            {
                _phone.Statuses.Clear(StatusId.PhoneIsLocked, nowMs);
            }
        }
    }
}
