using System;

namespace DeskPhone.Drivers.Framing
{
    /// <summary>
    /// Byte framing shared by our UART protocols: sync0 sync1 type length payload[length] check.
    /// check is an 8-bit sum (HID bridge) or CRC-8 (polynomial 0x07, init 0, expansion chain) over type, length and payload.
    /// A format is one int (sync0, sync1 << 8, the largest payload << 16, <see cref="Crc8"/>): a link keeps it in a
    /// field of its own, not in an object (nanoCLR: 60 B an object of four fields).
    /// </summary>
    public static class FrameFormat
    {
        public const int Overhead = 5;

        /// <summary>Where a frame's payload starts (after sync, type and length); a payload already there is left in place.</summary>
        public const int PayloadAt = 4;

        /// <summary>The check is CRC-8, not a sum.</summary>
        public const int Crc8 = 1 << 24;

        /// <summary>A format from its parts (the protocols write theirs as constants).</summary>
        public static int Of(byte sync0, byte sync1, int maxPayload, bool crc8)
        {
            if (maxPayload < 0 || maxPayload > 255)
            {
                throw new ArgumentOutOfRangeException("maxPayload");
            }
            return sync0 | sync1 << 8 | maxPayload << 16 | (crc8 ? Crc8 : 0);
        }

        public static byte Sync0(int format) => (byte)format;

        public static byte Sync1(int format) => (byte)(format >> 8);

        public static int MaxPayload(int format) => (format >> 16) & 0xFF;

        /// <summary>Check byte over buffer[offset .. offset+count).</summary>
        public static byte Check(int format, byte[] buffer, int offset, int count)
        {
            bool crc8 = (format & Crc8) != 0;
            int acc = 0;
            for (int i = offset; i < offset + count; i++)
            {
                if (crc8)
                {
                    acc ^= buffer[i];
                    for (int bit = 0; bit < 8; bit++)
                    {
                        acc = (acc & 0x80) != 0 ? ((acc << 1) ^ 0x07) & 0xFF : (acc << 1) & 0xFF;
                    }
                }
                else
                {
                    acc = (acc + buffer[i]) & 0xFF;
                }
            }
            return (byte)acc;
        }

        /// <summary>Writes one frame into output at 0 and returns its length.</summary>
        public static int Encode(int format, int type, byte[] payload, int offset, int count, byte[] output)
        {
            if (count > MaxPayload(format) || output.Length < count + Overhead)
            {
                throw new ArgumentException("payload too long for this frame format");
            }
            output[0] = Sync0(format);
            output[1] = Sync1(format);
            output[2] = (byte)type;
            output[3] = (byte)count;
            if (count > 0)
            {
                Array.Copy(payload, offset, output, PayloadAt, count);
            }
            output[PayloadAt + count] = Check(format, output, 2, count + 2);
            return count + Overhead;
        }
    }
}
