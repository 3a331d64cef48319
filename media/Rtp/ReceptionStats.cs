namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// What arrives on one call's RTP stream, for the receiver report block (RFC 3550, 6.4.1 and appendix A): the
    /// extended highest sequence number (A.1), packets expected and lost (A.3), the interarrival jitter (A.8, in
    /// timestamp units at 8 kHz), and the last sender report's middle NTP bits with its arrival (LSR, DLSR).
    /// </summary>
    // Its plain state (the recorded values Ssrc, Received, LastSr, LastSrMs) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class ReceptionStats
    {
        /// <summary>A sequence step up to this is in order (RFC 3550 A.1 MAX_DROPOUT).</summary>
        private const int MaxDropout = 3000;

        /// <summary>A step back up to this is a reordered or duplicate packet (A.1 MAX_MISORDER).</summary>
        private const int MaxMisorder = 100;

        // The first sequence number of the count (high 16 bits) and the highest seen (low 16 bits), in one field; whether
        // a stream was taken is whether a packet was counted (Received: a restart counts its packet at once). An object
        // field costs 12 B on nanoCLR (two fields less, h-callrest2).
        private int _sequences;
        private uint _cycles;
        // The packets expected (high 16 bits) and received (low 16) at the last report (A.3), modulo 2^16: an interval
        // between reports (5 s, 250 packets of 20 ms) is far under 65,536 packets. Two fields before h-callrest3.
        private uint _priors;
        private int _transit;
        private int _jitter16;

        public uint Ssrc;

        public bool Started => Received != 0;

        public uint Received;

        /// <summary>The middle 32 bits of the NTP timestamp of the last sender report (0: none yet) and when it came.</summary>
        public uint LastSr;

        public long LastSrMs;

        public void Reset()
        {
            Received = 0;
            LastSr = 0;
        }

        /// <summary>Counts one RTP packet arrived at <paramref name="nowMs"/>.</summary>
        public void Update(uint ssrc, int sequence, uint timestamp, long nowMs)
        {
            if (Received == 0 || ssrc != Ssrc)
            {
                Restart(ssrc, sequence);
            }
            else
            {
                int max = _sequences & 0xFFFF;
                int step = (sequence - max) & 0xFFFF;
                if (step < MaxDropout)
                {
                    if (sequence < max)
                    {
                        _cycles += 0x10000;
                    }
                    _sequences = (_sequences & ~0xFFFF) | sequence;
                }
                else if (step <= 0x10000 - MaxMisorder)
                {
                    // A jump: the sender restarted its sequence; count from here.
                    Restart(ssrc, sequence);
                }
            }
            Received++;
            // A.8: transit time in timestamp units (8 samples per millisecond); only differences matter.
            int transit = (int)(nowMs * 8) - (int)timestamp;
            if (Received > 1)
            {
                int d = transit - _transit;
                _jitter16 += (d < 0 ? -d : d) - ((_jitter16 + 8) >> 4);
            }
            _transit = transit;
        }

        /// <summary>Notes a sender report's NTP timestamp (its middle 32 bits) arriving at <paramref name="nowMs"/>.</summary>
        public void SenderReport(uint ntpMiddle, long nowMs)
        {
            LastSr = ntpMiddle;
            LastSrMs = nowMs;
        }

        public uint ExtendedMax => _cycles + (uint)(_sequences & 0xFFFF);

        public uint Expected => Received != 0 ? ExtendedMax - (uint)((_sequences >> 16) & 0xFFFF) + 1 : 0;

        /// <summary>Cumulative packets lost (expected - received; duplicates can make it negative).</summary>
        public int Lost => (int)(Expected - Received);

        /// <summary>Interarrival jitter in timestamp units (1/8 ms).</summary>
        public uint Jitter => (uint)(_jitter16 >> 4);

        /// <summary>
        /// The fraction lost since the last call (A.3), in 1/256: what the next report block carries; starts the next
        /// interval.
        /// </summary>
        public int TakeFractionLost()
        {
            uint expected = Expected;
            uint expectedInterval = (expected - (_priors >> 16)) & 0xFFFF;
            uint receivedInterval = (Received - _priors) & 0xFFFF;
            _priors = expected << 16 | (Received & 0xFFFF);
            int lostInterval = (int)expectedInterval - (int)receivedInterval;
            return expectedInterval == 0 || lostInterval <= 0 ? 0 : (lostInterval << 8) / (int)expectedInterval;
        }

        private void Restart(uint ssrc, int sequence)
        {
            Ssrc = ssrc;
            _sequences = sequence << 16 | sequence;
            _cycles = 0;
            _priors = 0;
            Received = 0;
            _jitter16 = 0;
        }
    }
}
