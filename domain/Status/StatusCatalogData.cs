using DeskPhone.Ui.Icons;

namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// The catalogue's columns, one entry per <see cref="StatusId"/> in the same order: a part of the catalogue, not a
    /// class of its own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    public static partial class StatusCatalog
    {
        internal const string NameList =
            "ActiveBluetoothConnection\n" +
            "ActiveLocations\n" +
            "AnonymousIdOn\n" +
            "AudioDeviceIsHandset\n" +
            "AudioDeviceIsHeadset\n" +
            "AudioDeviceIsSpeaker\n" +
            "AudioIsMuted\n" +
            "BroadsoftRemoteOfficeEnabled\n" +
            "BroadsoftSilentAlertingEnabled\n" +
            "BroadsoftSimultaneousRingingEnabled\n" +
            "BtoeStatePairing\n" +
            "BtoeStateUnpaired\n" +
            "CallBackOnBusyAvailable\n" +
            "CallBackOnBusyInProgress\n" +
            "CallForPickupAvailable\n" +
            "CanceledCall\n" +
            "CurrentIdentityForewardsAfterTimeout\n" +
            "CurrentIdentityForewardsAlways\n" +
            "CurrentIdentityForewardsWhenBusy\n" +
            "CurrentIdentityHasTextMessages\n" +
            "CurrentIdentityHasVoiceMessages\n" +
            "CurrentIdentityIsDnd\n" +
            "CurrentIdentityIsNotRegistered\n" +
            "DfksFailed\n" +
            "EmergencyCallNumbersMisconfigured\n" +
            "EthernetUnplugged\n" +
            "ExpDeviceCabelingBroken\n" +
            "ExpDeviceLimitExceeded\n" +
            "ExpDeviceNeedsUpdate\n" +
            "FirmwareUpdateFailed\n" +
            "HidConnected\n" +
            "HidConnecting\n" +
            "Identity01ExtendedRegInfo\n" +
            "Identity02ExtendedRegInfo\n" +
            "Identity03ExtendedRegInfo\n" +
            "Identity04ExtendedRegInfo\n" +
            "Identity05ExtendedRegInfo\n" +
            "Identity06ExtendedRegInfo\n" +
            "Identity07ExtendedRegInfo\n" +
            "Identity08ExtendedRegInfo\n" +
            "Identity09ExtendedRegInfo\n" +
            "Identity10ExtendedRegInfo\n" +
            "Identity11ExtendedRegInfo\n" +
            "Identity12ExtendedRegInfo\n" +
            "Identity01IsNotRegistered\n" +
            "Identity02IsNotRegistered\n" +
            "Identity03IsNotRegistered\n" +
            "Identity04IsNotRegistered\n" +
            "Identity05IsNotRegistered\n" +
            "Identity06IsNotRegistered\n" +
            "Identity07IsNotRegistered\n" +
            "Identity08IsNotRegistered\n" +
            "Identity09IsNotRegistered\n" +
            "Identity10IsNotRegistered\n" +
            "Identity11IsNotRegistered\n" +
            "Identity12IsNotRegistered\n" +
            "IPv4Conflict\n" +
            "LocationRetrievalFailed\n" +
            "MonitoredExtensionIsRinging\n" +
            "PhoneCannotReachNtpServer\n" +
            "PhoneHasDisabledSipStack\n" +
            "PhoneHasFirmwareUpdate\n" +
            "PhoneHasIncomingPublicAnnouncement\n" +
            "PhoneHasLowMemory\n" +
            "PhoneHasMissedCalls\n" +
            "PhoneHasNoAdminPassword\n" +
            "PhoneHasNoHttpPassword\n" +
            "PhoneHasTextMessages\n" +
            "PhoneHasVoiceMessages\n" +
            "PhoneHasVpnError\n" +
            "PhoneIsLocked\n" +
            "PhoneIsWaitingForCallCompletion\n" +
            "PhoneKnowsCallCanBeCompleted\n" +
            "PhoneProvisioningFailed\n" +
            "PhoneProvisioningInProgress\n" +
            "PhoneProvisioningStarting\n" +
            "PhoneRefusedHugeXcapSync\n" +
            "PhoneWaitsOnNtpServer\n" +
            "PhoneWantsReboot\n" +
            "PhoneWantsToUpdate\n" +
            "RingerIsSilent\n" +
            "SerialExpDeviceConnected\n" +
            "ServerMessageToBeShownDirectly\n" +
            "SipWarningReceived\n" +
            "StatusLineSystemMessage\n" +
            "TryParking\n" +
            "UsbDiskConnected\n" +
            "UxmConnected\n" +
            "VisionConnectionLost\n" +
            "VpnConnectionActive\n" +
            "WlanActive\n";

        /// <summary>The length of each entry of <see cref="NameList"/>, as <see cref="PackedText.Lengths"/> says.</summary>
        internal const string NameLengths =
            "\u0039\u002F\u002D\u0034\u0034\u0034\u002C\u003C\u003E\u0043\u0030\u0031\u0037\u0038\u0036\u002C" +
            "\u0044\u003E\u0040\u003E\u003F\u0034\u003E\u002A\u0041\u0031\u0037\u0036\u0034\u0034\u002C\u002D" +
            "\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039" +
            "\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u0039\u002C\u0037\u003B\u0039\u0038\u0036\u0042\u0031" +
            "\u0033\u0037\u0036\u0034\u0035\u0030\u002D\u003F\u003C\u0037\u003B\u0039\u0038\u0035\u0030\u0032" +
            "\u002E\u0038\u003E\u0032\u0037\u002A\u0030\u002C\u0034\u0033\u002A";

        internal const string DescriptionList =
            "A Bluetooth device is connected\n" +
            "Location information is active for emergency calls\n" +
            "The phone hides its outgoing identity (anonymous calling)\n" +
            "Audio goes to the handset\n" +
            "Audio goes to the headset\n" +
            "Audio goes to the loudspeaker\n" +
            "Muted: during calls no audio is sent, on incoming calls no ringtone plays\n" +
            "Broadsoft Remote Office is enabled\n" +
            "Broadsoft Silent Alerting is enabled\n" +
            "Broadsoft Simultaneous Ringing is enabled\n" +
            "Bluetooth pairing with a mobile phone is in progress\n" +
            "No mobile phone is paired over Bluetooth\n" +
            "The busy party you asked to call back is now free\n" +
            "Call back on busy is waiting for the other party\n" +
            "A call is ringing that can be picked up\n" +
            "A call was cancelled\n" +
            "The current identity forwards calls that are not answered\n" +
            "The current identity forwards every call\n" +
            "The current identity forwards calls when busy\n" +
            "The current identity has new text messages\n" +
            "The current identity has new voice messages\n" +
            "Do not disturb is on for the current identity\n" +
            "The current identity is not registered\n" +
            "Feature key synchronisation with the server failed\n" +
            "The emergency numbers are misconfigured\n" +
            "The Ethernet cable is unplugged\n" +
            "An expansion module stopped answering: check its cable\n" +
            "More expansion modules are connected than the phone supports\n" +
            "An expansion module needs a firmware update\n" +
            "The firmware update failed\n" +
            "A USB device (keyboard or headset) is connected\n" +
            "A USB device (keyboard or headset) is connecting\n" +
            "Identity 1 has extended registration information\n" +
            "Identity 2 has extended registration information\n" +
            "Identity 3 has extended registration information\n" +
            "Identity 4 has extended registration information\n" +
            "Identity 5 has extended registration information\n" +
            "Identity 6 has extended registration information\n" +
            "Identity 7 has extended registration information\n" +
            "Identity 8 has extended registration information\n" +
            "Identity 9 has extended registration information\n" +
            "Identity 10 has extended registration information\n" +
            "Identity 11 has extended registration information\n" +
            "Identity 12 has extended registration information\n" +
            "Identity 1 is not registered\n" +
            "Identity 2 is not registered\n" +
            "Identity 3 is not registered\n" +
            "Identity 4 is not registered\n" +
            "Identity 5 is not registered\n" +
            "Identity 6 is not registered\n" +
            "Identity 7 is not registered\n" +
            "Identity 8 is not registered\n" +
            "Identity 9 is not registered\n" +
            "Identity 10 is not registered\n" +
            "Identity 11 is not registered\n" +
            "Identity 12 is not registered\n" +
            "Another device on the network uses the phone's IPv4 address\n" +
            "The location for emergency calls could not be retrieved\n" +
            "A monitored extension is ringing\n" +
            "The phone cannot reach the time server\n" +
            "The SIP stack is disabled: the phone cannot make or take calls\n" +
            "A firmware update is available\n" +
            "An announcement is being received\n" +
            "The phone is low on memory\n" +
            "There are missed calls\n" +
            "No administrator password is set\n" +
            "No password protects the phone's web interface\n" +
            "There are new text messages\n" +
            "There are new voice messages\n" +
            "The VPN connection failed\n" +
            "The keyboard is locked\n" +
            "The phone waits for call completion\n" +
            "A call can be completed now\n" +
            "Provisioning failed\n" +
            "Provisioning is in progress\n" +
            "Provisioning is starting\n" +
            "The phone refused an oversized XCAP synchronisation\n" +
            "The phone waits for the time server\n" +
            "The phone must restart for a change to take effect\n" +
            "The phone wants to install a firmware update\n" +
            "Silent mode: the phone does not ring\n" +
            "A serial expansion module is connected\n" +
            "A message from the server is shown on the idle screen\n" +
            "The server sent a SIP Warning\n" +
            "A system message for the status line\n" +
            "Parking a call is being tried\n" +
            "A USB disk is connected\n" +
            "An expansion module (D3/D7 class) is connected\n" +
            "The connection to the Vision server is lost\n" +
            "A VPN connection is active\n" +
            "Wireless LAN is active\n";

        /// <summary>The length of each entry of <see cref="DescriptionList"/>, as <see cref="PackedText.Lengths"/> says.</summary>
        internal const string DescriptionLengths =
            "\u003F\u0052\u0059\u0039\u0039\u003D\u0069\u0042\u0044\u0049\u0054\u0048\u0051\u0050\u0047\u0034" +
            "\u0059\u0048\u004D\u004A\u004B\u004D\u0046\u0052\u0047\u003F\u0056\u005C\u004B\u003A\u004F\u0050" +
            "\u0050\u0050\u0050\u0050\u0050\u0050\u0050\u0050\u0050\u0051\u0051\u0051\u003C\u003C\u003C\u003C" +
            "\u003C\u003C\u003C\u003C\u003C\u003D\u003D\u003D\u005B\u0057\u0040\u0046\u005E\u003E\u0041\u003A" +
            "\u0036\u0040\u004E\u003B\u003C\u0039\u0036\u0043\u003B\u0033\u003B\u0038\u0053\u0043\u0052\u004C" +
            "\u0044\u0046\u0055\u003D\u0044\u003D\u0037\u004E\u004B\u003A\u0036";

        // Code, not a static array: nanoFramework builds every static array at boot and keeps it (132 B with its slot).
        /// <summary>The <see cref="IconId"/> of a status message (an ID of <see cref="StatusId"/>); 0 for no ID.</summary>
        public static int Icon(int id)
        {
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            int icon;
            switch (id)
            {
                case StatusId.ActiveBluetoothConnection:
                case StatusId.BtoeStatePairing:
                case StatusId.BtoeStateUnpaired:
                    icon = IconId.Bluetooth;
                    break;
                case StatusId.ActiveLocations:
                case StatusId.LocationRetrievalFailed:
                    icon = IconId.Location;
                    break;
                case StatusId.AnonymousIdOn:
                case StatusId.PhoneHasNoAdminPassword:
                case StatusId.PhoneHasNoHttpPassword:
                    icon = IconId.Security;
                    break;
                case StatusId.AudioDeviceIsHandset:
                case StatusId.AudioDeviceIsHeadset:
                case StatusId.AudioDeviceIsSpeaker:
                    icon = IconId.AudioDevice;
                    break;
                case StatusId.AudioIsMuted:
                    icon = IconId.Mute;
                    break;
                case StatusId.BroadsoftRemoteOfficeEnabled:
                case StatusId.BroadsoftSimultaneousRingingEnabled:
                case StatusId.CurrentIdentityForewardsAfterTimeout:
                case StatusId.CurrentIdentityForewardsAlways:
                case StatusId.CurrentIdentityForewardsWhenBusy:
                    icon = IconId.Forwarding;
                    break;
                case StatusId.BroadsoftSilentAlertingEnabled:
                case StatusId.RingerIsSilent:
                    icon = IconId.Ringer;
                    break;
                case StatusId.CallBackOnBusyAvailable:
                case StatusId.CallBackOnBusyInProgress:
                case StatusId.CallForPickupAvailable:
                case StatusId.MonitoredExtensionIsRinging:
                case StatusId.PhoneIsWaitingForCallCompletion:
                case StatusId.PhoneKnowsCallCanBeCompleted:
                    icon = IconId.Call;
                    break;
                case StatusId.CanceledCall:
                case StatusId.PhoneHasMissedCalls:
                    icon = IconId.MissedCall;
                    break;
                case StatusId.CurrentIdentityHasTextMessages:
                case StatusId.PhoneHasTextMessages:
                    icon = IconId.Messages;
                    break;
                case StatusId.CurrentIdentityHasVoiceMessages:
                case StatusId.PhoneHasVoiceMessages:
                    icon = IconId.Voicemail;
                    break;
                case StatusId.CurrentIdentityIsDnd:
                    icon = IconId.Dnd;
                    break;
                case StatusId.DfksFailed:
                case StatusId.PhoneHasDisabledSipStack:
                    icon = IconId.Error;
                    break;
                case StatusId.EmergencyCallNumbersMisconfigured:
                case StatusId.PhoneRefusedHugeXcapSync:
                case StatusId.SipWarningReceived:
                    icon = IconId.Warning;
                    break;
                case StatusId.EthernetUnplugged:
                case StatusId.IPv4Conflict:
                case StatusId.VisionConnectionLost:
                    icon = IconId.Network;
                    break;
                case StatusId.ExpDeviceCabelingBroken:
                case StatusId.ExpDeviceLimitExceeded:
                case StatusId.ExpDeviceNeedsUpdate:
                case StatusId.SerialExpDeviceConnected:
                case StatusId.UxmConnected:
                    icon = IconId.ExpansionModule;
                    break;
                case StatusId.FirmwareUpdateFailed:
                case StatusId.PhoneHasFirmwareUpdate:
                case StatusId.PhoneWantsReboot:
                case StatusId.PhoneWantsToUpdate:
                    icon = IconId.Firmware;
                    break;
                case StatusId.HidConnected:
                case StatusId.HidConnecting:
                case StatusId.UsbDiskConnected:
                    icon = IconId.UsbHid;
                    break;
                case StatusId.PhoneCannotReachNtpServer:
                case StatusId.PhoneWaitsOnNtpServer:
                    icon = IconId.Clock;
                    break;
                case StatusId.PhoneHasIncomingPublicAnnouncement:
                    icon = IconId.Announcement;
                    break;
                case StatusId.PhoneHasLowMemory:
                    icon = IconId.Memory;
                    break;
                case StatusId.PhoneHasVpnError:
                case StatusId.VpnConnectionActive:
                    icon = IconId.Vpn;
                    break;
                case StatusId.PhoneIsLocked:
                    icon = IconId.Lock;
                    break;
                case StatusId.PhoneProvisioningFailed:
                case StatusId.PhoneProvisioningInProgress:
                case StatusId.PhoneProvisioningStarting:
                    icon = IconId.Provisioning;
                    break;
                case StatusId.ServerMessageToBeShownDirectly:
                case StatusId.StatusLineSystemMessage:
                    icon = IconId.Info;
                    break;
                case StatusId.TryParking:
                    icon = IconId.Park;
                    break;
                case StatusId.WlanActive:
                    icon = IconId.Wlan;
                    break;
                default:
                    icon = Valid(id) ? IconId.Registration : 0;
                    break;
            }
            return icon;
        }


        // Code, not a static array: nanoFramework builds every static array at boot and keeps it (72 B with its slot).
        /// <summary>True for the entries whose names the phones do not publish, so the name is this project's.</summary>
        public static bool IsOurName(int id)
        {
            switch (id)
            {
                case StatusId.BroadsoftRemoteOfficeEnabled:
                case StatusId.BroadsoftSilentAlertingEnabled:
                case StatusId.BroadsoftSimultaneousRingingEnabled:
                case StatusId.ExpDeviceNeedsUpdate:
                case StatusId.MonitoredExtensionIsRinging:
                case StatusId.SerialExpDeviceConnected:
                case StatusId.SipWarningReceived:
                case StatusId.VpnConnectionActive:
                    return true;
                default:
                    return false;
            }
        }
    }
}
