namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// The bounded hand-over from the transports to the firmware loop: a ring of at most <c>slots</c> packets. When the
    /// loop falls behind, memory does not grow: UDP datagrams wait in the socket's own buffer (which the kernel trims as
    /// a congested socket does; SIP retransmissions recover them), a TCP connection is not read until a packet is free
    /// (TCP flow control holds the peer back, nothing is dropped).
    /// <para>
    /// No packet is made at once: the first rent makes one (at boot the phone sends its REGISTER long before anything
    /// arrives, and the board's heap cannot spare the packet beside the phone being built, docs/benchmarks.md
    /// "h-bootfit"); the others are made when a transport rents while every packet made is
    /// busy (two datagrams in one turn, a TCP connection's message beside the loop's). Every free packet is let go as
    /// soon as the loop finds the inbox empty (the user agent takes until it is empty once a turn, and its parsed
    /// message lets go of a packet's bytes once handled), so a packet lives while its message is handled: what the
    /// message sets off later in the turn (the screen's redraw with its band and glyphs) and a phone between datagrams
    /// do not hold its 3,073 B (docs/benchmarks.md, h-boot80; it was kept 500 quiet turns, and the redraw after the
    /// REGISTER's answer peaked with it). The next datagram makes one again. A rent succeeds in the
    /// same cases as with every packet made up front, unless the heap cannot hold the packet: then it counts as
    /// <see cref="Dropped"/>, as a full inbox does (a datagram waits in the socket for the next turn).
    /// A posted message much shorter than its packet moves to an array of its own size (<see cref="Post"/>), so the
    /// packet's bytes do not wait for the end of the message's handling; such a packet is let go when handed back.
    /// </para>
    /// Its plain state (Dropped, Made, Waiting) is public fields, not properties: no accessor method in the runtime
    /// tables, image and calls on the device (issue #17). Heap at rest (issue #17): the free and the waiting packets
    /// share one array, and the inbox locks itself (no lock object of its own).
    /// </summary>
    public sealed class SipInbox
    {
        /// <summary>
        /// Loop turns (empty takes: the user agent takes until the inbox is empty once a turn) without a packet after
        /// which the user agent lets go of what it keeps for a burst of traffic: about 2.5-5 s on the board (5 ms
        /// waits), 5 s in the interpreter's 10 ms turns (the inbox's own packets go at the first empty take).
        /// </summary>
        public const int QuietTurns = 500;

        // The free packets in [0, slots), the waiting ones in the ring [slots, 2 slots).
        private readonly SipPacket[] _packets;
        private readonly int _slots;
        private int _freeCount;
        private int _head;

        public SipInbox(int slots, int packetBytes)
        {
            _packets = new SipPacket[2 * slots];
            _slots = slots;
            PacketBytes = packetBytes;
        }

        public readonly int PacketBytes;

        /// <summary>Times a transport found every slot taken (or no heap for another packet).</summary>
        public int Dropped;

        /// <summary>Packets that exist now (0..slots): made while traffic needs them (an int read whole: no lock).</summary>
        public int Made;

        /// <summary>A packet to fill, or null when every slot is waiting for the loop.</summary>
        public SipPacket Rent()
        {
            return Rent(0);
        }

        /// <summary>
        /// A packet for a message of <paramref name="length"/> bytes (a datagram whose size the socket tells before it
        /// is read), or null when every slot is waiting for the loop. A packet made for it is made to that size (and
        /// the over-size probe byte), not <see cref="PacketBytes"/>: the ACK or a MESSAGE in a call does not take 3 KB
        /// beside the media session to be fitted a moment later (docs/benchmarks.md, h-callfit2). 0, or more than
        /// <see cref="PacketBytes"/>: a full packet.
        /// </summary>
        public SipPacket Rent(int length)
        {
            IHeapRoom room = Room;
            // Asked before the packet is made (the socket told the size): a request the heap has no room for gets a packet
            // of its head only, enough to answer it 503 (the rest of the datagram is cut, never handled). Asked of every
            // datagram whose size is told: the reserve measures the heap here when the request will need it, without its
            // packet and under the transport's few frames, not the loop's turn (docs/benchmarks.md, h-reserve2).
            int refuse = length > 0 && room != null ? room.Refusal(null, length) : 0;
            lock (this)
            {
                SipPacket packet = RentLocked(refuse != 0 && length > RefusedHeadBytes ? RefusedHeadBytes : length);
                if (packet == null)
                {
                    Dropped++;
                }
                else
                {
                    packet.RefuseStatus = refuse;
                }
                return packet;
            }
        }

        /// <summary>
        /// Asked with a message's length whether the heap has room to take it in (the phone's heap reserve, issue #17):
        /// before a datagram's packet is made (<see cref="Rent(int)"/>, the socket told its size), and by the user agent
        /// before a request in a packet is parsed. A request refused is answered 503 with Retry-After from its first
        /// bytes (a new call without room for one 486), unparsed into objects; null: everything is taken in.
        /// </summary>
        public IHeapRoom Room;

        /// <summary>
        /// The bytes kept of a datagram refused before its packet was made: its start line and the headers a 503 echoes
        /// (Via, From, To, Call-ID, CSeq come first in a PBX's requests, in 300-500 bytes; one whose five are not all in
        /// them gets no answer and is retransmitted).
        /// </summary>
        public const int RefusedHeadBytes = 768;

        /// <summary>Where every delivered message is also recorded (the SIP trace); null: none.</summary>
        public SipTrace Trace;

        /// <summary>
        /// A packet to fill, or null when every slot is waiting for the loop, without counting a drop: for a transport
        /// that waits for one instead of dropping (TCP stops reading the connection meanwhile).
        /// </summary>
        public SipPacket TryRent()
        {
            lock (this)
            {
                return RentLocked(0);
            }
        }

        private SipPacket RentLocked(int length)
        {
            if (_freeCount > 0)
            {
                return _packets[--_freeCount];
            }
            if (Made == _slots)
            {
                return null;
            }
            try
            {
                SipPacket packet = new SipPacket(length > 0 && length < PacketBytes ? length : PacketBytes);
                Made++;
                return packet;
            }
            catch (System.OutOfMemoryException)
            {
                // No room for another packet: the datagram waits in the socket (TCP: the connection waits), as when full.
                return null;
            }
        }

        public void Post(SipPacket packet)
        {
            SipTrace trace = Trace;
            // A datagram refused for want of heap (its head only) is not recorded: the trace's ring may not be made yet.
            if (trace != null && packet.Transport != null && packet.RefuseStatus == 0)
            {
                trace.Record(false, packet.Data, 0, packet.Length, packet.Transport.Name, packet.RemoteHost, packet.RemotePort);
            }
            Fit(packet);
            lock (this)
            {
                _packets[_slots + (_head + Waiting) % _slots] = packet;
                Waiting++;
            }
        }

        /// <summary>Packets posted and not yet taken (an int read whole: no lock; a packet posted meanwhile is taken in the loop's next turn).</summary>
        public int Waiting;

        /// <summary>The oldest waiting packet, or null (the free packets are let go then).</summary>
        public SipPacket Take()
        {
            lock (this)
            {
                if (Waiting == 0)
                {
                    if (_freeCount > 0)
                    {
                        Trim();
                    }
                    return null;
                }
                SipPacket packet = _packets[_slots + _head];
                _packets[_slots + _head] = null;
                _head = (_head + 1) % _slots;
                Waiting--;
                return packet;
            }
        }

        public void Return(SipPacket packet)
        {
            lock (this)
            {
                packet.Connection = null;
                packet.RefuseStatus = 0;
                if (packet.Data.Length != PacketBytes + 1)
                {
                    // Fitted to its message, or made to its size: too small for the next one, so it is let go (the next rent makes a packet).
                    Made--;
                    return;
                }
                _packets[_freeCount++] = packet;
            }
        }

        /// <summary>
        /// Gives a posted message that leaves at least <see cref="FitSlack"/> bytes of its packet unused an array of its
        /// own length, so the packet's 3 KB are garbage before the message is parsed and handled: the deepest moment of
        /// a message (the parse's frames, its header objects, what the handler sets off) does not hold them
        /// (docs/benchmarks.md, h-boot80b: the REGISTER's 200 in the board's heap). Without heap for the copy the message
        /// stays in its packet, as before.
        /// </summary>
        private static void Fit(SipPacket packet)
        {
            int length = packet.Length;
            if (packet.Data.Length - length < FitSlack)
            {
                return;
            }
            try
            {
                byte[] fitted = new byte[length];
                System.Array.Copy(packet.Data, fitted, length);
                packet.Data = fitted;
            }
            catch (System.OutOfMemoryException)
            {
                // The message is handled from the packet's own bytes.
            }
        }

        /// <summary>
        /// Unused bytes below which a message stays in its packet: the copy is an allocation, worth it when it frees
        /// a few hundred bytes at least (a usual SIP message of 300-1,500 bytes frees 1.5-2.7 KB of a 3,073-byte packet).
        /// </summary>
        private const int FitSlack = 512;

        /// <summary>Lets go of every free packet (a packet a transport is filling stays its own).</summary>
        private void Trim()
        {
            for (int i = 0; i < _freeCount; i++)
            {
                _packets[i] = null;
            }
            Made -= _freeCount;
            _freeCount = 0;
        }
    }
}
