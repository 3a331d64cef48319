using DeskPhone.Drivers.Framing;

namespace DeskPhone.Drivers.Expansion
{
    /// <summary>Frame types and constants of the expansion-module chain (docs/expansion-protocol.md).</summary>
    public static class ExpansionProtocol
    {
        public const byte Sync0 = 0xA5;
        public const byte Sync1 = 0x5A;
        public const int MaxPayload = 40;
        public const int MaxLabelBytes = 32;
        public const int GapTimeoutMs = 20;
        public const int Baud = 115200;

        public const int KeysPerModule = 18;
        public const int MaxModules = 3;
        public const int Broadcast = 0;

        // Phone to modules; payload[0] is always the module address.
        public const int Enumerate = 0x01;
        public const int Ping = 0x02;
        public const int Leds = 0x03;
        public const int Label = 0x04;

        // Modules to phone; payload[0] is always the sender's address.
        public const int Hello = 0x81;
        public const int Pong = 0x82;
        public const int Key = 0x83;

        public const int KeyReleased = 0;
        public const int KeyPressed = 1;

        /// <summary>The link's <see cref="FrameFormat"/>: CRC-8.</summary>
        public const int Format = Sync0 | Sync1 << 8 | MaxPayload << 16 | FrameFormat.Crc8;

        /// <summary>Firmware version as one comparable number (major.minor).</summary>
        public static int Version(int major, int minor)
        {
            return major * 256 + minor;
        }

        public static string VersionText(int version)
        {
            return (version / 256).ToString() + "." + (version % 256).ToString();
        }
    }
}
