namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// Every status message, numbered in the order of the phones' list (see <see cref="StatusCatalog"/> for names,
    /// descriptions and icons). Parameterised IDs are written out: Identity01IsNotRegistered .. Identity12IsNotRegistered.
    /// </summary>
    public static class StatusId
    {
        public const int ActiveBluetoothConnection = 0;
        public const int ActiveLocations = 1;
        public const int AnonymousIdOn = 2;
        public const int AudioDeviceIsHandset = 3;
        public const int AudioDeviceIsHeadset = 4;
        public const int AudioDeviceIsSpeaker = 5;
        public const int AudioIsMuted = 6;
        public const int BroadsoftRemoteOfficeEnabled = 7;
        public const int BroadsoftSilentAlertingEnabled = 8;
        public const int BroadsoftSimultaneousRingingEnabled = 9;
        public const int BtoeStatePairing = 10;
        public const int BtoeStateUnpaired = 11;
        public const int CallBackOnBusyAvailable = 12;
        public const int CallBackOnBusyInProgress = 13;
        public const int CallForPickupAvailable = 14;
        public const int CanceledCall = 15;
        public const int CurrentIdentityForewardsAfterTimeout = 16;
        public const int CurrentIdentityForewardsAlways = 17;
        public const int CurrentIdentityForewardsWhenBusy = 18;
        public const int CurrentIdentityHasTextMessages = 19;
        public const int CurrentIdentityHasVoiceMessages = 20;
        public const int CurrentIdentityIsDnd = 21;
        public const int CurrentIdentityIsNotRegistered = 22;
        public const int DfksFailed = 23;
        public const int EmergencyCallNumbersMisconfigured = 24;
        public const int EthernetUnplugged = 25;
        public const int ExpDeviceCabelingBroken = 26;
        public const int ExpDeviceLimitExceeded = 27;
        public const int ExpDeviceNeedsUpdate = 28;
        public const int FirmwareUpdateFailed = 29;
        public const int HidConnected = 30;
        public const int HidConnecting = 31;
        public const int Identity01ExtendedRegInfo = 32;
        public const int Identity02ExtendedRegInfo = 33;
        public const int Identity03ExtendedRegInfo = 34;
        public const int Identity04ExtendedRegInfo = 35;
        public const int Identity05ExtendedRegInfo = 36;
        public const int Identity06ExtendedRegInfo = 37;
        public const int Identity07ExtendedRegInfo = 38;
        public const int Identity08ExtendedRegInfo = 39;
        public const int Identity09ExtendedRegInfo = 40;
        public const int Identity10ExtendedRegInfo = 41;
        public const int Identity11ExtendedRegInfo = 42;
        public const int Identity12ExtendedRegInfo = 43;
        public const int Identity01IsNotRegistered = 44;
        public const int Identity02IsNotRegistered = 45;
        public const int Identity03IsNotRegistered = 46;
        public const int Identity04IsNotRegistered = 47;
        public const int Identity05IsNotRegistered = 48;
        public const int Identity06IsNotRegistered = 49;
        public const int Identity07IsNotRegistered = 50;
        public const int Identity08IsNotRegistered = 51;
        public const int Identity09IsNotRegistered = 52;
        public const int Identity10IsNotRegistered = 53;
        public const int Identity11IsNotRegistered = 54;
        public const int Identity12IsNotRegistered = 55;
        public const int IPv4Conflict = 56;
        public const int LocationRetrievalFailed = 57;
        public const int MonitoredExtensionIsRinging = 58;
        public const int PhoneCannotReachNtpServer = 59;
        public const int PhoneHasDisabledSipStack = 60;
        public const int PhoneHasFirmwareUpdate = 61;
        public const int PhoneHasIncomingPublicAnnouncement = 62;
        public const int PhoneHasLowMemory = 63;
        public const int PhoneHasMissedCalls = 64;
        public const int PhoneHasNoAdminPassword = 65;
        public const int PhoneHasNoHttpPassword = 66;
        public const int PhoneHasTextMessages = 67;
        public const int PhoneHasVoiceMessages = 68;
        public const int PhoneHasVpnError = 69;
        public const int PhoneIsLocked = 70;
        public const int PhoneIsWaitingForCallCompletion = 71;
        public const int PhoneKnowsCallCanBeCompleted = 72;
        public const int PhoneProvisioningFailed = 73;
        public const int PhoneProvisioningInProgress = 74;
        public const int PhoneProvisioningStarting = 75;
        public const int PhoneRefusedHugeXcapSync = 76;
        public const int PhoneWaitsOnNtpServer = 77;
        public const int PhoneWantsReboot = 78;
        public const int PhoneWantsToUpdate = 79;
        public const int RingerIsSilent = 80;
        public const int SerialExpDeviceConnected = 81;
        public const int ServerMessageToBeShownDirectly = 82;
        public const int SipWarningReceived = 83;
        public const int StatusLineSystemMessage = 84;
        public const int TryParking = 85;
        public const int UsbDiskConnected = 86;
        public const int UxmConnected = 87;
        public const int VisionConnectionLost = 88;
        public const int VpnConnectionActive = 89;
        public const int WlanActive = 90;
        public const int Count = 91;

        /// <summary>Identity01IsNotRegistered + (identity - 1).</summary>
        public static int IdentityIsNotRegistered(int identity) => Identity01IsNotRegistered + identity - 1;
    }
}
