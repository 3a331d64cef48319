using DeskPhone.Ui.Icons;

namespace DeskPhone.Domain.Status
{
    /// <summary>The catalogue's columns, one entry per <see cref="StatusId"/> in the same order.</summary>
    internal static class StatusCatalogData
    {
        public const string NameList =
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

        /// <summary>Where each entry of <see cref="NameList"/> starts, and its length, as <see cref="PackedText.Starts"/> says.</summary>
        public const string NameStarts =
            "\u0020\u003A\u004A\u0058\u006D\u0082\u0097\u00A4\u00C1\u00E0\u0104\u0115\u0127\u013F\u0158\u016F" +
            "\u017C\u01A1\u01C0\u01E1\u0200\u0220\u0235\u0254\u025F\u0281\u0293\u02AB\u02C2\u02D7\u02EC\u02F9" +
            "\u0307\u0321\u033B\u0355\u036F\u0389\u03A3\u03BD\u03D7\u03F1\u040B\u0425\u043F\u0459\u0473\u048D" +
            "\u04A7\u04C1\u04DB\u04F5\u050F\u0529\u0543\u055D\u0577\u0584\u059C\u05B8\u05D2\u05EB\u0602\u0625" +
            "\u0637\u064B\u0663\u067A\u068F\u06A5\u06B6\u06C4\u06E4\u0701\u0719\u0735\u074F\u0768\u077E\u078F" +
            "\u07A2\u07B1\u07CA\u07E9\u07FC\u0814\u081F\u0830\u083D\u0852\u0866\u0871";

        public const string DescriptionList =
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

        /// <summary>Where each entry of <see cref="DescriptionList"/> starts, and its length, as <see cref="PackedText.Starts"/> says.</summary>
        public const string DescriptionStarts =
            "\u0020\u0040\u0073\u00AD\u00C7\u00E1\u00FF\u0149\u016C\u0191\u01BB\u01F0\u0219\u024B\u027C\u02A4" +
            "\u02B9\u02F3\u031C\u034A\u0375\u03A1\u03CF\u03F6\u0429\u0451\u0471\u04A8\u04E5\u0511\u052C\u055C" +
            "\u058D\u05BE\u05EF\u0620\u0651\u0682\u06B3\u06E4\u0715\u0746\u0778\u07AA\u07DC\u07F9\u0816\u0833" +
            "\u0850\u086D\u088A\u08A7\u08C4\u08E1\u08FF\u091D\u093B\u0977\u09AF\u09D0\u09F7\u0A36\u0A55\u0A77" +
            "\u0A92\u0AA9\u0ACA\u0AF9\u0B15\u0B32\u0B4C\u0B63\u0B87\u0BA3\u0BB7\u0BD3\u0BEC\u0C20\u0C44\u0C77" +
            "\u0CA4\u0CC9\u0CF0\u0D26\u0D44\u0D69\u0D87\u0D9F\u0DCE\u0DFA\u0E15\u0E2C";

