using DeskPhone.Firmware.Leds;
using DeskPhone.Firmware.Status;

namespace DeskPhone.Firmware.Settings
{
    /// <summary>
    /// Every setting the firmware knows: the single home of names, defaults, limits and live/reboot behaviour.
    /// Order here is the order of export, persistence and menus.
    /// </summary>
    public static class SettingsTable
    {
        public const int Identities = 12;
        public const int FunctionKeys = 16;
        public const int ExpansionKeys = 54;

        private const int TextMax = 255;
        private const int ListMax = 4096;

        private static readonly string[] ToneSchemes = new string[] { "USA", "GER", "UK", "FRA", "ITA", "NLD", "SWI", "SWE", "AUS", "JPN" };

        public static SettingDefinition[] Create()
        {
            SettingDefinition[] t = new SettingDefinition[]
            {
                // Status message categories: free lists, parsed (and their IDs reported) by the status scheduler.
                List("status_msgs_that_are_blocked", StatusCategoryDefaults.Blocked, "Status messages never shown"),
                List("status_msgs_that_show_directly", StatusCategoryDefaults.ShowDirectly, "Status messages shown on the idle screen"),
                List("status_msgs_that_are_essential", StatusCategoryDefaults.Essential, "Status messages that win the status line"),
                List("status_msgs_that_are_important", StatusCategoryDefaults.Important, "Status messages ranked after essential ones"),
                List("status_msgs_with_audio_indication", StatusCategoryDefaults.AudioIndication, "Status messages that play a tone"),
                List("status_msgs_to_pop_up", StatusCategoryDefaults.PopUp, "Status messages shown as a pop-up"),

                // LED policy lists, parsed by the LED policy.
                List("led_on", LedDefaults.On, "Key states with a steady LED"),
                List("led_blink_slow", LedDefaults.BlinkSlow, "Key states with a slowly blinking LED"),
                List("led_blink_medium", LedDefaults.BlinkMedium, "Key states with a medium blinking LED"),
                List("led_blink_fast", LedDefaults.BlinkFast, "Key states with a fast blinking LED"),
                List("led_blink_short_off", LedDefaults.BlinkShortOff, "Key states with a briefly interrupted LED"),
                List("led_red", LedDefaults.Red, "Key states shown red"),
                List("led_green", LedDefaults.Green, "Key states shown green"),
                List("led_orange", LedDefaults.Orange, "Key states shown orange"),
                List("led_yellow", LedDefaults.Yellow, "Key states shown yellow"),
                List("led_message_usage", LedDefaults.MessageUsage, "What drives the message LED"),
                List("led_call_indicator_usage", LedDefaults.CallIndicatorUsage, "What drives the call indicator LED"),

                // Identities 1..12.
                new SettingDefinition("user_active", SettingKind.Bool, "off", Identities, 0, 0, null, false, "on", "Identity active"),
                Ident("user_name", SettingKind.Text, "", "Account (SIP user name)"),
                Ident("user_realname", SettingKind.Text, "", "Display name"),
                Ident("user_host", SettingKind.HostPort, "", "Registrar host[:port]"),
                Ident("user_outbound", SettingKind.Proxy, "", "Outbound proxy"),
                Ident("user_pass", SettingKind.Secret, "", "SIP password (kept for digest authentication)"),
                Ident("user_auth_name", SettingKind.Text, "", "Authentication user name (empty: account)"),
                new SettingDefinition("user_expiry", SettingKind.Int, "3600", Identities, 60, 86400, null, false, null, "Registration expiry (s)"),
                Ident("user_sipusername_as_line", SettingKind.Bool, "off", "Support broken registrar: match requests on the user name"),
                Ident("user_mailbox", SettingKind.Text, "", "Mailbox number"),
                Ident("user_dnd", SettingKind.Bool, "off", "Do not disturb"),
                Ident("user_fwd_always", SettingKind.Text, "", "Forward all calls to (empty: off)"),
                Ident("user_fwd_busy", SettingKind.Text, "", "Forward when busy to (empty: off)"),
                Ident("user_fwd_timeout", SettingKind.Text, "", "Forward when unanswered to (empty: off)"),
                new SettingDefinition("user_fwd_timeout_rings", SettingKind.Int, "5", Identities, 1, 30, null, false, null, "Rings before forwarding when unanswered"),

                // SIP and security.
                Bool("filter_registrar", "on", false, "Accept requests only from the registrar or outbound proxy"),
                Int("network_id_port", 5060, 1, 65535, true, "Local SIP port"),
                Bool("cancel_desktop", "off", false, "Cancel key clears the desktop message"),
                new SettingDefinition("mb_trusted_hosts", SettingKind.HostList, "", 0, 0, TextMax, null, false, null, "Hosts allowed to push Infobox messages"),
                Global("admin_mode_password", SettingKind.Password, "", false, "Administrator password"),
                Global("http_user", SettingKind.Text, "admin", false, "Web/bench user name"),
                Global("http_pass", SettingKind.Password, "", false, "Web/bench password"),

                // Network (applied at start-up only).
                Bool("dhcp", "on", true, "Obtain the address by DHCP"),
                Global("ip_adr", SettingKind.Ipv4, "", true, "Static IPv4 address"),
                Global("netmask", SettingKind.Ipv4, "", true, "Static netmask"),
                Global("gateway", SettingKind.Ipv4, "", true, "Static gateway"),
                Global("dns_server1", SettingKind.Ipv4, "", true, "First DNS server"),
                Global("dns_server2", SettingKind.Ipv4, "", true, "Second DNS server"),

                // Display, audio, keys.
                Int("backlight_idle_timeout", 60, 0, 3600, false, "Seconds until the backlight dims (0: never)"),
                Int("backlight_dim_level", 20, 0, 100, false, "Dimmed backlight level (%)"),
                Bool("key_click", "on", false, "Key click sound"),
                Int("ring_volume", 8, 0, 15, false, "Ringer volume"),
                new SettingDefinition("tone_scheme", SettingKind.Choice, "USA", 0, 0, 0, ToneSchemes, false, null, "Country of the call progress tones"),
                Bool("dfks_enabled", "off", false, "Feature key synchronisation: DND and forwards kept in step with the server (as-feature-event)"),
                Bool("keyboard_lock", "off", false, "Keypad locked (survives a reboot)"),
                new SettingDefinition("fkey", SettingKind.FunctionKey, "none", FunctionKeys, 0, TextMax, null, false, "line", "Function key"),
                new SettingDefinition("expansion_key", SettingKind.FunctionKey, "none", ExpansionKeys, 0, TextMax, null, false, null, "Expansion module key"),

                // Presence.
                Int("presence_at_desk_delay", 10, 0, 99, false, "At the desk: seconds before an incoming call alerts"),
                Int("presence_available_idle", 15, 1, 1440, false, "Minutes without activity before Available"),
                Bool("presence_auto_available", "on", false, "Switch to Available automatically (off with a parallel registration)"),
                Bool("presence_publish", "on", false, "Publish own presence"),

                // Messages, infobox, status presentation, clock.
                Int("infobox_line_seconds", 10, 1, 3600, false, "Seconds each Infobox line stays"),
                Int("desktop_message_max_bytes", 512, 16, 4096, false, "Longest accepted desktop message body (bytes)"),
                Int("timezone_offset_minutes", 0, -720, 840, false, "Offset of local time from UTC (minutes)"),
                Int("status_popup_default_seconds", 10, 0, 3600, false, "Seconds a pop-up stays when its entry has no :N"),
            };
            for (int i = 0; i < t.Length; i++)
            {
                t[i].Ordinal = i;
            }
            return t;
        }

        private static SettingDefinition List(string name, string defaultValue, string description) =>
            new SettingDefinition(name, SettingKind.List, defaultValue, 0, 0, ListMax, null, false, null, description);

        private static SettingDefinition Ident(string name, SettingKind kind, string defaultValue, string description) =>
            new SettingDefinition(name, kind, defaultValue, Identities, 0, TextMax, null, false, null, description);

        private static SettingDefinition Bool(string name, string defaultValue, bool needsReboot, string description) =>
            new SettingDefinition(name, SettingKind.Bool, defaultValue, 0, 0, 0, null, needsReboot, null, description);

        private static SettingDefinition Int(string name, int defaultValue, int min, int max, bool needsReboot, string description) =>
            new SettingDefinition(name, SettingKind.Int, defaultValue.ToString(), 0, min, max, null, needsReboot, null, description);

        private static SettingDefinition Global(string name, SettingKind kind, string defaultValue, bool needsReboot, string description) =>
            new SettingDefinition(name, kind, defaultValue, 0, 0, TextMax, null, needsReboot, null, description);
    }
}
