namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Every setting's name, each ended by '\n', in ordinal (byte) order: the name column of <see cref="SettingsIndex"/>.
    /// One constant made of the <see cref="SettingNames"/> constants at compile time, so its text is a literal that stays
    /// in the assembly (flash on the device) instead of 1.3 KB of name bytes in the heap, and no name is spelt a second
    /// time. SettingsIndexTests checks that it holds exactly the table's names, sorted.
    /// </summary>
    internal static class SettingNameList
    {
        public const string Sorted =
            SettingNames.AdminModePassword + "\n" +
            SettingNames.AnswerAfterPolicy + "\n" +
            SettingNames.AutoDial + "\n" +
            SettingNames.BacklightDimLevel + "\n" +
            SettingNames.BacklightIdleTimeout + "\n" +
            SettingNames.CallCompletionCode + "\n" +
            SettingNames.CancelDesktop + "\n" +
            SettingNames.CustomCertificates + "\n" +
            SettingNames.DesktopMessageMaxBytes + "\n" +
            SettingNames.DfksEnabled + "\n" +
            SettingNames.Dhcp + "\n" +
            SettingNames.DnsServer1 + "\n" +
            SettingNames.DnsServer2 + "\n" +
            SettingNames.ExpansionKey + "\n" +
            SettingNames.FilterRegistrar + "\n" +
            SettingNames.FirmwareStatus + "\n" +
            SettingNames.Fkey + "\n" +
            SettingNames.Gateway + "\n" +
            SettingNames.HttpBasicAuth + "\n" +
            SettingNames.HttpPassword + "\n" +
            SettingNames.HttpUser + "\n" +
            SettingNames.InfoboxLineSeconds + "\n" +
            SettingNames.IpAddress + "\n" +
            SettingNames.KeyClick + "\n" +
            SettingNames.KeyboardLock + "\n" +
            SettingNames.LedBlinkFast + "\n" +
            SettingNames.LedBlinkMedium + "\n" +
            SettingNames.LedBlinkShortOff + "\n" +
            SettingNames.LedBlinkSlow + "\n" +
            SettingNames.LedCallIndicatorUsage + "\n" +
            SettingNames.LedGreen + "\n" +
            SettingNames.LedMessageUsage + "\n" +
            SettingNames.LedOn + "\n" +
            SettingNames.LedOrange + "\n" +
            SettingNames.LedRed + "\n" +
            SettingNames.LedYellow + "\n" +
            SettingNames.LowMemoryThreshold + "\n" +
            SettingNames.MbTrustedHosts + "\n" +
            SettingNames.MulticastAddress + "\n" +
            SettingNames.Netmask + "\n" +
            SettingNames.NetworkIdPort + "\n" +
            SettingNames.NtpRefreshTimer + "\n" +
            SettingNames.NtpServer + "\n" +
            SettingNames.ParkOrbit + "\n" +
            SettingNames.PickupCode + "\n" +
            SettingNames.PresenceAtDeskDelay + "\n" +
            SettingNames.PresenceAutoAvailable + "\n" +
            SettingNames.PresenceAvailableIdle + "\n" +
            SettingNames.PresencePublish + "\n" +
            SettingNames.ProvPollingEnabled + "\n" +
            SettingNames.ProvPollingPeriod + "\n" +
            SettingNames.RingVolume + "\n" +
            SettingNames.RtpPortEnd + "\n" +
            SettingNames.RtpPortStart + "\n" +
            SettingNames.SettingServer + "\n" +
            SettingNames.StatusMsgsThatAreBlocked + "\n" +
            SettingNames.StatusMsgsThatAreEssential + "\n" +
            SettingNames.StatusMsgsThatAreImportant + "\n" +
            SettingNames.StatusMsgsThatShowDirectly + "\n" +
            SettingNames.StatusMsgsToPopUp + "\n" +
            SettingNames.StatusMsgsWithAudioIndication + "\n" +
            SettingNames.StatusPopupDefaultSeconds + "\n" +
            SettingNames.Timezone + "\n" +
            SettingNames.TimezoneOffsetMinutes + "\n" +
            SettingNames.ToneScheme + "\n" +
            SettingNames.UpdateKey + "\n" +
            SettingNames.UpdatePolicy + "\n" +
            SettingNames.UserActive + "\n" +
            SettingNames.UserAnonymousCall + "\n" +
            SettingNames.UserAuthName + "\n" +
            SettingNames.UserDnd + "\n" +
            SettingNames.UserDialPlan + "\n" +
            SettingNames.DtmfInfo + "\n" +
            SettingNames.UserExpiry + "\n" +
            SettingNames.UserFwdAlways + "\n" +
            SettingNames.UserFwdBusy + "\n" +
            SettingNames.UserFwdTimeout + "\n" +
            SettingNames.UserFwdTimeoutRings + "\n" +
            SettingNames.UserHost + "\n" +
            SettingNames.UserMailbox + "\n" +
            SettingNames.UserName + "\n" +
            SettingNames.UserOutbound + "\n" +
            SettingNames.UserPassword + "\n" +
            SettingNames.UserRealName + "\n" +
            SettingNames.UserSipUserNameAsLine + "\n" +
            SettingNames.WifiPassword + "\n" +
            SettingNames.WifiSsid + "\n";
    }
}
