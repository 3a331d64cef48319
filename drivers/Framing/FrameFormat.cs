using System;

namespace DeskPhone.Drivers.Framing
{
    /// <summary>
    /// Byte framing shared by our UART protocols: sync0 sync1 type length payload[length] check.
    /// check is an 8-bit sum (HID bridge) or CRC-8 (polynomial 0x07, init 0, expansion chain) over type, length and payload.
    /// </summary>
    public sealed class FrameFormat
    {
        public const int Overhead = 5;

        /// <summary>Where a frame's payload starts (after sync, type and length); a payload already there is left in place.</summary>
        public const int PayloadAt = 4;

        public readonly byte Sync0;
        public readonly byte Sync1;
        public readonly int MaxPayload;
        public readonly bool Crc8;

        public FrameFormat(byte sync0, byte sync1, int maxPayload, bool crc8)
        {
            if (maxPayload < 0 || maxPayload > 255)
            {
                throw new ArgumentOutOfRangeException("maxPayload");
            }
            Sync0 = sync0;
            Sync1 = sync1;
            MaxPayload = maxPayload;
            Crc8 = crc8;
        }

        /// <summary>Check byte over buffer[offset .. offset+count).</summary>
        public byte Check(byte[] buffer, int offset, int count)
        {
            int acc = 0;
            for (int i = offset; i < offset + count; i++)
            {
                if (Crc8)
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
        public int Encode(int type, byte[] payload, int offset, int count, byte[] output)
        {
            if (count > MaxPayload || output.Length < count + Overhead)
            {
                throw new ArgumentException("payload too long for this frame format");
            }
            output[0] = Sync0;
            output[1] = Sync1;
            output[2] = (byte)type;
            output[3] = (byte)count;
            if (count > 0)
            {
                Array.Copy(payload, offset, output, PayloadAt, count);
            }
            output[PayloadAt + count] = Check(output, 2, count + 2);
            return count + Overhead;
        }
    }
}
