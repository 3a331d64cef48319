namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// The receive side's jitter buffer (docs/media.md, "Jitter buffer"): a ring of 20 ms payload slots from the next
    /// frame due on, <see cref="InitialSlots"/> at first and grown, up to <see cref="Slots"/>, when a packet comes further
    /// ahead than the ring holds. Packets go in as they arrive (<see cref="Put"/>); the playout clock takes one frame
    /// every 20 ms (<see cref="Pop"/>). It reorders, drops late and duplicate packets, marks a
    /// lost frame for concealment, and resynchronises on a new SSRC or a jump in sequence.
    /// <para>
    /// Depth (frames held before playing starts, and the delay kept) adapts between <see cref="MinDepth"/> and
    /// <see cref="MaxDepth"/>: after each underrun (the next packet was not there when due: one frame is concealed and
    /// playing waits for that packet, so the delay grows by the wait) it grows by the frames waited, one less after
    /// <see cref="ShrinkAfterFrames"/> frames without underrun; when more than depth + 2 frames wait for
    /// <see cref="TrimAfterFrames"/> frames in a row the oldest is dropped to take the delay back. Waiting more than
    /// <see cref="MaxDepth"/> frames is a pause of the stream: the buffer fills to its depth again before playing.
    /// </para>
    /// </summary>
    // Its plain state (the counters Late, Duplicates, Lost, ...) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class JitterBuffer
    {
        /// <summary>
        /// The most slots the ring grows to (260 ms of 20 ms frames): the deepest depth, the two frames beyond it that may
        /// wait without being trimmed, and the last played frame kept for a concealment.
        /// </summary>
        public const int Slots = MaxDepth + 3;

        /// <summary>
        /// The ring's slots at first: the first depth and the played one, 3 x 160 B. That is what a steady stream read
        /// every 20 ms needs: each turn one packet is put (at distance depth - 1 from the frame due) before one frame is
        /// played, so no more than the depth waits beside the played frame kept for a concealment. A packet further
        /// ahead (jitter, or a loop turn longer than 20 ms that reads two packets before it plays) grows the ring by
        /// what it needs, 160 B a frame, up to <see cref="Slots"/> (h-callmedia: 6 slots at first were 320 B more
        /// for every call; h-media: 4, for a first depth of 3, 160 B more).
        /// </summary>
        public const int InitialSlots = InitialDepth + 1;

        /// <summary>The largest payload taken: 20 ms of G.711 (160 octets).</summary>
        public const int MaxPayload = 160;

        public const int MinDepth = 2;

        /// <summary>
        /// Frames held before the first one plays: the least depth, 40 ms. The phone's calls go over an office LAN, a
        /// switched network whose own jitter is under a millisecond; what is late is the phone's loop (a turn longer
        /// than 20 ms), which the ring takes by growing, and a late packet's underrun deepens the buffer by what it
        /// waited. A first depth of 3 (60 ms) held 20 ms more delay and a 160 B slot more in every call until the
        /// adaptation lowered it to 2 after 10 s without an underrun anyway (h-media).
        /// </summary>
        public const int InitialDepth = MinDepth;
        public const int MaxDepth = 10;

        /// <summary>A sequence number more than this many packets away from the expected one (2 s) starts over.</summary>
        public const int ResyncGap = 100;

        public const int ShrinkAfterFrames = 500;
        public const int TrimAfterFrames = 50;

        /// <summary><see cref="Pop"/>: the frame's payload was copied out.</summary>
        public const int Played = 0;

        /// <summary>
        /// <see cref="Pop"/>: one frame is missing after a played one: repeat the last frame attenuated (its payload is
        /// still in its slot: <see cref="Pop"/> gives where, so the player keeps no decoded copy of it).
        /// </summary>
        public const int Conceal = 1;

        /// <summary><see cref="Pop"/>: nothing to play (not started, filling, or more than one frame missing).</summary>
        public const int Silence = 2;

        // One array for the slots (slot i at i x MaxPayload): 512 B less than an array per slot on nanoCLR, whose every
        // array has a 20-byte header and whose array of arrays is 12 B a reference. Sized to what waits, not to the
        // deepest buffer: 16 fixed slots were 2.5 KB a call (docs/benchmarks.md, "h-callfree").
        private byte[] _payload = new byte[InitialSlots * MaxPayload];
        // A slot's payload length while it waits, 0 when empty (Put refuses empty payloads), minus the length once played
        // (the payload stays for a concealment of the next frame until a packet takes the slot again).
        private int[] _length = new int[InitialSlots];
        // The slot of the next frame due (_next): the ring runs from there, distance d at (_head + d) mod the slots.
        private int _head;
        // Started (a stream is taken), Fresh (nothing played since the start), Filling (waiting for the depth before
        // playing): one bit each in one field (an object field costs 12 B on nanoCLR, h-callmedia); beside them what the
        // last Pop gave (Played, Conceal, Silence) and the frames waited since the last played one, which counts up to
        // MaxDepth + 1 and stays there (more is the same pause): two fields before h-callstream. Above them the
        // adaptation's figures: the depth (MinDepth..MaxDepth), the frames in a row with more than depth + 2 waiting (up
        // to TrimAfterFrames) and the frames since the last underrun (up to ShrinkAfterFrames, where it stays): three
        // fields before h-callrest3 (36 B of every call; bit 31 stays clear, so the last needs no mask).
        private const int StartedBit = 1;
        private const int FreshBit = 2;
        private const int FillingBit = 4;
        private const int LastShift = 4;
        private const int LastMask = 3 << LastShift;
        private const int StarvedShift = 8;
        private const int StarvedMask = 0xF << StarvedShift;
        private const int DepthShift = 12;
        private const int DepthMask = 0xF << DepthShift;
        private const int OverShift = 16;
        private const int OverMask = 0x3F << OverShift;
        private const int SinceShift = 22;
        private const int SinceMask = 0x3FF << SinceShift;
        private int _state;
        private uint _ssrc;
        private int _next;
        private int _count;
        private int _playedSlot;

        public JitterBuffer()
        {
            Reset();
        }

        /// <summary>Frames held before playing starts again after an underrun.</summary>
        public int Depth
        {
            get => (_state >> DepthShift) & 0xF;
            private set => _state = (_state & ~DepthMask) | value << DepthShift;
        }

        /// <summary>Frames waiting now.</summary>
        public int Count => _count;

        // The counters the phone reports (the bench's media and paging figures: late, concealed, refused) and the lost
        // frames its tests follow. Duplicates, underruns, frames dropped and restarts were counted too, read by nothing
        // on the device: 48 B of every call and page (h-callrest3); what they counted shows in what plays.
        public int Late;

        /// <summary>Frames whose packet never came in time (each one concealed or played as silence).</summary>
        public int Lost;

        public int Concealed;

        /// <summary>Empty or oversized payloads refused.</summary>
        public int Refused;

        /// <summary>Forgets everything: a new call (the counters start at zero).</summary>
        public void Reset()
        {
            Clear();
            _state = (_state & ~(StartedBit | DepthMask | OverMask | SinceMask)) | InitialDepth << DepthShift;
            Late = Lost = Concealed = Refused = 0;
        }

        /// <summary>Drops what waits and starts over at the next packet, keeping the counters (the call resumed).</summary>
        public void Restart()
        {
            Clear();
            _state &= ~StartedBit;
        }

        /// <summary>Takes one packet's payload; false when it is dropped (late, duplicate, refused).</summary>
        public bool Put(uint ssrc, int sequence, byte[] data, int offset, int length)
        {
            if (length <= 0 || length > MaxPayload)
            {
                Refused++;
                return false;
            }
            if ((_state & StartedBit) == 0 || ssrc != _ssrc)
            {
                Resync(ssrc, sequence);
            }
            int d = Distance(sequence);
            if (d < -ResyncGap || d > ResyncGap)
            {
                Resync(ssrc, sequence);
                d = 0;
            }
            else if (d < 0 && (_state & FreshBit) != 0 && Room(-d + Span() + 1))
            {
                // Nothing played since the start yet: an earlier packet that overtook this one moves the start back.
                _next = sequence;
                _head = Slot(_length.Length + d);
                d = 0;
            }
            else if (d < 0)
            {
                Late++;
                return false;
            }
            else if (d + 2 > _length.Length && !Room(d + 2) && d >= _length.Length)
            {
                // Ahead of what the most slots hold: skip the oldest frames to make room (they are lost or dropped).
                Skip(d - _length.Length + 1);
                d = _length.Length - 1;
            }
            // The slot computed here, not by Slot(): a managed call per packet costs the interpreter more than the sum.
            int slot = _head + d;
            if (slot >= _length.Length)
            {
                slot -= _length.Length;
            }
            if (_length[slot] > 0)
            {
                // A duplicate.
                return false;
            }
            System.Array.Copy(data, offset, _payload, slot * MaxPayload, length);
            _length[slot] = length;
            _count++;
            return true;
        }

        /// <summary>The slots' payloads, where <see cref="Pop"/> says the frame due is (read it before the next <see cref="Put"/>).</summary>
        public byte[] Frames => _payload;

        /// <summary>
        /// The frame due now: <see cref="Played"/> with its payload at <paramref name="offset"/> in <see cref="Frames"/>
        /// and its length in <paramref name="length"/>, <see cref="Conceal"/> with the last played frame's payload there,
        /// or <see cref="Silence"/>.
        /// </summary>
        public int Pop(out int offset, out int length)
        {
            offset = 0;
            length = 0;
            if ((_state & StartedBit) == 0)
            {
                return Silence;
            }
            if ((_state & FillingBit) != 0)
            {
                if (_count < Depth)
                {
                    return Silence;
                }
                _state &= ~FillingBit;
            }
            int slot = _head;
            if (_length[slot] > 0)
            {
                int starved = (_state >> StarvedShift) & 0xF;
                if (starved > 0 && starved <= MaxDepth)
                {
                    // The packet waited for came: the wait is the jitter measured, and the delay it added (the frames
                    // that came with it wait now) is kept as the depth, so the trim below does not take it back and
                    // the same wait again plays through.
                    Depth = Depth + starved < MaxDepth ? Depth + starved : MaxDepth;
                }
                length = _length[slot];
                offset = slot * MaxPayload;
                _length[slot] = -length;
                _playedSlot = slot;
                _count--;
                // Advance() written out: this is every frame's path, and a managed call costs the interpreter more.
                _next = (_next + 1) & 0xFFFF;
                _head = slot + 1 == _length.Length ? 0 : slot + 1;
                // Not fresh, nothing waited for, the last Pop played (Played is 0): one write.
                _state &= ~(FreshBit | StarvedMask | LastMask);
                Adapt();
                return Played;
            }
            if (_count == 0)
            {
                // The next packet is late: conceal, then wait for it (each frame waited adds 20 ms of delay, which the
                // depth grows by when it comes); a longer wait is a pause in the stream, after which the buffer fills again.
                if ((_state & LastMask) == Played << LastShift)
                {
                    // An underrun.
                    _state &= ~(StarvedMask | SinceMask);
                }
                int starved = (_state >> StarvedShift) & 0xF;
                if (starved <= MaxDepth)
                {
                    starved++;
                    _state = (_state & ~StarvedMask) | (starved << StarvedShift);
                }
                if (starved > MaxDepth)
                {
                    _state |= FillingBit;
                }
                return Next(out offset, out length);
            }
            // A later packet is here but this one is not: it is lost.
            Advance();
            Lost++;
            return Next(out offset, out length);
        }

        // Conceal right after a played frame, with its payload (Silence if a packet a ring's length on took its slot since).
        private int Next(out int offset, out int length)
        {
            length = -_length[_playedSlot];
            offset = _playedSlot * MaxPayload;
            if ((_state & LastMask) == Played << LastShift && length > 0)
            {
                Concealed++;
                _state = (_state & ~LastMask) | (Conceal << LastShift);
                return Conceal;
            }
            offset = 0;
            length = 0;
            _state = (_state & ~LastMask) | (Silence << LastShift);
            return Silence;
        }

        private void Adapt()
        {
            int state = _state;
            int since = (state >> SinceShift) + 1;
            int depth = (state >> DepthShift) & 0xF;
            if (since >= ShrinkAfterFrames)
            {
                if (depth > MinDepth)
                {
                    depth--;
                    since = 0;
                }
                else
                {
                    since = ShrinkAfterFrames;
                }
            }
            int over = _count > depth + 2 ? ((state >> OverShift) & 0x3F) + 1 : 0;
            bool trim = over >= TrimAfterFrames;
            if (trim)
            {
                over = 0;
            }
            _state = (state & ~(DepthMask | OverMask | SinceMask)) | depth << DepthShift | over << OverShift | since << SinceShift;
            if (trim)
            {
                Skip(1);
            }
        }

        private void Skip(int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                int slot = _head;
                if (_length[slot] > 0)
                {
                    // Dropped to shorten the delay, or skipped for a packet too far ahead.
                    _length[slot] = 0;
                    _count--;
                }
                else
                {
                    Lost++;
                }
                Advance();
            }
        }

        // The next frame is due: the sequence and the ring's head move on.
        private void Advance()
        {
            _next = (_next + 1) & 0xFFFF;
            _head = Slot(1);
        }

        /// <summary>The slot <paramref name="distance"/> frames after the next one due (0 .. twice the slots - 1).</summary>
        private int Slot(int distance)
        {
            int slot = _head + distance;
            int n = _length.Length;
            return slot >= n ? slot - n : slot;
        }

        /// <summary>
        /// Whether the ring has <paramref name="slots"/> slots, grown to them (at most <see cref="Slots"/>) when it has
        /// fewer. The waiting frames keep their distance from the head, the last played one goes to the new last slot;
        /// without heap for the new arrays the ring stays as it is (what does not fit is skipped, as at the most slots).
        /// </summary>
        private bool Room(int slots)
        {
            int n = _length.Length;
            if (slots <= n)
            {
                return true;
            }
            int size = slots < Slots ? slots : Slots;
            if (size <= n)
            {
                return false;
            }
            byte[] payload;
            int[] length;
            try
            {
                payload = new byte[size * MaxPayload];
                length = new int[size];
            }
            catch (System.OutOfMemoryException)
            {
                return false;
            }
            for (int d = 0; d < n; d++)
            {
                int from = Slot(d);
                if (_length[from] > 0)
                {
                    System.Array.Copy(_payload, from * MaxPayload, payload, d * MaxPayload, _length[from]);
                    length[d] = _length[from];
                }
            }
            if (_length[_playedSlot] < 0)
            {
                System.Array.Copy(_payload, _playedSlot * MaxPayload, payload, (size - 1) * MaxPayload, -_length[_playedSlot]);
                length[size - 1] = _length[_playedSlot];
            }
            _playedSlot = size - 1;
            _head = 0;
            _payload = payload;
            _length = length;
            return slots <= size;
        }

        private void Resync(uint ssrc, int sequence)
        {
            Clear();
            _state |= StartedBit | FreshBit;
            _ssrc = ssrc;
            _next = sequence;
        }

        /// <summary>How many slots from the next frame due to the last one waiting (0 when none waits).</summary>
        private int Span()
        {
            for (int k = _length.Length - 1; k >= 0; k--)
            {
                if (_length[Slot(k)] > 0)
                {
                    return k + 1;
                }
            }
            return 0;
        }

        private void Clear()
        {
            for (int i = 0; i < _length.Length; i++)
            {
                _length[i] = 0;
            }
            _count = 0;
            _state = (_state & ~(StarvedMask | LastMask)) | FillingBit | (Silence << LastShift);
        }

        /// <summary>How far <paramref name="sequence"/> is after the next frame due, modulo 2^16, as -32768..32767.</summary>
        private int Distance(int sequence)
        {
            int d = (sequence - _next) & 0xFFFF;
            return d >= 0x8000 ? d - 0x10000 : d;
        }
    }
}
