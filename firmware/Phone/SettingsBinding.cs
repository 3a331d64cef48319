using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Settings;
using DeskPhone.Firmware.Status;

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
                ApplyKey("fkey", i, nowMs);
            }
            for (int i = 1; i <= ExpansionKeys; i++)
            {
                ApplyKey("expansion_key", i, nowMs);
            }
            ApplyLock(nowMs);
            ApplyDnd(_phone.CurrentIdentity, nowMs);
        }

        private void OnSettingChanged(string name, int idx, bool needsReboot)
        {
            long now = _phone.Now;
            if (name.StartsWith("status_msgs_"))
            {
                ApplyStatusCategories(now);
            }
            else if (name.StartsWith("led_"))
            {
                ApplyLeds();
            }
            else if (name == "fkey" || name == "expansion_key")
            {
                ApplyKey(name, idx, now);
            }
            else if (name == "keyboard_lock")
            {
                ApplyLock(now);
            }
            else if (FeatureOf(name) != 0)
            {
                // DND and forwards are not part of the registration: no re-register, but feature sync sends them.
                ApplyDnd(idx, now);
                _phone.SignalFeatureChanged(idx, FeatureOf(name));
            }
            else if (name.StartsWith("user_"))
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
                case "user_dnd": return FeatureSync.DoNotDisturb;
                case "user_fwd_always": return FeatureSync.ForwardAlways;
                case "user_fwd_busy": return FeatureSync.ForwardBusy;
                case "user_fwd_timeout":
                case "user_fwd_timeout_rings": return FeatureSync.ForwardNoAnswer;
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
            bool dnd = _settings.GetBool("user_dnd", identity);
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
                _settings.Get("status_msgs_that_are_blocked"), _settings.Get("status_msgs_that_show_directly"),
                _settings.Get("status_msgs_that_are_essential"), _settings.Get("status_msgs_that_are_important"),
                _settings.Get("status_msgs_with_audio_indication"), _settings.Get("status_msgs_to_pop_up"), nowMs);
        }

        private void ApplyLeds()
        {
            _phone.Leds.Configure(
                _settings.Get("led_on"), _settings.Get("led_blink_slow"), _settings.Get("led_blink_medium"),
                _settings.Get("led_blink_fast"), _settings.Get("led_blink_short_off"), _settings.Get("led_red"),
                _settings.Get("led_green"), _settings.Get("led_orange"), _settings.Get("led_yellow"),
                _settings.Get("led_message_usage"), _settings.Get("led_call_indicator_usage"));
        }

        private void ApplyScalars()
        {
            _phone.Desktop.MaxBytes = _settings.GetInt("desktop_message_max_bytes");
            _phone.InfoBoxes.SecondsPerLine = _settings.GetInt("infobox_line_seconds");
            _phone.Statuses.DefaultPopUpSeconds = _settings.GetInt("status_popup_default_seconds");
            OwnPresence presence = _phone.Presence;
            presence.AtTheDeskDelayMs = _settings.GetInt("presence_at_desk_delay") * 1000L;
            presence.AvailableIdleMs = _settings.GetInt("presence_available_idle") * 60000L;
            presence.AutoAvailable = _settings.GetBool("presence_auto_available");
        }

        private void ApplyKey(string name, int idx, long nowMs)
        {
            int key = name == "fkey" ? idx - 1 : FunctionKeys + idx - 1;
            string error = _phone.Monitored.Configure(key, _settings.Get(name, idx), _phone.CurrentIdentity, nowMs);
            if (error != null)
            {
                _phone.Raise(PhoneEventKind.Settings, name + "[" + idx.ToString() + "]: " + error);
            }
        }

        private void ApplyLock(long nowMs)
        {
            if (_settings.GetBool("keyboard_lock"))
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
