namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// One persisted copy: 16-byte header ("DPS1", sequence, payload length, CRC-32 of sequence+length+payload, all
    /// little-endian) and the payload. A copy is used only when every byte checks, so a write cut short is never read.
    /// </summary>
    public static partial class SettingsSlot
    {
        public const int HeaderBytes = 16;

        /// <summary>Refuse absurd lengths before allocating (the device heap is ~80 KB).</summary>
        public const int MaxPayloadBytes = 64 * 1024;

        /// <summary>
        /// Whether sequence <paramref name="a"/> is newer than <paramref name="b"/> in serial-number arithmetic (RFC 1982,
        /// 32 bits): a is newer when it is 1 to 2^31-1 steps ahead of b modulo 2^32. The two slots always hold
        /// neighbouring numbers, so the copy saved after 0xFFFFFFFF (sequence 0) still wins over it, at the wrap and
        /// every time after.
        /// </summary>
        public static bool IsNewer(uint a, uint b) => (int)(a - b) > 0;

        public static byte[] Encode(uint sequence, byte[] payload)
        {
            byte[] blob = WithRoom(payload);
            Seal(blob, sequence);
            return blob;
        }

        /// <summary>The payload after <see cref="HeaderBytes"/> of room for the header, which <see cref="Seal"/> fills in.</summary>
        public static byte[] WithRoom(byte[] payload)
        {
            byte[] blob = new byte[HeaderBytes + payload.Length];
            System.Array.Copy(payload, 0, blob, HeaderBytes, payload.Length);
            return blob;
        }

        /// <summary>Fills in the header of a blob whose payload already follows it (<see cref="HeaderBytes"/> on).</summary>
        public static void Seal(byte[] blob, uint sequence)
        {
            int payloadLength = blob.Length - HeaderBytes;
            blob[0] = (byte)'D';
            blob[1] = (byte)'P';
            blob[2] = (byte)'S';
            blob[3] = (byte)'1';
            PutUInt32(blob, 4, sequence);
            PutUInt32(blob, 8, (uint)payloadLength);
            PutUInt32(blob, 12, Checksum(blob, payloadLength));
        }

        /// <summary>Returns null when the blob is a complete, intact copy, else what is wrong with it.</summary>
        public static string Check(byte[] blob, out uint sequence, out int payloadLength)
        {
            sequence = 0;
            payloadLength = 0;
            if (blob.Length < HeaderBytes)
            {
                return "truncated header (" + blob.Length.ToString() + " bytes)";
            }
            if (blob[0] != 'D' || blob[1] != 'P' || blob[2] != 'S' || blob[3] != '1')
            {
                return "not a settings file (bad magic)";
            }
            uint length = GetUInt32(blob, 8);
            if (length > MaxPayloadBytes || length != (uint)(blob.Length - HeaderBytes))
            {
                return "length mismatch (header says " + length.ToString() + ", file holds " + (blob.Length - HeaderBytes).ToString() + ")";
            }
            if (Checksum(blob, (int)length) != GetUInt32(blob, 12))
            {
                return "checksum mismatch";
            }
            sequence = GetUInt32(blob, 4);
            payloadLength = (int)length;
            return null;
        }

        private static uint Checksum(byte[] blob, int payloadLength)
        {
            uint crc = Crc32Update(Crc32Initial, blob, 4, 8);
            crc = Crc32Update(crc, blob, HeaderBytes, payloadLength);
            return Crc32Final(crc);
        }

        private static void PutUInt32(byte[] b, int at, uint v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)(v >> 16);
            b[at + 3] = (byte)(v >> 24);
        }

        private static uint GetUInt32(byte[] b, int at) =>
            (uint)b[at] | ((uint)b[at + 1] << 8) | ((uint)b[at + 2] << 16) | ((uint)b[at + 3] << 24);
    }
}
