using DeskPhone.Media.Rtp;

namespace DeskPhone.Cost
{
    /// <summary>
    /// The media port of the call workloads (MediaCost): sends are counted, and one RTP packet of the other side
    /// arrives per frame while <see cref="Arriving"/> is set, its sequence number and timestamp advanced each time, as
    /// a live stream's would be (the jitter buffer then plays every one). No socket: the counts are the media path's.
    /// </summary>
    public sealed class LoopRtpChannel : IRtpChannel
    {
        private readonly byte[] _packet;
        private ushort _sequence;
        private uint _timestamp;
        private bool _due;

        /// <param name="packet">An RTP packet (header and payload) that arrives again and again, or null: nothing arrives.</param>
        public LoopRtpChannel(byte[] packet)
        {
            _packet = packet;
        }

        /// <summary>One packet arrives at the next <see cref="Receive"/>.</summary>
        public bool Arriving { get; set; }

        public int Sent { get; private set; }

        public int SentBytes { get; private set; }

        public bool Open(int localPort) => true;

        public bool Connect(string address, int port) => true;

        public void Send(byte[] data, int length)
        {
            Sent++;
            SentBytes = length;
        }

        /// <summary>Marks the frame: one packet is due.</summary>
        public void Next()
        {
            _due = Arriving;
        }

        public int Receive(byte[] buffer)
        {
            if (!_due || _packet == null)
            {
                return 0;
            }
            _due = false;
            _sequence++;
            _timestamp += 160;
            _packet[2] = (byte)(_sequence >> 8);
            _packet[3] = (byte)_sequence;
            _packet[4] = (byte)(_timestamp >> 24);
            _packet[5] = (byte)(_timestamp >> 16);
            _packet[6] = (byte)(_timestamp >> 8);
            _packet[7] = (byte)_timestamp;
            System.Array.Copy(_packet, buffer, _packet.Length);
            return _packet.Length;
        }

        public void Latch()
        {
        }

        public void Close()
        {
        }
    }
}
