namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The name prefixes of the setting families a <c>SettingChanged</c> dispatcher handles as a whole (every status
    /// category, every LED rule, every identity setting, the forwards), beside the names of <see cref="SettingNames"/>:
    /// a misspelt constant does not compile, where a misspelt literal prefix silently matched nothing.
    /// tests/Firmware.Tests/Settings/SettingNamesTests checks that each starts names of the table.
    /// </summary>
    public static class SettingFamilies
    {
        public const string StatusMsgs = "status_msgs_";
        public const string Led = "led_";
        public const string User = "user_";
        public const string UserFwd = "user_fwd_";
    }
}
