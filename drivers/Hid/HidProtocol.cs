using DeskPhone.Drivers.Framing;

namespace DeskPhone.Drivers.Hid
{
    /// <summary>Frame types and fields of the USB-host bridge link (docs/hid-bridge.md).</summary>
    public static class HidProtocol
    {
        public const byte Sync0 = 0x57;
        public const byte Sync1 = 0xAB;
        public const int MaxPayload = 16;
        public const int GapTimeoutMs = 30;
        public const int Ports = 2;

        // Phone to bridge.
        public const int Query = 0x01;
        public const int SetIndicators = 0x02;

        // Bridge to phone.
        public const int Status = 0x80;
        public const int Device = 0x81;
        public const int Keyboard = 0x82;
        public const int Telephony = 0x83;

        // Device states in a Device frame.
        public const int StateDetached = 0;
        public const int StateEnumerating = 1;
        public const int StateReady = 2;

        // Telephony report bits (HID telephony page: hook switch 0x20, phone mute 0x2F).
        public const int TelephonyHook = 0x01;
        public const int TelephonyMute = 0x02;

        // SetIndicators bits (LED page: off-hook 0x17, mute 0x09, ring 0x18).
        public const int IndicatorOffHook = 0x01;
        public const int IndicatorMute = 0x02;
        public const int IndicatorRing = 0x04;

        /// <summary>The link's <see cref="FrameFormat"/>: an 8-bit sum.</summary>
        public const int Format = Sync0 | Sync1 << 8 | MaxPayload << 16;
    }

    /// <summary>USB device classes the bridge reports.</summary>
    public enum HidDeviceClass
    {
        Unknown = 0,
        Keyboard = 1,
        Mouse = 2,
        Headset = 3,
    }
}
