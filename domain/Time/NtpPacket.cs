namespace DeskPhone.Domain.Time
{
    /// <summary>
    /// SNTP packets (RFC 4330, NTP version 4 on the wire): the client's 48-byte request and the checks on a server's
    /// answer. Times are milliseconds since 1900-01-01 00:00 UTC (NTP's origin) in a long, so no DateTime arithmetic
    /// runs per packet. The packet's part of <see cref="SntpClient"/>, not a class of its own (a type is 8 B of runtime
    /// tables on the device, h-domslim).
    /// </summary>
    public sealed partial class SntpClient
    {
        public const int PacketLength = 48;
        public const int Port = 123;

        // What ReadAnswer found; Ok is the only answer that sets the clock.
        public const int Ok = 0;
        public const int TooShort = 1;
        /// <summary>Not mode 4 (server) or a version before 3.</summary>
        public const int NotServer = 2;
        /// <summary>Leap indicator 3: the server's own clock is not synchronised.</summary>
        public const int Unsynchronized = 3;
        /// <summary>Stratum 0: a kiss-o'-death (RFC 4330 section 8), the server asks to be left alone.</summary>
        public const int KissOfDeath = 4;
        /// <summary>The originate timestamp is not the request's nonce: a stale, duplicated or forged answer.</summary>
        public const int NotOurs = 5;
        /// <summary>Transmit timestamp zero, or stratum above 15.</summary>
        public const int NoTime = 6;

        private const int ReceiveAt = 32;
        private const int TransmitAt = 40;
        private const int OriginateAt = 24;

        /// <summary>
        /// A client request (LI 0, version 4, mode 3) in <paramref name="buffer"/>'s first 48 bytes. Its transmit
        /// timestamp carries <paramref name="nonce"/> (8 random bytes) instead of a time: the client's clock is what it
        /// asks for, and a server copies the field into its answer's originate timestamp, which ReadAnswer then checks
        /// (RFC 4330 section 5 allows any value there).
        /// </summary>
        public static void WriteRequest(byte[] buffer, byte[] nonce)
        {
            for (int i = 0; i < PacketLength; i++)
            {
                buffer[i] = 0;
            }
            buffer[0] = (4 << 3) | 3;
            for (int i = 0; i < 8; i++)
            {
                buffer[TransmitAt + i] = nonce[i];
            }
        }

        /// <summary>
        /// Checks an answer to the request that carried <paramref name="nonce"/>. On <see cref="Ok"/>,
        /// <paramref name="receivedMs"/> and <paramref name="transmittedMs"/> are the server's receive and transmit
        /// times (ms since 1900, era resolved as RFC 4330 section 3 says: years 1968 to 2104).
        /// </summary>
        public static int ReadAnswer(byte[] data, int length, byte[] nonce, out long receivedMs, out long transmittedMs)
        {
            receivedMs = 0;
            transmittedMs = 0;
            if (length < PacketLength)
            {
                return TooShort;
            }
            int leap = data[0] >> 6;
            int version = (data[0] >> 3) & 7;
            int mode = data[0] & 7;
            if (mode != 4 || version < 3)
            {
                return NotServer;
            }
            for (int i = 0; i < 8; i++)
            {
                if (data[OriginateAt + i] != nonce[i])
                {
                    return NotOurs;
                }
            }
            int stratum = data[1];
            if (stratum == 0)
            {
                return KissOfDeath;
            }
            if (leap == 3)
            {
                return Unsynchronized;
            }
            if (stratum > 15 || Seconds(data, TransmitAt) == 0)
            {
                return NoTime;
            }
            receivedMs = Milliseconds(data, ReceiveAt);
            transmittedMs = Milliseconds(data, TransmitAt);
            return Ok;
        }

        private static long Milliseconds(byte[] data, int at)
        {
            long seconds = Seconds(data, at);
            if ((seconds & 0x80000000L) == 0)
            {
                // Era 1: from 2036-02-07 the 32-bit seconds wrap; a value without the top bit is after that.
                seconds += 0x100000000L;
            }
            long fraction = Seconds(data, at + 4);
            // Rounded to the nearest millisecond: a server's 10 ms is 0x028F5C28 / 2^32, a hair under 10 ms.
            return seconds * 1000 + ((fraction * 1000 + 0x80000000L) >> 32);
        }

        private static long Seconds(byte[] data, int at) =>
            ((long)data[at] << 24) | ((long)data[at + 1] << 16) | ((long)data[at + 2] << 8) | data[at + 3];
    }
}
