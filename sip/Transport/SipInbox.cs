namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// The bounded hand-over from the transports to the firmware loop: a fixed ring of packets. When the loop falls
    /// behind, memory does not grow: UDP datagrams wait in the socket's own buffer (which the kernel trims as a
    /// congested socket does; SIP retransmissions recover them), a TCP connection is not read until a packet is free
    /// (TCP flow control holds the peer back, nothing is dropped).
    /// </summary>
    public sealed class SipInbox
    {
        private readonly SipPacket[] _free;
        private readonly SipPacket[] _queue;
        private int _freeCount;
        private int _head;
        private int _count;
        private readonly object _gate = new object();

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

        /// <summary>Times a transport found every slot taken.</summary>
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

        /// <summary>
        /// A packet to fill, or null when every slot is waiting for the loop, without counting a drop: for a transport
        /// that waits for one instead of dropping (TCP stops reading the connection meanwhile).
        /// </summary>
        public SipPacket TryRent()
        {
            lock (_gate)
            {
                return _freeCount == 0 ? null : _free[--_freeCount];
            }
        }

        public void Post(SipPacket packet)
        {
            lock (_gate)
            {
                _queue[(_head + _count) % _queue.Length] = packet;
                _count++;
            }
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
                packet.RefuseStatus = 0;
                _free[_freeCount++] = packet;
            }
        }
    }
}
