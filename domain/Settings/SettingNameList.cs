namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Every setting's name, each ended by '\n', in the order of <see cref="SettingsTable"/>'s rows: the name column of
    /// <see cref="SettingsIndex"/>. One constant made of the <see cref="SettingNames"/> constants at compile time, so its
    /// text is a literal that stays in the assembly (flash on the device) instead of 1.3 KB of name bytes in the heap,
    /// and no name is spelt a second time. SettingsIndexTests checks that it lists exactly the table's rows, in order.
    /// </summary>
    internal sealed partial class SettingsIndex
    {
        public const string NamesInTableOrder =
            SettingNames.StatusMsgsThatAreBlocked + "\n" +
            SettingNames.StatusMsgsThatShowDirectly + "\n" +
            SettingNames.StatusMsgsThatAreEssential + "\n" +
            SettingNames.StatusMsgsThatAreImportant + "\n" +
            SettingNames.StatusMsgsWithAudioIndication + "\n" +
            SettingNames.StatusMsgsToPopUp + "\n" +
            SettingNames.LedOn + "\n" +
            SettingNames.LedBlinkSlow + "\n" +
            SettingNames.LedBlinkMedium + "\n" +
            SettingNames.LedBlinkFast + "\n" +
            SettingNames.LedBlinkShortOff + "\n" +
            SettingNames.LedRed + "\n" +
            SettingNames.LedGreen + "\n" +
            SettingNames.LedOrange + "\n" +
            SettingNames.LedYellow + "\n" +
            SettingNames.LedMessageUsage + "\n" +
            SettingNames.LedCallIndicatorUsage + "\n" +
            SettingNames.UserActive + "\n" +
            SettingNames.UserName + "\n" +
            SettingNames.UserRealName + "\n" +
            SettingNames.UserHost + "\n" +
            SettingNames.UserOutbound + "\n" +
            SettingNames.UserPassword + "\n" +
            SettingNames.UserAuthName + "\n" +
            SettingNames.UserExpiry + "\n" +
            SettingNames.UserSipUserNameAsLine + "\n" +
            SettingNames.UserMailbox + "\n" +
            SettingNames.UserDnd + "\n" +
            SettingNames.UserFwdAlways + "\n" +
            SettingNames.UserFwdBusy + "\n" +
            SettingNames.UserFwdTimeout + "\n" +
            SettingNames.UserFwdTimeoutRings + "\n" +
            SettingNames.UserDialPlan + "\n" +
            SettingNames.UserAnonymousCall + "\n" +
            SettingNames.DtmfInfo + "\n" +
            SettingNames.FilterRegistrar + "\n" +
            SettingNames.NetworkIdPort + "\n" +
            SettingNames.CancelDesktop + "\n" +
            SettingNames.AutoDial + "\n" +
            SettingNames.AutoDialTarget + "\n" +
            SettingNames.AnswerAfterPolicy + "\n" +
            SettingNames.ParkOrbit + "\n" +
            SettingNames.PickupCode + "\n" +
            SettingNames.CallCompletionCode + "\n" +
            SettingNames.MbTrustedHosts + "\n" +
            SettingNames.AdminModePassword + "\n" +
            SettingNames.HttpUser + "\n" +
            SettingNames.HttpPassword + "\n" +
            SettingNames.HttpBasicAuth + "\n" +
            SettingNames.Dhcp + "\n" +
            SettingNames.IpAddress + "\n" +
            SettingNames.Netmask + "\n" +
            SettingNames.Gateway + "\n" +
            SettingNames.DnsServer1 + "\n" +
            SettingNames.DnsServer2 + "\n" +
            SettingNames.WifiSsid + "\n" +
            SettingNames.WifiPassword + "\n" +
            SettingNames.BacklightIdleTimeout + "\n" +
            SettingNames.BacklightDimLevel + "\n" +
            SettingNames.KeyClick + "\n" +
            SettingNames.RingVolume + "\n" +
            SettingNames.ToneScheme + "\n" +
            SettingNames.DfksEnabled + "\n" +
            SettingNames.KeyboardLock + "\n" +
            SettingNames.Fkey + "\n" +
            SettingNames.ExpansionKey + "\n" +
            SettingNames.PresenceAtDeskDelay + "\n" +
            SettingNames.PresenceAvailableIdle + "\n" +
            SettingNames.PresenceAutoAvailable + "\n" +
            SettingNames.PresencePublish + "\n" +
            SettingNames.InfoboxLineSeconds + "\n" +
            SettingNames.DesktopMessageMaxBytes + "\n" +
            SettingNames.Timezone + "\n" +
            SettingNames.TimezoneOffsetMinutes + "\n" +
            SettingNames.NtpServer + "\n" +
            SettingNames.NtpRefreshTimer + "\n" +
            SettingNames.RtpPortStart + "\n" +
            SettingNames.RtpPortEnd + "\n" +
            SettingNames.MulticastAddress + "\n" +
            SettingNames.StatusPopupDefaultSeconds + "\n" +
            SettingNames.SettingServer + "\n" +
            SettingNames.CustomCertificates + "\n" +
            SettingNames.ProvPollingEnabled + "\n" +
            SettingNames.ProvPollingPeriod + "\n" +
            SettingNames.ProvPollingMode + "\n" +
            SettingNames.ProvPollingTime + "\n" +
            SettingNames.FirmwareStatus + "\n" +
            SettingNames.UpdatePolicy + "\n" +
            SettingNames.UpdateKey + "\n" +
            SettingNames.LowMemoryThreshold + "\n";
    }
}
