using DeskPhone.Drivers.Expansion;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>Applies settings to the parts that use them, at start and whenever one changes, without a reboot.</summary>
    internal sealed class SettingsBinding
    {
        private const int FunctionKeys = 16;
        private const int ExpansionKeys = 54;

        private readonly PhoneCore _phone;
        private readonly SettingsStore _settings;

        public SettingsBinding(PhoneCore phone)
        {
            _phone = phone;
            _settings = phone.Settings;
            _settings.SettingChanged += OnSettingChanged;
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
            ApplyLock(nowMs);
            ApplyDnd(_phone.CurrentIdentity, nowMs);
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
            bool dnd = _settings.GetBool(SettingNames.UserDnd, identity);
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
                _settings.Get(SettingNames.StatusMsgsThatAreBlocked), _settings.Get(SettingNames.StatusMsgsThatShowDirectly),
                _settings.Get(SettingNames.StatusMsgsThatAreEssential), _settings.Get(SettingNames.StatusMsgsThatAreImportant),
                _settings.Get(SettingNames.StatusMsgsWithAudioIndication), _settings.Get(SettingNames.StatusMsgsToPopUp), nowMs);
        }

        private void ApplyLeds()
        {
            _phone.Leds.Configure(
                _settings.Get(SettingNames.LedOn), _settings.Get(SettingNames.LedBlinkSlow), _settings.Get(SettingNames.LedBlinkMedium),
                _settings.Get(SettingNames.LedBlinkFast), _settings.Get(SettingNames.LedBlinkShortOff), _settings.Get(SettingNames.LedRed),
                _settings.Get(SettingNames.LedGreen), _settings.Get(SettingNames.LedOrange), _settings.Get(SettingNames.LedYellow),
                _settings.Get(SettingNames.LedMessageUsage), _settings.Get(SettingNames.LedCallIndicatorUsage));
        }

        private void ApplyScalars()
        {
            _phone.Desktop.MaxBytes = _settings.GetInt(SettingNames.DesktopMessageMaxBytes);
            _phone.InfoBoxes.SecondsPerLine = _settings.GetInt(SettingNames.InfoboxLineSeconds);
            _phone.Statuses.DefaultPopUpSeconds = _settings.GetInt(SettingNames.StatusPopupDefaultSeconds);
            OwnPresence presence = _phone.Presence;
            presence.AtTheDeskDelayMs = _settings.GetInt(SettingNames.PresenceAtDeskDelay) * 1000L;
            presence.AvailableIdleMs = _settings.GetInt(SettingNames.PresenceAvailableIdle) * 60000L;
            presence.AutoAvailable = _settings.GetBool(SettingNames.PresenceAutoAvailable);
        }

        private void ApplyKey(string name, int idx, long nowMs)
        {
            int key = name == SettingNames.Fkey ? idx - 1 : FunctionKeys + idx - 1;
            string definition = _settings.Get(name, idx);
            string error = _phone.Monitored.Configure(key, definition, _phone.CurrentIdentity, nowMs);
            if (error != null)
            {
                _phone.Raise(PhoneEventKind.Settings, name + "[" + idx.ToString() + "]: " + error);
            }
            if (name == SettingNames.ExpansionKey)
            {
                LabelModuleKey(idx - 1, KeyLabel.Of(definition));
            }
        }

        /// <summary>
        /// A module key's label goes to the expansion chain, which shows it on the module now or when it connects. A
        /// key that never had a label is left alone, so a phone without labelled keys keeps no label slots.
        /// </summary>
        private void LabelModuleKey(int index, string label)
        {
            ExpansionChain chain = _phone.Drivers == null ? null : _phone.Drivers.Expansion;
            int module = index / ExpansionProtocol.KeysPerModule;
            int key = index % ExpansionProtocol.KeysPerModule;
            if (chain != null && (label != null || chain.LabelOf(module, key) != null))
            {
                chain.SetLabel(module, key, label);
            }
        }

        private void ApplyLock(long nowMs)
        {
            if (_settings.GetBool(SettingNames.KeyboardLock))
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
