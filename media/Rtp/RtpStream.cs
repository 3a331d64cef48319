using System;

namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// One call's RTP stream both ways, as RTCP reports it (RFC 3550): the sending side (5.1: a random SSRC, a random
    /// first sequence number and timestamp, the sequence +1 and the timestamp +160, one 20 ms frame at 8 kHz, per
    /// packet, the marker on the first packet of a talkspurt; the packets and octets sent), what arrives (appendix A:
    /// the extended highest sequence number A.1, packets expected and lost A.3, the interarrival jitter A.8 in
    /// timestamp units at 8 kHz, the last sender report's middle NTP bits and arrival for LSR and DLSR) and what the
    /// other side's reports say (<see cref="Rtcp.Read"/>: its loss and jitter of our stream, the round trip).
    /// </summary>
    // All of it is 32-bit values in one int[]: on nanoCLR each object field is a 12-byte heap block and an int[] element
    // 4 B. RtpSender (5 fields), ReceptionStats (9) and Rtcp (6) were three objects of 276 B and three references of the
    // session's, 36 B; this object and its values are 120 B (h-media). A page's reception figures are one too (as
    // ReceptionStats, 120 B). The per-frame and per-packet paths call Next and Update as they did; the figures are
    // accessors over the array.
    public sealed class RtpStream
    {
        /// <summary>A sequence step up to this is in order (RFC 3550 A.1 MAX_DROPOUT).</summary>
        private const int MaxDropout = 3000;

        /// <summary>A step back up to this is a reordered or duplicate packet (A.1 MAX_MISORDER).</summary>
        private const int MaxMisorder = 100;

        // The sending side: the next packet's sequence number (low 16 bits) with whether it starts a talkspurt
        // (FirstBit), the SSRC, the next frame's timestamp, packets and payload octets sent.
        private const int SequenceAt = 0;
        private const int FirstBit = 0x10000;
        private const int SsrcAt = 1;
        private const int TimestampAt = 2;
        private const int PacketsAt = 3;
        private const int OctetsAt = 4;
        // What arrives: the first sequence number of the count (high 16 bits) and the highest seen (low 16); the
        // sequence cycles; the packets expected (high 16 bits) and received (low 16) at the last report (A.3), modulo
        // 2^16 (an interval between reports, 5 s, is 250 packets of 20 ms); the last transit and the jitter x 16; the
        // source's SSRC; packets received (a stream was taken when one was counted); the last sender report's middle NTP
        // bits (0: none yet) and when it came (the low 32 bits of the clock: DLSR is a difference of seconds).
        private const int SequencesAt = 5;
        private const int CyclesAt = 6;
        private const int PriorsAt = 7;
        private const int TransitAt = 8;
        private const int Jitter16At = 9;
        private const int SourceAt = 10;
        private const int ReceivedAt = 11;
        private const int LastSrAt = 12;
        private const int LastSrMsAt = 13;
        // The other side's reports: the round trip (-1 until one came), its count of our packets lost and its jitter,
        // reports read and refused.
        private const int RoundTripAt = 14;
        private const int RemoteLostAt = 15;
        private const int RemoteJitterAt = 16;
        private const int ReportsAt = 17;
        private const int MalformedAt = 18;
        private const int Values = 19;

        private readonly int[] _v = new int[Values];

        public RtpStream()
        {
            _v[RoundTripAt] = -1;
        }

        /// <summary>Starts a new stream with random SSRC, sequence and timestamp from <paramref name="random"/>; nothing sent or reported yet.</summary>
        public void Start(Random random)
        {
            int[] v = _v;
            v[SsrcAt] = (int)((uint)random.Next() ^ ((uint)random.Next(2) << 31));
            v[SequenceAt] = random.Next(0x10000) | FirstBit;
            v[TimestampAt] = (int)((uint)random.Next() ^ ((uint)random.Next(2) << 31));
            v[PacketsAt] = 0;
            v[OctetsAt] = 0;
            v[RoundTripAt] = -1;
            v[RemoteLostAt] = 0;
            v[RemoteJitterAt] = 0;
            v[ReportsAt] = 0;
            v[MalformedAt] = 0;
        }

        /// <summary>Our stream's SSRC (the reports' CNAME is written from it).</summary>
        public uint Ssrc => (uint)_v[SsrcAt];

        /// <summary>The sequence number of the next packet.</summary>
        public int Sequence => _v[SequenceAt] & 0xFFFF;

        /// <summary>The timestamp of the next frame.</summary>
        public uint Timestamp => (uint)_v[TimestampAt];

        /// <summary>Packets and payload octets sent (the sender report's counts).</summary>
        public uint Packets => (uint)_v[PacketsAt];

        public uint Octets => (uint)_v[OctetsAt];

        /// <summary>
        /// Writes the header of the next packet of <paramref name="payloadType"/> carrying <paramref name="payloadBytes"/>
        /// at data[0] and advances the stream by one packet of <paramref name="samples"/> samples; returns the header length.
        /// </summary>
        public int Next(byte[] data, int payloadType, int payloadBytes, int samples)
        {
            int n = NextEvent(data, payloadType, (_v[SequenceAt] & FirstBit) != 0, (uint)_v[TimestampAt], payloadBytes, samples);
            // The talkspurt's first packet went out: the next ones carry no marker.
            _v[SequenceAt] &= 0xFFFF;
            return n;
        }

        /// <summary>
        /// Writes the header of a telephone-event packet (its own marker and the event's start timestamp, RFC 4733) with
        /// the stream's next sequence number, and advances the stream's clock by one packet interval.
        /// </summary>
        public int NextEvent(byte[] data, int payloadType, bool marker, uint eventTimestamp, int payloadBytes, int samples)
        {
            int[] v = _v;
            int sequence = v[SequenceAt];
            int n = RtpPacket.Write(data, 0, marker, payloadType, sequence & 0xFFFF, eventTimestamp, (uint)v[SsrcAt]);
            v[SequenceAt] = (sequence & FirstBit) | ((sequence + 1) & 0xFFFF);
            v[TimestampAt] += samples;
            v[PacketsAt]++;
            v[OctetsAt] += payloadBytes;
            return n;
        }

        /// <summary>The next packet starts a talkspurt (the marker bit): after a pause in sending, such as hold.</summary>
        public void MarkNext()
        {
            _v[SequenceAt] |= FirstBit;
        }

        /// <summary>Advances the timestamp over frames that were not sent (the clock went on; the sequence does not).</summary>
        public void Skip(int samples)
        {
            _v[TimestampAt] += samples;
        }

        /// <summary>The SSRC of the stream that arrives (the last counted).</summary>
        public uint SourceSsrc => (uint)_v[SourceAt];

        /// <summary>Whether a packet arrived since the reception was reset.</summary>
        public bool Started => _v[ReceivedAt] != 0;

        /// <summary>Packets received.</summary>
        public uint Received => (uint)_v[ReceivedAt];

        /// <summary>The middle 32 bits of the NTP timestamp of the other side's last sender report (0: none yet).</summary>
        public uint LastSr => (uint)_v[LastSrAt];

        /// <summary>Forgets what arrived: a new call.</summary>
        public void ResetReception()
        {
            _v[ReceivedAt] = 0;
            _v[LastSrAt] = 0;
        }

        /// <summary>
        /// Counts one RTP packet arrived at <paramref name="nowMs"/>; true when it is the first of its source (none
        /// before, or another SSRC: the session latches its channel to it).
        /// </summary>
        public bool Update(uint ssrc, int sequence, uint timestamp, long nowMs)
        {
            int[] v = _v;
            bool first = v[ReceivedAt] == 0 || (int)ssrc != v[SourceAt];
            if (first)
            {
                Restart(ssrc, sequence);
            }
            else
            {
                int max = v[SequencesAt] & 0xFFFF;
                int step = (sequence - max) & 0xFFFF;
                if (step < MaxDropout)
                {
                    if (sequence < max)
                    {
                        v[CyclesAt] += 0x10000;
                    }
                    v[SequencesAt] = (v[SequencesAt] & ~0xFFFF) | sequence;
                }
                else if (step <= 0x10000 - MaxMisorder)
                {
                    // A jump: the sender restarted its sequence; count from here.
                    Restart(ssrc, sequence);
                }
            }
            int received = ++v[ReceivedAt];
            // A.8: transit time in timestamp units (8 samples per millisecond); only differences matter.
            int transit = (int)(nowMs * 8) - (int)timestamp;
            if (received != 1)
            {
                int d = transit - v[TransitAt];
                int jitter16 = v[Jitter16At];
                v[Jitter16At] = jitter16 + (d < 0 ? -d : d) - ((jitter16 + 8) >> 4);
            }
            v[TransitAt] = transit;
            return first;
        }

        /// <summary>Notes a sender report's NTP timestamp (its middle 32 bits) arriving at <paramref name="nowMs"/>.</summary>
        public void SenderReport(uint ntpMiddle, long nowMs)
        {
            _v[LastSrAt] = (int)ntpMiddle;
            _v[LastSrMsAt] = (int)nowMs;
        }

        /// <summary>The delay since the last sender report (DLSR) at <paramref name="nowMs"/>, in 1/65536 s; 0 when none came.</summary>
        public uint DelaySinceLastSr(long nowMs) =>
            _v[LastSrAt] == 0 ? 0 : (uint)(((long)((int)nowMs - _v[LastSrMsAt]) << 16) / 1000);

        public uint ExtendedMax => (uint)_v[CyclesAt] + (uint)(_v[SequencesAt] & 0xFFFF);

        public uint Expected => _v[ReceivedAt] != 0 ? ExtendedMax - (uint)((_v[SequencesAt] >> 16) & 0xFFFF) + 1 : 0;

        /// <summary>Cumulative packets lost (expected - received; duplicates can make it negative).</summary>
        public int Lost => (int)(Expected - (uint)_v[ReceivedAt]);

        /// <summary>Interarrival jitter in timestamp units (1/8 ms).</summary>
        public uint Jitter => (uint)(_v[Jitter16At] >> 4);

        /// <summary>
        /// The fraction lost since the last call (A.3), in 1/256: what the next report block carries; starts the next
        /// interval.
        /// </summary>
        public int TakeFractionLost()
        {
            uint expected = Expected;
            uint received = (uint)_v[ReceivedAt];
            uint priors = (uint)_v[PriorsAt];
            uint expectedInterval = (expected - (priors >> 16)) & 0xFFFF;
            uint receivedInterval = (received - priors) & 0xFFFF;
            _v[PriorsAt] = (int)(expected << 16 | (received & 0xFFFF));
            int lostInterval = (int)expectedInterval - (int)receivedInterval;
            return expectedInterval == 0 || lostInterval <= 0 ? 0 : (lostInterval << 8) / (int)expectedInterval;
        }

        private void Restart(uint ssrc, int sequence)
        {
            int[] v = _v;
            v[SourceAt] = (int)ssrc;
            v[SequencesAt] = sequence << 16 | sequence;
            v[CyclesAt] = 0;
            v[PriorsAt] = 0;
            v[ReceivedAt] = 0;
            v[Jitter16At] = 0;
        }

        /// <summary>Round trip in milliseconds from the other side's last report block about our stream; -1 until one came.</summary>
        public int RoundTripMs => _v[RoundTripAt];

        /// <summary>
        /// The number of our packets the other side reported lost, and its jitter (timestamp units). The fraction lost of
        /// its last interval is not kept: nothing on the phone reads it (h-callrest3).
        /// </summary>
        public int RemoteLost => _v[RemoteLostAt];

        public uint RemoteJitter => (uint)_v[RemoteJitterAt];

        /// <summary>Reports read and refused (malformed) so far.</summary>
        public int ReportsReceived => _v[ReportsAt];

        public int Malformed => _v[MalformedAt];

        /// <summary>A report came (<paramref name="malformed"/>: it was refused).</summary>
        internal void CountReport(bool malformed)
        {
            _v[malformed ? MalformedAt : ReportsAt]++;
        }

        /// <summary>What the other side's report block about our stream says.</summary>
        internal void RemoteReport(int lost, uint jitter, int roundTripMs)
        {
            _v[RemoteLostAt] = lost;
            _v[RemoteJitterAt] = (int)jitter;
            if (roundTripMs >= 0)
            {
                _v[RoundTripAt] = roundTripMs;
            }
        }
    }
}
