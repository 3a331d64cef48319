namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// The RTP fixed header (RFC 3550, 5.1) of one packet, read in place: the fields, and where the payload lies in
    /// the caller's buffer after the CSRC list, the header extension and the padding (nothing is allocated while
    /// reading). A call's session reads its packets without one (<see cref="Payload"/> and the fixed offsets).
    /// </summary>
    // Its plain state (the parsed header values) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class RtpPacket
    {
        public const int HeaderBytes = 12;

        public const int Version = 2;

        public bool Padding;
        public bool Extension;
        public int CsrcCount;
        public bool Marker;
        public int PayloadType { get; private set; }

        /// <summary>16 bits, 0..65535.</summary>
        public int Sequence;

        public uint Timestamp;
        public uint Ssrc;

        /// <summary>Where the payload starts in the buffer given to <see cref="Read"/>.</summary>
        public int PayloadOffset;

        /// <summary>The payload's length without the padding.</summary>
        public int PayloadLength;

        /// <summary>
        /// Reads the packet in data[offset, offset + length); false (fields undefined) when it is not RTP version 2 or
        /// its CSRC list, extension or padding run past its end.
        /// </summary>
        public bool Read(byte[] data, int offset, int length)
        {
            if (length < HeaderBytes || (data[offset] >> 6) != Version)
            {
                return false;
            }
            int b0 = data[offset];
            int b1 = data[offset + 1];
            Padding = (b0 & 0x20) != 0;
            Extension = (b0 & 0x10) != 0;
            CsrcCount = b0 & 0x0F;
            Marker = (b1 & 0x80) != 0;
            PayloadType = b1 & 0x7F;
            Sequence = (data[offset + 2] << 8) | data[offset + 3];
            Timestamp = ReadUInt32(data, offset + 4);
            Ssrc = ReadUInt32(data, offset + 8);
            int payload = Payload(data, offset, length);
            if (payload < 0)
            {
                return false;
            }
            PayloadOffset = offset + (payload >> 16);
            PayloadLength = payload & 0xFFFF;
            return true;
        }

        /// <summary>
        /// Where the payload of the RTP packet at <paramref name="offset"/> is, past its CSRCs, extension and padding:
        /// (its offset from the packet's start &lt;&lt; 16) | its length, or -1 when the packet is too short for what its
        /// header says. The header's other values are read where they are needed (<see cref="MediaSession"/> keeps no
        /// parsed packet: h-callmedia, 144 B a call).
        /// </summary>
        public static int Payload(byte[] data, int offset, int length)
        {
            int b0 = data[offset];
            int at = HeaderBytes + 4 * (b0 & 0x0F);
            if ((b0 & 0x10) != 0)
            {
                // 16 bits profile, 16 bits length in 32-bit words, then the words (RFC 3550, 5.3.1).
                if (at + 4 > length)
                {
                    return -1;
                }
                at += 4 + 4 * ((data[offset + at + 2] << 8) | data[offset + at + 3]);
            }
            int end = length;
            if ((b0 & 0x20) != 0)
            {
                // The last octet counts the padding octets, itself included.
                int pad = data[offset + length - 1];
                if (pad == 0)
                {
                    return -1;
                }
                end -= pad;
            }
            return at > end ? -1 : (at << 16) | (end - at);
        }

        /// <summary>
        /// Writes a 12-byte header (version 2, no padding, extension or CSRC) at data[offset]; returns
        /// <see cref="HeaderBytes"/>.
        /// </summary>
        public static int Write(byte[] data, int offset, bool marker, int payloadType, int sequence, uint timestamp, uint ssrc)
        {
            data[offset] = Version << 6;
            data[offset + 1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
            data[offset + 2] = (byte)(sequence >> 8);
            data[offset + 3] = (byte)sequence;
            WriteUInt32(data, offset + 4, timestamp);
            WriteUInt32(data, offset + 8, ssrc);
            return HeaderBytes;
        }

        internal static uint ReadUInt32(byte[] data, int at) =>
            ((uint)data[at] << 24) | ((uint)data[at + 1] << 16) | ((uint)data[at + 2] << 8) | data[at + 3];

        internal static void WriteUInt32(byte[] data, int at, uint value)
        {
            data[at] = (byte)(value >> 24);
            data[at + 1] = (byte)(value >> 16);
            data[at + 2] = (byte)(value >> 8);
            data[at + 3] = (byte)value;
        }
    }
}