        // Code, not a static array: nanoFramework builds every static array at boot and keeps it (132 B with its slot).
        /// <summary>The <see cref="IconId"/> of a status message (an ID of <see cref="StatusId"/>).</summary>
        public static int Icon(int id)
        {
            switch (id)
            {
                case StatusId.ActiveBluetoothConnection:
                case StatusId.BtoeStatePairing:
                case StatusId.BtoeStateUnpaired:
                    return IconId.Bluetooth;
                case StatusId.ActiveLocations:
                case StatusId.LocationRetrievalFailed:
                    return IconId.Location;
                case StatusId.AnonymousIdOn:
                case StatusId.PhoneHasNoAdminPassword:
                case StatusId.PhoneHasNoHttpPassword:
                    return IconId.Security;
                case StatusId.AudioDeviceIsHandset:
                case StatusId.AudioDeviceIsHeadset:
                case StatusId.AudioDeviceIsSpeaker:
                    return IconId.AudioDevice;
                case StatusId.AudioIsMuted:
                    return IconId.Mute;
                case StatusId.BroadsoftRemoteOfficeEnabled:
                case StatusId.BroadsoftSimultaneousRingingEnabled:
                case StatusId.CurrentIdentityForewardsAfterTimeout:
                case StatusId.CurrentIdentityForewardsAlways:
                case StatusId.CurrentIdentityForewardsWhenBusy:
                    return IconId.Forwarding;
                case StatusId.BroadsoftSilentAlertingEnabled:
                case StatusId.RingerIsSilent:
                    return IconId.Ringer;
                case StatusId.CallBackOnBusyAvailable:
                case StatusId.CallBackOnBusyInProgress:
                case StatusId.CallForPickupAvailable:
                case StatusId.MonitoredExtensionIsRinging:
                case StatusId.PhoneIsWaitingForCallCompletion:
                case StatusId.PhoneKnowsCallCanBeCompleted:
                    return IconId.Call;
                case StatusId.CanceledCall:
                case StatusId.PhoneHasMissedCalls:
                    return IconId.MissedCall;
                case StatusId.CurrentIdentityHasTextMessages:
                case StatusId.PhoneHasTextMessages:
                    return IconId.Messages;
                case StatusId.CurrentIdentityHasVoiceMessages:
                case StatusId.PhoneHasVoiceMessages:
                    return IconId.Voicemail;
                case StatusId.CurrentIdentityIsDnd:
                    return IconId.Dnd;
                case StatusId.DfksFailed:
                case StatusId.PhoneHasDisabledSipStack:
                    return IconId.Error;
                case StatusId.EmergencyCallNumbersMisconfigured:
                case StatusId.PhoneRefusedHugeXcapSync:
                case StatusId.SipWarningReceived:
                    return IconId.Warning;
                case StatusId.EthernetUnplugged:
                case StatusId.IPv4Conflict:
                case StatusId.VisionConnectionLost:
                    return IconId.Network;
                case StatusId.ExpDeviceCabelingBroken:
                case StatusId.ExpDeviceLimitExceeded:
                case StatusId.ExpDeviceNeedsUpdate:
                case StatusId.SerialExpDeviceConnected:
                case StatusId.UxmConnected:
                    return IconId.ExpansionModule;
                case StatusId.FirmwareUpdateFailed:
                case StatusId.PhoneHasFirmwareUpdate:
                case StatusId.PhoneWantsReboot:
                case StatusId.PhoneWantsToUpdate:
                    return IconId.Firmware;
                case StatusId.HidConnected:
                case StatusId.HidConnecting:
                case StatusId.UsbDiskConnected:
                    return IconId.UsbHid;
                case StatusId.PhoneCannotReachNtpServer:
                case StatusId.PhoneWaitsOnNtpServer:
                    return IconId.Clock;
                case StatusId.PhoneHasIncomingPublicAnnouncement:
                    return IconId.Announcement;
                case StatusId.PhoneHasLowMemory:
                    return IconId.Memory;
                case StatusId.PhoneHasVpnError:
                case StatusId.VpnConnectionActive:
                    return IconId.Vpn;
                case StatusId.PhoneIsLocked:
                    return IconId.Lock;
                case StatusId.PhoneProvisioningFailed:
                case StatusId.PhoneProvisioningInProgress:
                case StatusId.PhoneProvisioningStarting:
                    return IconId.Provisioning;
                case StatusId.ServerMessageToBeShownDirectly:
                case StatusId.StatusLineSystemMessage:
                    return IconId.Info;
                case StatusId.TryParking:
                    return IconId.Park;
                case StatusId.WlanActive:
                    return IconId.Wlan;
                default:
                    return IconId.Registration;
            }
        }


        // Code, not a static array: nanoFramework builds every static array at boot and keeps it (72 B with its slot).
        /// <summary>Entries the phones' list has without a published name: the names are ours.</summary>
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
