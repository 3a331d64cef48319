using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Status;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Every setting the firmware knows: the single home of names, defaults, limits and live/reboot behaviour.
    /// Order here is the order of export, persistence and menus. The rows are code, not data: the store keeps only
    /// the columns a read needs (names, kinds, index ranges, defaults) and <see cref="Define"/> replays the rows for
    /// the rest, so limits and descriptions stay in flash with the code instead of in nanoFramework's small heap.
    /// </summary>
    public static class SettingsTable
    {
        public const int Identities = DeskPhone.Sip.UserAgent.SipUserAgent.MaxIdentities;
        public const int FunctionKeys = 16;
        public const int ExpansionKeys = 54;

        /// <summary>Multicast paging addresses listened to (each one socket).</summary>
        public const int MulticastAddresses = 4;

        private const int TextMax = 255;
        private const int ListMax = 4096;

        /// <summary>The tone scheme's choices, split only when its definition is built.</summary>
        private const string ToneSchemes = "USA GER UK FRA ITA NLD SWI SWE AUS JPN";
        private const string AnswerAfterPolicies = "off idle always not_busy";
        private const string UpdatePolicies = "auto_update ask_for_update never_update_firm";
        private const string ProvPollingModes = "rel abs";
        private const string DtmfInfoModes = "off on sip_info_only";

        /// <summary>Receives the table's rows in order (<see cref="Rows"/>).</summary>
        internal abstract class RowSink
        {
            public abstract void Row(string name, SettingKind kind, string defaultValue, int maxIndex, int min, int max,
                string choices, bool needsReboot, string firstIndexDefault, string description);

            public void List(string name, string defaultValue, string description) =>
                Row(name, SettingKind.List, defaultValue, 0, 0, ListMax, null, false, null, description);

            public void Ident(string name, SettingKind kind, string defaultValue, string description) =>
                Row(name, kind, defaultValue, Identities, 0, TextMax, null, false, null, description);

            public void Bool(string name, string defaultValue, bool needsReboot, string description) =>
                Row(name, SettingKind.Bool, defaultValue, 0, 0, 0, null, needsReboot, null, description);

            public void Int(string name, string defaultValue, int min, int max, bool needsReboot, string description) =>
                Row(name, SettingKind.Int, defaultValue, 0, min, max, null, needsReboot, null, description);

            public void Global(string name, SettingKind kind, string defaultValue, bool needsReboot, string description) =>
                Row(name, kind, defaultValue, 0, 0, TextMax, null, needsReboot, null, description);
        }

        /// <summary>The definition at a table position, built from its row (null past the end).</summary>
        public static SettingDefinition Define(int ordinal)
        {
            Picker picker = new Picker(ordinal);
            Rows(picker);
            return picker.Found;
        }

        internal static void Rows(RowSink t)
        {
            // Status message categories: free lists, parsed (and their IDs reported) by the status scheduler.
            t.List("status_msgs_that_are_blocked", StatusCategories.DefaultBlocked, "Status messages never shown");
            t.List("status_msgs_that_show_directly", StatusCategories.DefaultShowDirectly, "Status messages shown on the idle screen");
            t.List("status_msgs_that_are_essential", StatusCategories.DefaultEssential, "Status messages that win the status line");
            t.List("status_msgs_that_are_important", StatusCategories.DefaultImportant, "Status messages ranked after essential ones");
            t.List("status_msgs_with_audio_indication", StatusCategories.DefaultAudioIndication, "Status messages that play a tone");
            t.List("status_msgs_to_pop_up", StatusCategories.DefaultPopUp, "Status messages shown as a pop-up");

            // LED policy lists, parsed by the LED policy.
            t.List("led_on", LedPolicy.DefaultOn, "Key states with a steady LED");
            t.List("led_blink_slow", LedPolicy.DefaultBlinkSlow, "Key states with a slowly blinking LED");
            t.List("led_blink_medium", LedPolicy.DefaultBlinkMedium, "Key states with a medium blinking LED");
            t.List("led_blink_fast", LedPolicy.DefaultBlinkFast, "Key states with a fast blinking LED");
            t.List("led_blink_short_off", LedPolicy.DefaultBlinkShortOff, "Key states with a briefly interrupted LED");
            t.List("led_red", LedPolicy.DefaultRed, "Key states shown red");
            t.List("led_green", LedPolicy.DefaultGreen, "Key states shown green");
            t.List("led_orange", LedPolicy.DefaultOrange, "Key states shown orange");
            t.List("led_yellow", LedPolicy.DefaultYellow, "Key states shown yellow");
            t.List("led_message_usage", LedPolicy.DefaultMessageUsage, "What drives the message LED");
            t.List("led_call_indicator_usage", LedPolicy.DefaultCallIndicatorUsage, "What drives the call indicator LED");

            // Identities 1..12.
            t.Row("user_active", SettingKind.Bool, "off", Identities, 0, 0, null, false, "on", "Identity active");
            t.Ident("user_name", SettingKind.Text, "", "Account (SIP user name)");
            t.Ident("user_realname", SettingKind.Text, "", "Display name");
            t.Ident("user_host", SettingKind.HostPort, "", "Registrar host[:port]");
            t.Ident("user_outbound", SettingKind.Proxy, "", "Outbound proxy");
            t.Ident("user_pass", SettingKind.Secret, "", "SIP password (kept for digest authentication)");
            t.Ident("user_auth_name", SettingKind.Text, "", "Authentication user name (empty: account)");
            t.Row("user_expiry", SettingKind.Int, "3600", Identities, 60, 86400, null, false, null, "Registration expiry (s)");
            t.Ident("user_sipusername_as_line", SettingKind.Bool, "off", "Support broken registrar: match requests on the user name");
            t.Ident("user_mailbox", SettingKind.Text, "", "Mailbox number");
            t.Ident("user_dnd", SettingKind.Bool, "off", "Do not disturb");
            t.Ident("user_fwd_always", SettingKind.Text, "", "Forward all calls to (empty: off)");
            t.Ident("user_fwd_busy", SettingKind.Text, "", "Forward when busy to (empty: off)");
            t.Ident("user_fwd_timeout", SettingKind.Text, "", "Forward when unanswered to (empty: off)");
            t.Row("user_fwd_timeout_rings", SettingKind.Int, "5", Identities, 1, 30, null, false, null, "Rings before forwarding when unanswered");
            t.Ident("user_dp_str", SettingKind.DialPlan, "", "Dial plan: rules !pattern!replacement!flags (d: dial at once on a match)");
            t.Ident("user_anonymous_call", SettingKind.Bool, "off", "Hide the own identity on outgoing calls (anonymous From, Privacy: id)");
            t.Row("user_dtmf_info", SettingKind.Choice, "off", Identities, 0, 0, DtmfInfoModes, false, null, "DTMF via SIP INFO: off (RFC 4733), on (both), sip_info_only");

            // SIP and security.
            t.Bool("filter_registrar", "on", false, "Accept requests only from the registrar or outbound proxy");
            t.Int("network_id_port", "5060", 1, 65535, true, "Local SIP port");
            t.Bool("cancel_desktop", "off", false, "Cancel key clears the desktop message");
            t.Int("auto_dial", "0", 0, 60, false, "Seconds after the last digit typed until the dialing screen dials (0: off; with auto_dial_target 1-2: hot line, 3+: warm line)");
            t.Global("auto_dial_target", SettingKind.DialTarget, "", false, "Hot/warm line target dialled off hook (number, user@host or sip: URI; empty: off)");
            t.Row("answer_after_policy", SettingKind.Choice, "off", 0, 0, 0, AnswerAfterPolicies, false, null, "Intercom calls answered automatically: off, idle, always, not_busy");
            t.Global("park_orbit", SettingKind.Text, "", false, "Park orbit the Park softkey transfers a call to (number or sip: URI; empty: no Park)");
            t.Global("pickup_code", SettingKind.Text, "", false, "PBX code dialled before a ringing BLF extension to pick its call up without dialog-info ids (e.g. *8)");
            t.Global("call_completion_code", SettingKind.Text, "", false, "PBX code dialled before a busy number to call it back when it is free, where the busy answer offers no RFC 6910 call completion (e.g. *37)");
            t.Row("mb_trusted_hosts", SettingKind.HostList, "", 0, 0, TextMax, null, false, null, "Hosts allowed to push Infobox messages");
            t.Global("admin_mode_password", SettingKind.Password, "", false, "Administrator password");
            t.Global("http_user", SettingKind.Text, "admin", false, "Web/bench user name");
            t.Global("http_pass", SettingKind.Password, "", false, "Web/bench password");
            t.Bool("http_basic_auth", "off", false, "Also accept HTTP Basic authentication (password in clear on the wire)");

            // Network (applied at start-up only).
            t.Bool("dhcp", "on", true, "Obtain the address by DHCP");
            t.Global("ip_adr", SettingKind.Ipv4, "", true, "Static IPv4 address");
            t.Global("netmask", SettingKind.Ipv4, "", true, "Static netmask");
            t.Global("gateway", SettingKind.Ipv4, "", true, "Static gateway");
            t.Global("dns_server1", SettingKind.Ipv4, "", true, "First DNS server");
            t.Global("dns_server2", SettingKind.Ipv4, "", true, "Second DNS server");
            // Wi-Fi while the cable is out (docs/settings.md "Wi-Fi"; applied live).
            t.Global("wifi_ssid", SettingKind.Text, "", false, "Wi-Fi network used while Ethernet is unplugged (empty: no Wi-Fi)");
            t.Global("wifi_password", SettingKind.Secret, "", false, "Wi-Fi key (WPA/WPA2 passphrase; empty: an open network)");

            // Display, audio, keys.
            t.Int("backlight_idle_timeout", "60", 0, 3600, false, "Seconds until the backlight dims (0: never)");
            t.Int("backlight_dim_level", "20", 0, 100, false, "Dimmed backlight level (%)");
            t.Bool("key_click", "on", false, "Key click sound");
            t.Int("ring_volume", "8", 0, 15, false, "Ringer volume");
            t.Row("tone_scheme", SettingKind.Choice, "USA", 0, 0, 0, ToneSchemes, false, null, "Country of the call progress tones");
            t.Bool("dfks_enabled", "off", false, "Feature key synchronisation: DND and forwards kept in step with the server (as-feature-event)");
            t.Bool("keyboard_lock", "off", false, "Keypad locked (survives a reboot)");
            t.Row("fkey", SettingKind.FunctionKey, "none", FunctionKeys, 0, TextMax, null, false, "line", "Function key");
            t.Row("expansion_key", SettingKind.FunctionKey, "none", ExpansionKeys, 0, TextMax, null, false, null, "Expansion module key");

            // Presence.
            t.Int("presence_at_desk_delay", "10", 0, 99, false, "At the desk: seconds before an incoming call alerts");
            t.Int("presence_available_idle", "15", 1, 1440, false, "Minutes without activity before Available");
            t.Bool("presence_auto_available", "on", false, "Switch to Available automatically (off with a parallel registration)");
            t.Bool("presence_publish", "on", false, "Publish own presence");

            // Messages, infobox, status presentation, clock.
            t.Int("infobox_line_seconds", "10", 1, 3600, false, "Seconds each Infobox line stays");
            t.Int("desktop_message_max_bytes", "512", 16, 4096, false, "Longest accepted desktop message body (bytes)");
            t.Row("timezone", SettingKind.Choice, "", 0, 0, 0, DeskPhone.Domain.Time.TimeZones.Names, false, null, "Named time zone with its daylight saving (GER+1, USA-5, ...; empty: timezone_offset_minutes)");
            t.Int("timezone_offset_minutes", "0", -720, 840, false, "Offset of local time from UTC (minutes) when timezone is empty");
            t.Row("ntp_server", SettingKind.HostList, "", 0, 0, TextMax, null, false, null, "NTP servers host[:port], tried in order (empty: no network time)");
            t.Int("ntp_refresh_timer", "3600", 60, 86400, false, "Seconds between NTP requests once the time is known");
            t.Int("rtp_port_start", "10000", 1024, 65534, false, "First UDP port of the calls' RTP (each call an even port, RTCP on the next)");
            t.Int("rtp_port_end", "10099", 1025, 65535, false, "Last UDP port of the calls' RTP and RTCP");
            t.Row("mc_address", SettingKind.Multicast, "", MulticastAddresses, 0, TextMax, null, false, null, "Multicast paging: GROUP:PORT [priority=0..10] [interrupt=0|1]");
            t.Int("status_popup_default_seconds", "10", 0, 3600, false, "Seconds a pop-up stays when its entry has no :N");

            // Provisioning (docs/provisioning.md): Snom's names.
            t.Global("setting_server", SettingKind.Text, "", false, "Provisioning URL, http:// or https:// ({mac}: the phone's MAC; empty: no provisioning)");
            t.List("custom_certificates", "", "CA certificates (PEM) https servers must chain to (empty: https refused)");
            t.Bool("prov_polling_enabled", "off", false, "Fetch the provisioning URL again every prov_polling_period seconds");
            t.Int("prov_polling_period", "86400", 60, 2592000, false, "Seconds between scheduled provisioning runs (prov_polling_mode rel)");
            t.Row("prov_polling_mode", SettingKind.Choice, "rel", 0, 0, 0, ProvPollingModes, false, null, "Scheduled runs: rel every prov_polling_period seconds, abs every day at prov_polling_time");
            t.Row("prov_polling_time", SettingKind.TimeOfDay, "03:00", 0, 0, 0, null, false, null, "Local time of day (HH:MM) of the daily run with prov_polling_mode abs");

            // Application updates (docs/updates.md): Snom's names, and the key (ours).
            t.Global("firmware_status", SettingKind.Text, "", false, "URL of the update set's manifest, http:// only (empty: no updates)");
            t.Row("update_policy", SettingKind.Choice, "ask_for_update", 0, 0, 0, UpdatePolicies, false, null, "A verified update: auto_update applies it, ask_for_update waits for the user, never_update_firm fetches none");
            t.Global("update_key", SettingKind.Secret, "", false, "Key of the update sets' HMAC-SHA256, 64 hex digits (empty: no updates)");

            // Memory (ours: the phones have no such setting).
            t.Int("low_memory_threshold", "8192", 0, 65536, false, "Free heap after a collection (bytes) under which PhoneHasLowMemory shows; 0: never");
        }

        /// <summary>Builds the definition of one row and skips the others.</summary>
        // Its plain state (Found) is public fields, not properties: no accessor method in the runtime tables, image and
        // calls on the device (issue #17).
        private sealed class Picker : RowSink
        {
            private readonly int _wanted;
            private int _ordinal;

            public Picker(int wanted)
            {
                _wanted = wanted;
            }

            public SettingDefinition Found;

            public override void Row(string name, SettingKind kind, string defaultValue, int maxIndex, int min, int max,
                string choices, bool needsReboot, string firstIndexDefault, string description)
            {
                if (_ordinal++ == _wanted)
                {
                    Found = new SettingDefinition(name, kind, defaultValue, maxIndex, min, max,
                        choices == null ? null : choices.Split(new char[] { ' ' }), needsReboot, firstIndexDefault, description);
                    Found.Ordinal = _wanted;
                }
            }
        }
    }
}
