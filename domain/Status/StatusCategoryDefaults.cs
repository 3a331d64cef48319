namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// Factory values of the six status_msgs_* settings: the current Snom defaults, except that the two password
    /// warnings are essential, because a phone without passwords must say so before anything else.
    /// The settings table takes its defaults from here. Constants of <see cref="StatusCategories"/>, not a class of their
    /// own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    public sealed partial class StatusCategories
    {
        public const string DefaultBlocked =
            "EmergencyCallNumbersMisconfigured PhoneHasVoiceMessages PhoneHasTextMessages PhoneProvisioningFailed CurrentIdentityIsDnd RingerIsSilent AnonymousIdOn AudioDeviceIsSpeaker AudioDeviceIsHeadset AudioDeviceIsHandset";

        public const string DefaultShowDirectly =
            "StatusLineSystemMessage:3 AudioDeviceIsSpeaker AudioDeviceIsHeadset AudioIsMuted CallBackOnBusyInProgress CallBackOnBusyAvailable PhoneProvisioningStarting PhoneProvisioningInProgress PhoneHasIncomingPublicAnnouncement PhoneIsLocked EthernetUnplugged PhoneHasFirmwareUpdate FirmwareUpdateFailed PhoneWantsToUpdate VisionConnectionLost PhoneWantsReboot PhoneHasDisabledSipStack PhoneHasVpnError PhoneHasLowMemory PhoneRefusedHugeXcapSync CurrentIdentityIsNotRegistered PhoneIsWaitingForCallCompletion CurrentIdentityForewardsAlways CurrentIdentityIsDnd CurrentIdentityForewardsWhenBusy CurrentIdentityForewardsAfterTimeout PhoneWaitsOnNtpServer PhoneCannotReachNtpServer ActiveLocations PhoneHasNoHttpPassword PhoneHasNoAdminPassword ServerMessageToBeShownDirectly CurrentIdentityHasVoiceMessages PhoneHasMissedCalls CurrentIdentityHasTextMessages TryParking:5 UxmConnected:5 WlanActive:5 HidConnecting:10 HidConnected:5 ExpDeviceCabelingBroken ExpDeviceLimitExceeded CanceledCall:3";

        public const string DefaultEssential =
            "PhoneHasNoAdminPassword PhoneHasNoHttpPassword PhoneHasIncomingPublicAnnouncement PhoneIsLocked PhoneHasDisabledSipStack CurrentIdentityIsNotRegistered PhoneIsWaitingForCallCompletion PhoneKnowsCallCanBeCompleted CurrentIdentityIsDnd CurrentIdentityForewardsAlways ServerMessageToBeShownDirectly IPv4Conflict";

        public const string DefaultImportant =
            "EthernetUnplugged PhoneHasFirmwareUpdate PhoneWantsToUpdate PhoneWantsReboot LocationRetrievalFailed PhoneHasVpnError PhoneHasLowMemory PhoneRefusedHugeXcapSync FirmwareUpdateFailed BtoeStateUnpaired BtoeStatePairing VisionConnectionLost ActiveBluetoothConnection UsbDiskConnected Identity01IsNotRegistered Identity02IsNotRegistered Identity03IsNotRegistered Identity04IsNotRegistered Identity05IsNotRegistered Identity06IsNotRegistered Identity07IsNotRegistered Identity08IsNotRegistered Identity09IsNotRegistered Identity10IsNotRegistered Identity11IsNotRegistered Identity12IsNotRegistered PhoneCannotReachNtpServer Identity01ExtendedRegInfo Identity02ExtendedRegInfo Identity03ExtendedRegInfo Identity04ExtendedRegInfo Identity05ExtendedRegInfo Identity06ExtendedRegInfo Identity07ExtendedRegInfo Identity08ExtendedRegInfo Identity09ExtendedRegInfo Identity10ExtendedRegInfo Identity11ExtendedRegInfo Identity12ExtendedRegInfo CallBackOnBusyInProgress CallBackOnBusyAvailable";

        public const string DefaultAudioIndication =
            "PhoneHasIncomingPublicAnnouncement";

        public const string DefaultPopUp =
            "PhoneProvisioningStarting PhoneProvisioningInProgress LocationRetrievalFailed:0";
    }
}
