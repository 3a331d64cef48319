namespace DeskPhone.Media.Dtmf
{
    /// <summary>
    /// The 4-byte RTP payload of a telephone event (RFC 4733, 2.3): event code, end bit (E), reserved bit (R, sent 0,
    /// ignored on receipt), volume (0..63, -dBm0), duration (16 bits, in RTP timestamp units, network order). Also the
    /// DTMF event codes (RFC 4733, 3.2: 0-9, * 10, # 11, A-D 12-15).
    /// </summary>
    public static class TelephoneEvent
    {
        // A constant, not a char[]: an array initialiser is built in the heap at boot and kept for good.
        private const string Keys = "0123456789*#ABCD";

        /// <summary>Payload bytes of one event.</summary>
        public const int Length = 4;

        /// <summary>The longest duration the field holds (8.19 s at 8 kHz).</summary>
        public const int MaxDuration = 0xFFFF;

        /// <summary>Writes one event payload at <paramref name="offset"/>.</summary>
        public static void Write(byte[] payload, int offset, int eventCode, bool end, int volume, int duration)
        {
            payload[offset] = (byte)eventCode;
            payload[offset + 1] = (byte)((end ? 0x80 : 0) | (volume & 0x3F));
            payload[offset + 2] = (byte)(duration >> 8);
            payload[offset + 3] = (byte)duration;
        }

        /// <summary>The event code of a payload.</summary>
        public static int EventCode(byte[] payload, int offset)
        {
            return payload[offset];
        }

        /// <summary>Whether the payload is an end of its event (E bit).</summary>
        public static bool IsEnd(byte[] payload, int offset)
        {
            return (payload[offset + 1] & 0x80) != 0;
        }

        /// <summary>The volume of a payload, 0..63 (-dBm0).</summary>
        public static int Volume(byte[] payload, int offset)
        {
            return payload[offset + 1] & 0x3F;
        }

        /// <summary>The duration of a payload in RTP timestamp units.</summary>
        public static int Duration(byte[] payload, int offset)
        {
            return (payload[offset + 2] << 8) | payload[offset + 3];
        }

        /// <summary>The DTMF event code of a key (0-9, *, #, A-D in either case), or -1 for another character.</summary>
        public static int FromKey(char key)
        {
            if (key >= '0' && key <= '9')
            {
                return key - '0';
            }

            switch (key)
            {
                case '*': return 10;
                case '#': return 11;
                case 'A': case 'a': return 12;
                case 'B': case 'b': return 13;
                case 'C': case 'c': return 14;
                case 'D': case 'd': return 15;
                default: return -1;
            }
        }

        /// <summary>The key of a DTMF event code (0..15), or '\0' for another event.</summary>
        public static char ToKey(int eventCode)
        {
            if (eventCode < 0 || eventCode > 15)
            {
                return '\0';
            }

            return Keys[eventCode];
        }
    }
}
