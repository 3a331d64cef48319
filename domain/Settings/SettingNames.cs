namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The name of every setting in <see cref="SettingsTable"/>, for lookups: a misspelt constant does not compile,
    /// where a misspelt literal silently read the default. Constants cost no heap on the device (they are inlined as
    /// literals). tests/Firmware.Tests/Settings/SettingNamesTests checks that these and the table's rows are the same
    /// set, and that no lookup in the firmware is made with a literal.
    /// </summary>
    public static class SettingNames
    {
        // The name prefixes of the families a SettingChanged dispatcher handles as a whole (every status category, every
        // LED rule, every identity setting, the forwards): constants here, not one more type (a type costs heap on the
        // device). SettingNamesTests tells them from the names by their ending '_' and checks each starts names.
        public const string StatusMsgsFamily = "status_msgs_";
        public const string LedFamily = "led_";
        public const string UserFamily = "user_";
        public const string UserFwdFamily = "user_fwd_";

        public const string StatusMsgsThatAreBlocked = "status_msgs_that_are_blocked";
        public const string StatusMsgsThatShowDirectly = "status_msgs_that_show_directly";
        public const string StatusMsgsThatAreEssential = "status_msgs_that_are_essential";
        public const string StatusMsgsThatAreImportant = "status_msgs_that_are_important";
        public const string StatusMsgsWithAudioIndication = "status_msgs_with_audio_indication";
        public const string StatusMsgsToPopUp = "status_msgs_to_pop_up";
        public const string LedOn = "led_on";
        public const string LedBlinkSlow = "led_blink_slow";
        public const string LedBlinkMedium = "led_blink_medium";
        public const string LedBlinkFast = "led_blink_fast";
        public const string LedBlinkShortOff = "led_blink_short_off";
        public const string LedRed = "led_red";
        public const string LedGreen = "led_green";
        public const string LedOrange = "led_orange";
        public const string LedYellow = "led_yellow";
        public const string LedMessageUsage = "led_message_usage";
        public const string LedCallIndicatorUsage = "led_call_indicator_usage";
        public const string UserActive = "user_active";
        public const string UserName = "user_name";
        public const string UserRealName = "user_realname";
        public const string UserHost = "user_host";
        public const string UserOutbound = "user_outbound";
        public const string UserPassword = "user_pass";
        public const string UserAuthName = "user_auth_name";
        public const string UserExpiry = "user_expiry";
        public const string UserSipUserNameAsLine = "user_sipusername_as_line";
        public const string UserMailbox = "user_mailbox";
        public const string UserDnd = "user_dnd";
        public const string UserFwdAlways = "user_fwd_always";
        public const string UserFwdBusy = "user_fwd_busy";
        public const string UserFwdTimeout = "user_fwd_timeout";
        public const string UserFwdTimeoutRings = "user_fwd_timeout_rings";
        public const string UserAnonymousCall = "user_anonymous_call";
        public const string UserDialPlan = "user_dp_str";
        public const string AnswerAfterPolicy = "answer_after_policy";
        public const string AutoDial = "auto_dial";
        public const string AutoDialTarget = "auto_dial_target";
        public const string ParkOrbit = "park_orbit";
        public const string PickupCode = "pickup_code";
        public const string CallCompletionCode = "call_completion_code";
        public const string FilterRegistrar = "filter_registrar";
        public const string NetworkIdPort = "network_id_port";
        public const string CancelDesktop = "cancel_desktop";
        public const string MbTrustedHosts = "mb_trusted_hosts";
        public const string AdminModePassword = "admin_mode_password";
        public const string HttpUser = "http_user";
        public const string HttpPassword = "http_pass";
        public const string HttpBasicAuth = "http_basic_auth";
        public const string Dhcp = "dhcp";
        public const string IpAddress = "ip_adr";
        public const string Netmask = "netmask";
        public const string Gateway = "gateway";
        public const string DnsServer1 = "dns_server1";
        public const string DnsServer2 = "dns_server2";
        public const string WifiSsid = "wifi_ssid";
        public const string WifiPassword = "wifi_password";
        public const string BacklightIdleTimeout = "backlight_idle_timeout";
        public const string BacklightDimLevel = "backlight_dim_level";
        public const string KeyClick = "key_click";
        public const string RingVolume = "ring_volume";
        public const string ToneScheme = "tone_scheme";
        public const string MulticastAddress = "mc_address";
        public const string DtmfInfo = "user_dtmf_info";
        public const string DfksEnabled = "dfks_enabled";
        public const string KeyboardLock = "keyboard_lock";
        public const string Fkey = "fkey";
        public const string ExpansionKey = "expansion_key";
        public const string PresenceAtDeskDelay = "presence_at_desk_delay";
        public const string PresenceAvailableIdle = "presence_available_idle";
        public const string PresenceAutoAvailable = "presence_auto_available";
        public const string PresencePublish = "presence_publish";
        public const string InfoboxLineSeconds = "infobox_line_seconds";
        public const string DesktopMessageMaxBytes = "desktop_message_max_bytes";
        public const string TimezoneOffsetMinutes = "timezone_offset_minutes";
        public const string Timezone = "timezone";
        public const string NtpServer = "ntp_server";
        public const string RtpPortStart = "rtp_port_start";
        public const string RtpPortEnd = "rtp_port_end";
        public const string NtpRefreshTimer = "ntp_refresh_timer";
        public const string StatusPopupDefaultSeconds = "status_popup_default_seconds";
        public const string SettingServer = "setting_server";
        public const string CustomCertificates = "custom_certificates";
        public const string ProvPollingEnabled = "prov_polling_enabled";
        public const string ProvPollingPeriod = "prov_polling_period";
        public const string ProvPollingMode = "prov_polling_mode";
        public const string ProvPollingTime = "prov_polling_time";
        public const string FirmwareStatus = "firmware_status";
        public const string UpdatePolicy = "update_policy";
        public const string UpdateKey = "update_key";
        public const string LowMemoryThreshold = "low_memory_threshold";
    }
}
