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
    // Its state and counters are values of one int[] with the slots' lengths (h-media): the counters are read through
    // accessors (the figures, the tests), nothing on the per-frame path calls one.
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

        // The ring's state and counters, then each slot's payload length (slot i at Fixed + i): one int[], 4 B a value,
        // where ten fields and an int[] of the lengths were 12 B a field and a second array header (84 B of every call
        // and page, h-media). A slot's length is 0 when empty (Put refuses empty payloads) and minus the length once
        // played (the payload stays for a concealment of the next frame until a packet takes the slot again).
        // Head: the slot of the next frame due (Next, its sequence number): the ring runs from there, distance d at
        // (head + d) mod the slots. Played: the slot of the last played frame. Count: the frames waiting.
        private const int HeadAt = 0;
        private const int StateAt = 1;
        private const int SsrcAt = 2;
        private const int NextAt = 3;
        private const int CountAt = 4;
        private const int PlayedAt = 5;
        // The counters the phone reports (the bench's media and paging figures: late, concealed, refused) and the lost
        // frames its tests follow. Duplicates, underruns, frames dropped and restarts were counted too, read by nothing
        // on the device (h-callrest3); what they counted shows in what plays.
        private const int LateAt = 6;
        private const int LostAt = 7;
        private const int ConcealedAt = 8;
        private const int RefusedAt = 9;
        private const int Fixed = 10;
        private int[] _v = new int[Fixed + InitialSlots];

        // The state: Started (a stream is taken), Fresh (nothing played since the start), Filling (waiting for the depth
        // before playing), one bit each; beside them what the last Pop gave (Played, Conceal, Silence) and the frames
        // waited since the last played one, which counts up to MaxDepth + 1 and stays there (more is the same pause).
        // Above them the adaptation's figures: the depth (MinDepth..MaxDepth), the frames in a row with more than
        // depth + 2 waiting (up to TrimAfterFrames) and the frames since the last underrun (up to ShrinkAfterFrames,
        // where it stays; bit 31 stays clear, so the last needs no mask).
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

        public JitterBuffer()
        {
            Reset();
        }

        /// <summary>Frames held before playing starts again after an underrun.</summary>
        public int Depth => (_v[StateAt] >> DepthShift) & 0xF;

        /// <summary>Frames waiting now.</summary>
        public int Count => _v[CountAt];

        /// <summary>Packets that came after their frame was played or given up.</summary>
        public int Late => _v[LateAt];

        /// <summary>Frames whose packet never came in time (each one concealed or played as silence).</summary>
        public int Lost => _v[LostAt];

        /// <summary>Frames concealed (the last one again).</summary>
        public int Concealed => _v[ConcealedAt];

        /// <summary>Empty or oversized payloads refused.</summary>
        public int Refused => _v[RefusedAt];

        /// <summary>Forgets everything: a new call (the counters start at zero).</summary>
        public void Reset()
        {
            Clear();
            int[] v = _v;
            v[StateAt] = (v[StateAt] & ~(StartedBit | DepthMask | OverMask | SinceMask)) | InitialDepth << DepthShift;
            v[LateAt] = 0;
            v[LostAt] = 0;
            v[ConcealedAt] = 0;
            v[RefusedAt] = 0;
        }

        /// <summary>Drops what waits and starts over at the next packet, keeping the counters (the call resumed).</summary>
        public void Restart()
        {
            Clear();
            _v[StateAt] &= ~StartedBit;
        }

        /// <summary>Takes one packet's payload; false when it is dropped (late, duplicate, refused).</summary>
        public bool Put(uint ssrc, int sequence, byte[] data, int offset, int length)
        {
            int[] v = _v;
            if (length <= 0 || length > MaxPayload)
            {
                v[RefusedAt]++;
                return false;
            }
            if ((v[StateAt] & StartedBit) == 0 || (int)ssrc != v[SsrcAt])
            {
                Resync(ssrc, sequence);
            }
            int d = Distance(sequence);
            if (d < -ResyncGap || d > ResyncGap)
            {
                Resync(ssrc, sequence);
                d = 0;
            }
            else if (d < 0 && (v[StateAt] & FreshBit) != 0 && Room(-d + Span() + 1))
            {
                // Nothing played since the start yet: an earlier packet that overtook this one moves the start back
                // (Room may have grown the ring: its new array).
                v = _v;
                v[NextAt] = sequence;
                v[HeadAt] = Slot(v.Length - Fixed + d);
                d = 0;
            }
            else if (d < 0)
            {
                v[LateAt]++;
                return false;
            }
            else if (d + 2 > v.Length - Fixed && !Room(d + 2) && d >= _v.Length - Fixed)
            {
                // Ahead of what the most slots hold: skip the oldest frames to make room (they are lost or dropped).
                Skip(d - (_v.Length - Fixed) + 1);
                d = _v.Length - Fixed - 1;
            }
            // Room may have grown the ring. The slot computed here, not by Slot(): a managed call per packet costs the
            // interpreter more than the sum.
            v = _v;
            int slots = v.Length - Fixed;
            int slot = v[HeadAt] + d;
            if (slot >= slots)
            {
                slot -= slots;
            }
            if (v[Fixed + slot] > 0)
            {
                // A duplicate.
                return false;
            }
            System.Array.Copy(data, offset, _payload, slot * MaxPayload, length);
            v[Fixed + slot] = length;
            v[CountAt]++;
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
            int[] v = _v;
            int state = v[StateAt];
            if ((state & StartedBit) == 0)
            {
                return Silence;
            }
            if ((state & FillingBit) != 0)
            {
                if (v[CountAt] < ((state >> DepthShift) & 0xF))
                {
                    return Silence;
                }
                state &= ~FillingBit;
                v[StateAt] = state;
            }
            int slot = v[HeadAt];
            int waiting = v[Fixed + slot];
            if (waiting > 0)
            {
                int starved = (state >> StarvedShift) & 0xF;
                if (starved > 0 && starved <= MaxDepth)
                {
                    // The packet waited for came: the wait is the jitter measured, and the delay it added (the frames
                    // that came with it wait now) is kept as the depth, so the trim below does not take it back and
                    // the same wait again plays through.
                    int depth = ((state >> DepthShift) & 0xF) + starved;
                    state = (state & ~DepthMask) | (depth < MaxDepth ? depth : MaxDepth) << DepthShift;
                }
                length = waiting;
                offset = slot * MaxPayload;
                v[Fixed + slot] = -waiting;
                v[PlayedAt] = slot;
                v[CountAt]--;
                // Advance() written out: this is every frame's path, and a managed call costs the interpreter more.
                v[NextAt] = (v[NextAt] + 1) & 0xFFFF;
                v[HeadAt] = slot + 1 == v.Length - Fixed ? 0 : slot + 1;
                // Not fresh, nothing waited for, the last Pop played (Played is 0): one write.
                v[StateAt] = state & ~(FreshBit | StarvedMask | LastMask);
                Adapt();
                return Played;
            }
            if (v[CountAt] == 0)
            {
                // The next packet is late: conceal, then wait for it (each frame waited adds 20 ms of delay, which the
                // depth grows by when it comes); a longer wait is a pause in the stream, after which the buffer fills again.
                if ((state & LastMask) == Played << LastShift)
                {
                    // An underrun.
                    state &= ~(StarvedMask | SinceMask);
                }
                int starved = (state >> StarvedShift) & 0xF;
                if (starved <= MaxDepth)
                {
                    starved++;
                    state = (state & ~StarvedMask) | (starved << StarvedShift);
                }
                if (starved > MaxDepth)
                {
                    state |= FillingBit;
                }
                v[StateAt] = state;
                return Next(out offset, out length);
            }
            // A later packet is here but this one is not: it is lost.
            Advance();
            v[LostAt]++;
            return Next(out offset, out length);
        }

        // Conceal right after a played frame, with its payload (Silence if a packet a ring's length on took its slot since).
        private int Next(out int offset, out int length)
        {
            int[] v = _v;
            int played = v[PlayedAt];
            int state = v[StateAt];
            length = -v[Fixed + played];
            offset = played * MaxPayload;
            if ((state & LastMask) == Played << LastShift && length > 0)
            {
                v[ConcealedAt]++;
                v[StateAt] = (state & ~LastMask) | (Conceal << LastShift);
                return Conceal;
            }
            offset = 0;
            length = 0;
            v[StateAt] = (state & ~LastMask) | (Silence << LastShift);
            return Silence;
        }

        private void Adapt()
        {
            int[] v = _v;
            int state = v[StateAt];
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
            int over = v[CountAt] > depth + 2 ? ((state >> OverShift) & 0x3F) + 1 : 0;
            bool trim = over >= TrimAfterFrames;
            if (trim)
            {
                over = 0;
            }
            v[StateAt] = (state & ~(DepthMask | OverMask | SinceMask)) | depth << DepthShift | over << OverShift | since << SinceShift;
            if (trim)
            {
                Skip(1);
            }
        }

        private void Skip(int frames)
        {
            int[] v = _v;
            for (int i = 0; i < frames; i++)
            {
                int at = Fixed + v[HeadAt];
                if (v[at] > 0)
                {
                    // Dropped to shorten the delay, or skipped for a packet too far ahead.
                    v[at] = 0;
                    v[CountAt]--;
                }
                else
                {
                    v[LostAt]++;
                }
                Advance();
            }
        }

        // The next frame is due: the sequence and the ring's head move on.
        private void Advance()
        {
            int[] v = _v;
            v[NextAt] = (v[NextAt] + 1) & 0xFFFF;
            int head = v[HeadAt] + 1;
            v[HeadAt] = head == v.Length - Fixed ? 0 : head;
        }

        /// <summary>The slot <paramref name="distance"/> frames after the next one due (0 .. twice the slots - 1).</summary>
        private int Slot(int distance)
        {
            int slot = _v[HeadAt] + distance;
            int n = _v.Length - Fixed;
            return slot >= n ? slot - n : slot;
        }

        /// <summary>
        /// Whether the ring has <paramref name="slots"/> slots, grown to them (at most <see cref="Slots"/>) when it has
        /// fewer. The waiting frames keep their distance from the head, the last played one goes to the new last slot;
        /// without heap for the new arrays the ring stays as it is (what does not fit is skipped, as at the most slots).
        /// </summary>
        private bool Room(int slots)
        {
            int[] v = _v;
            int n = v.Length - Fixed;
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
            int[] grown;
            try
            {
                payload = new byte[size * MaxPayload];
                grown = new int[Fixed + size];
            }
            catch (System.OutOfMemoryException)
            {
                return false;
            }
            // The state and counters as they are; the head and the played slot are set below.
            System.Array.Copy(v, grown, Fixed);
            for (int d = 0; d < n; d++)
            {
                int from = Slot(d);
                int length = v[Fixed + from];
                if (length > 0)
                {
                    System.Array.Copy(_payload, from * MaxPayload, payload, d * MaxPayload, length);
                    grown[Fixed + d] = length;
                }
            }
            int played = v[PlayedAt];
            if (v[Fixed + played] < 0)
            {
                System.Array.Copy(_payload, played * MaxPayload, payload, (size - 1) * MaxPayload, -v[Fixed + played]);
                grown[Fixed + size - 1] = v[Fixed + played];
            }
            grown[PlayedAt] = size - 1;
            grown[HeadAt] = 0;
            _payload = payload;
            _v = grown;
            return slots <= size;
        }

        private void Resync(uint ssrc, int sequence)
        {
            Clear();
            int[] v = _v;
            v[StateAt] |= StartedBit | FreshBit;
            v[SsrcAt] = (int)ssrc;
            v[NextAt] = sequence;
        }

        /// <summary>How many slots from the next frame due to the last one waiting (0 when none waits).</summary>
        private int Span()
        {
            for (int k = _v.Length - Fixed - 1; k >= 0; k--)
            {
                if (_v[Fixed + Slot(k)] > 0)
                {
                    return k + 1;
                }
            }
            return 0;
        }

        private void Clear()
        {
            int[] v = _v;
            System.Array.Clear(v, Fixed, v.Length - Fixed);
            v[CountAt] = 0;
            v[StateAt] = (v[StateAt] & ~(StarvedMask | LastMask)) | FillingBit | (Silence << LastShift);
        }

        /// <summary>How far <paramref name="sequence"/> is after the next frame due, modulo 2^16, as -32768..32767.</summary>
        private int Distance(int sequence)
        {
            int d = (sequence - _v[NextAt]) & 0xFFFF;
            return d >= 0x8000 ? d - 0x10000 : d;
        }
    }
}
