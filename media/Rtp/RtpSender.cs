using System;

namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// The sending side of one RTP stream (RFC 3550, 5.1): a random SSRC, a random first sequence number and
    /// timestamp, the sequence +1 and the timestamp +160 (one 20 ms frame at 8 kHz) per packet, the marker on the
    /// first packet of a talkspurt (here: the first of the stream).
    /// </summary>
    // Its plain state (the counters Packets and Octets) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class RtpSender
    {
        // The next packet's sequence number (low 16 bits) and whether it starts a talkspurt (FirstBit): one field, an
        // object field costs 12 B on nanoCLR (h-callrest2).
        private int _sequence;
        private const int FirstBit = 0x10000;

        /// <summary>Starts a new stream with random SSRC, sequence and timestamp from <paramref name="random"/>.</summary>
        public void Start(Random random)
        {
            Ssrc = (uint)random.Next() ^ ((uint)random.Next(2) << 31);
            _sequence = random.Next(0x10000) | FirstBit;
            Timestamp = (uint)random.Next() ^ ((uint)random.Next(2) << 31);
            Packets = 0;
            Octets = 0;
        }

        public uint Ssrc { get; private set; }

        /// <summary>The sequence number of the next packet.</summary>
        public int Sequence => _sequence & 0xFFFF;

        /// <summary>The timestamp of the next frame.</summary>
        public uint Timestamp { get; private set; }

        /// <summary>Packets and payload octets sent (the sender report's counts).</summary>
        public uint Packets;

        public uint Octets;

        /// <summary>
        /// Writes the header of the next packet of <paramref name="payloadType"/> carrying <paramref name="payloadBytes"/>
        /// at data[0] and advances the stream by one packet of <paramref name="samples"/> samples; returns the header length.
        /// </summary>
        public int Next(byte[] data, int payloadType, int payloadBytes, int samples)
        {
            int n = RtpPacket.Write(data, 0, (_sequence & FirstBit) != 0, payloadType, _sequence & 0xFFFF, Timestamp, Ssrc);
            _sequence = (_sequence + 1) & 0xFFFF;
            Timestamp += (uint)samples;
            Packets++;
            Octets += (uint)payloadBytes;
            return n;
        }

        /// <summary>
        /// Writes the header of a telephone-event packet (its own marker and the event's start timestamp, RFC 4733) with
        /// the stream's next sequence number, and advances the stream's clock by one packet interval.
        /// </summary>
        public int NextEvent(byte[] data, int payloadType, bool marker, uint eventTimestamp, int payloadBytes, int samples)
        {
            int n = RtpPacket.Write(data, 0, marker, payloadType, _sequence & 0xFFFF, eventTimestamp, Ssrc);
            _sequence = (_sequence & FirstBit) | ((_sequence + 1) & 0xFFFF);
            Timestamp += (uint)samples;
            Packets++;
            Octets += (uint)payloadBytes;
            return n;
        }

        /// <summary>The next packet starts a talkspurt (the marker bit): after a pause in sending, such as hold.</summary>
        public void MarkNext()
        {
            _sequence |= FirstBit;
        }

        /// <summary>Advances the timestamp over frames that were not sent (the clock went on; the sequence does not).</summary>
        public void Skip(int samples)
        {
            Timestamp += (uint)samples;
        }
    }
}
