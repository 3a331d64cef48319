using System.Threading;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// The bounded hand-over from receiving threads to the firmware loop: a fixed ring of packets. When the loop
    /// falls behind, new packets are dropped (and counted), as a congested UDP socket would, rather than growing
    /// memory; SIP retransmissions recover them.
    /// </summary>
    public sealed class SipInbox
    {
        private readonly SipPacket[] _free;
        private readonly SipPacket[] _queue;
        private int _freeCount;
        private int _head;
        private int _count;
        private readonly object _gate = new object();
        private readonly AutoResetEvent _arrived = new AutoResetEvent(false);

        public SipInbox(int slots, int packetBytes)
        {
            _free = new SipPacket[slots];
            _queue = new SipPacket[slots];
            for (int i = 0; i < slots; i++)
            {
                _free[i] = new SipPacket(packetBytes);
            }
            _freeCount = slots;
            PacketBytes = packetBytes;
        }

        public int PacketBytes { get; }

        public int Dropped { get; private set; }

        /// <summary>A packet to fill, or null when every slot is waiting for the loop.</summary>
        public SipPacket Rent()
        {
            lock (_gate)
            {
                if (_freeCount == 0)
                {
                    Dropped++;
                    return null;
                }
                return _free[--_freeCount];
            }
        }

        public void Post(SipPacket packet)
        {
            lock (_gate)
            {
                _queue[(_head + _count) % _queue.Length] = packet;
                _count++;
            }
            _arrived.Set();
        }

        /// <summary>
        /// Blocks the loop until a packet is posted or <paramref name="timeoutMs"/> passes, so that an answer goes out as
        /// soon as its request arrives instead of at the loop's next turn.
        /// </summary>
        public void WaitForPacket(int timeoutMs)
        {
            _arrived.WaitOne(timeoutMs, false);
        }

        /// <summary>The oldest waiting packet, or null.</summary>
        public SipPacket Take()
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    return null;
                }
                SipPacket packet = _queue[_head];
                _queue[_head] = null;
                _head = (_head + 1) % _queue.Length;
                _count--;
                return packet;
            }
        }

        public void Return(SipPacket packet)
        {
            lock (_gate)
            {
                packet.Connection = null;
                _free[_freeCount++] = packet;
            }
        }
    }
}
