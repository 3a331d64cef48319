namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// One call's RTCP (RFC 3550, 6): the compound packet it sends (a sender report while it sends RTP, else a receiver
    /// report, with one report block once RTP arrived, then SDES with the CNAME) and what it reads from the other
    /// side's reports (loss and jitter the other side sees, the round trip from LSR and DLSR).
    /// <para>
    /// The NTP timestamps are the phone's monotonic clock in NTP format, not the wall clock: the other side uses them
    /// only to echo LSR and to compute its round trip, for which any steady clock does (the media layer has no wall
    /// clock, docs/media.md).
    /// </para>
    /// </summary>
    // No state of its own: what it writes and what it reads are the call's RtpStream (its own object with its counters
    // was 84 B of every call, h-media).
    public static class Rtcp
    {
        public const int SenderReport = 200;
        public const int ReceiverReport = 201;
        public const int SourceDescription = 202;

        /// <summary>Every 5 s: RFC 3550 6.2's minimum interval, which a two-party call never exceeds in bandwidth.</summary>
        public const int IntervalMs = 5000;

        /// <summary>SR with a block (52) + SDES with the CNAME (8 + 2 + 18 + 1, padded: 32): the send buffer, with room.</summary>
        public const int MaxPacket = 128;

        /// <summary>
        /// The CNAME's text before the SSRC's 8 lowercase hex digits: "deskphone-1a2b3c4d" (RFC 3550 6.5.1: unique in
        /// the session; the phone has no user@host of its own to the media layer). Written into each report from the
        /// SSRC the call started with, not kept (its string was 36 B a call, a 64-byte array before h-callmedia).
        /// </summary>
        public const string CnamePrefix = "deskphone-";

        private const int CnameLength = 18;

        /// <summary>
        /// Writes the compound report due at <paramref name="nowMs"/> into <paramref name="data"/> (at least
        /// <see cref="MaxPacket"/> long); returns its length.
        /// </summary>
        public static int Write(byte[] data, long nowMs, bool sending, RtpStream stream)
        {
            uint ssrc = stream.Ssrc;
            int blocks = stream.Started ? 1 : 0;
            int at;
            if (sending)
            {
                Header(data, 0, blocks, SenderReport, 6 + 6 * blocks, ssrc);
                uint seconds = (uint)(nowMs / 1000);
                uint fraction = (uint)(((nowMs % 1000) << 32) / 1000);
                RtpPacket.WriteUInt32(data, 8, seconds);
                RtpPacket.WriteUInt32(data, 12, fraction);
                RtpPacket.WriteUInt32(data, 16, stream.Timestamp);
                RtpPacket.WriteUInt32(data, 20, stream.Packets);
                RtpPacket.WriteUInt32(data, 24, stream.Octets);
                at = 28;
            }
            else
            {
                Header(data, 0, blocks, ReceiverReport, 1 + 6 * blocks, ssrc);
                at = 8;
            }
            if (blocks == 1)
            {
                at = Block(data, at, nowMs, stream);
            }
            int sdes = at;
            int length = CnameLength;
            int items = 2 + length + 1;
            int words = 1 + (items + 3) / 4;
            Header(data, sdes, 1, SourceDescription, words, ssrc);
            at = sdes + 8;
            data[at++] = 1;
            data[at++] = (byte)length;
            // One native copy of the prefix: a character loop over a string walks it from its start on nanoCLR (UTF-8).
            at += System.Text.Encoding.UTF8.GetBytes(CnamePrefix, 0, CnameLength - 8, data, at);
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                int digit = (int)((ssrc >> shift) & 0xF);
                data[at++] = (byte)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            }
            int end = sdes + 4 + 4 * words;
            while (at < end)
            {
                data[at++] = 0;
            }
            return end;
        }

        /// <summary>Reads a compound packet from the other side; malformed ones are counted and ignored (false).</summary>
        public static bool Read(byte[] data, int length, long nowMs, RtpStream stream)
        {
            int at = 0;
            if (length < 8 || (data[0] >> 6) != 2 || (data[1] != SenderReport && data[1] != ReceiverReport))
            {
                stream.CountReport(true);
                return false;
            }
            while (at + 4 <= length)
            {
                int count = data[at] & 0x1F;
                int type = data[at + 1];
                int bytes = 4 + 4 * ((data[at + 2] << 8) | data[at + 3]);
                if ((data[at] >> 6) != 2 || at + bytes > length)
                {
                    stream.CountReport(true);
                    return false;
                }
                int blocks = -1;
                if (type == SenderReport && bytes >= 28)
                {
                    stream.SenderReport((RtpPacket.ReadUInt32(data, at + 8) << 16) | (RtpPacket.ReadUInt32(data, at + 12) >> 16), nowMs);
                    blocks = at + 28;
                }
                else if (type == ReceiverReport && bytes >= 8)
                {
                    blocks = at + 8;
                }
                for (int i = 0; blocks >= 0 && i < count && blocks + 24 <= at + bytes; i++, blocks += 24)
                {
                    if (RtpPacket.ReadUInt32(data, blocks) == stream.Ssrc)
                    {
                        Report(data, blocks, nowMs, stream);
                    }
                }
                at += bytes;
            }
            stream.CountReport(false);
            return true;
        }

        private static void Report(byte[] data, int at, long nowMs, RtpStream stream)
        {
            int lost = (data[at + 5] << 16) | (data[at + 6] << 8) | data[at + 7];
            uint lsr = RtpPacket.ReadUInt32(data, at + 16);
            uint dlsr = RtpPacket.ReadUInt32(data, at + 20);
            int roundTripMs = -1;
            if (lsr != 0)
            {
                // RFC 3550 6.4.1: A - LSR - DLSR in 1/65536 s.
                uint rtt = Middle(nowMs) - lsr - dlsr;
                roundTripMs = rtt >= 0x80000000 ? 0 : (int)(((ulong)rtt * 1000) >> 16);
            }
            stream.RemoteReport(lost >= 0x800000 ? lost - 0x1000000 : lost, RtpPacket.ReadUInt32(data, at + 12), roundTripMs);
        }

        private static int Block(byte[] data, int at, long nowMs, RtpStream received)
        {
            RtpPacket.WriteUInt32(data, at, received.SourceSsrc);
            int lost = received.Lost;
            lost = lost > 0x7FFFFF ? 0x7FFFFF : lost < -0x800000 ? -0x800000 : lost;
            data[at + 4] = (byte)received.TakeFractionLost();
            data[at + 5] = (byte)(lost >> 16);
            data[at + 6] = (byte)(lost >> 8);
            data[at + 7] = (byte)lost;
            RtpPacket.WriteUInt32(data, at + 8, received.ExtendedMax);
            RtpPacket.WriteUInt32(data, at + 12, received.Jitter);
            RtpPacket.WriteUInt32(data, at + 16, received.LastSr);
            RtpPacket.WriteUInt32(data, at + 20, received.DelaySinceLastSr(nowMs));
            return at + 24;
        }

        /// <summary>The middle 32 bits of the NTP timestamp <see cref="Write"/> puts in a sender report at <paramref name="nowMs"/>.</summary>
        public static uint Middle(long nowMs) =>
            ((uint)(nowMs / 1000) << 16) | (uint)(((nowMs % 1000) << 16) / 1000);

        /// <summary>Writes the 8-byte common header with the sender's SSRC; <paramref name="words"/> is the length field (32-bit words - 1).</summary>
        private static int Header(byte[] data, int at, int count, int type, int words, uint ssrc)
        {
            data[at] = (byte)(0x80 | count);
            data[at + 1] = (byte)type;
            data[at + 2] = (byte)(words >> 8);
            data[at + 3] = (byte)words;
            RtpPacket.WriteUInt32(data, at + 4, ssrc);
            return at + 8;
        }
    }
}
