namespace DeskPhone.Drivers.Input
{
    /// <summary>
    /// Debounce, long press and auto-repeat for a fixed set of key slots, shared by every scanned key source.
    /// A raw level must stay unchanged for DebounceMs before it counts. A slot needs times only while its key is down
    /// or bouncing, so the times live in a small pool of timers that a slot holds from its first edge until it is
    /// released again; the pool grows only the first time more keys are busy at once than ever before, so a scan
    /// allocates nothing. Times are kept as the low 32 bits of nowMs and compared by wrapping difference, which is
    /// right while a difference stays under 24 days: each is read only shortly after it was set (debounce, long
    /// press) or is moved on every repeat.
    /// <para>
    /// Heap (nanoCLR: 12 B a field, 20 B an array header): a slot is one ushort (its flags and its timer), the timers
    /// are one int[] of four values each, made by the first edge; a board whose keys were never touched keeps no
    /// timer (docs/benchmarks.md, "Drivers, SIP trace"). A slot's key code is in the same ushort, above its flags and
    /// timer: one ushort a key (the keypad's 36 keys: 96 B instead of 264 B with an int[] of codes beside them, 168 B with
    /// the codes after the slots; docs/benchmarks.md, h-uirest). So key codes are 0-255 and at most
    /// <see cref="MaxTimers"/> keys are busy at once: an edge of one more waits for a timer (it is read at a later
    /// update, as a scan that missed it would read it).
    /// </para>
    /// </summary>
    public sealed class KeyTracker
    {
        private const int Raw = 1;
        private const int Stable = 2;
        private const int LongSent = 4;
        private const int FlagBits = 3;
        private const int FlagMask = 7;
        private const int TimerMask = 31;
        private const int CodeShift = 8;
        private const int FirstTimers = 4;
        /// <summary>Keys busy (down, bouncing or releasing) at once with their own times.</summary>
        public const int MaxTimers = TimerMask;

        // A timer's four values in _timers: the slot it belongs to, then three times (low 32 bits of nowMs).
        private const int Owner = 0;
        private const int RawSince = 1;
        private const int NextRepeat = 2;
        private const int PressedAt = 3;
        private const int TimerInts = 4;

        private readonly KeyTiming _timing;

        // Slot i: the flags (low FlagBits bits), 1 + the slot's timer above them (5 bits, 0: no timer) and its key code
        // from CodeShift.
        private readonly ushort[] _slots;
        private int[] _timers;
        private int _busy;

        public event KeyEventHandler KeyEvent;

        public KeyTracker(int[] keyCodes, KeyTiming timing)
        {
            _timing = timing ?? new KeyTiming();
            int n = keyCodes.Length;
            _slots = new ushort[n];
            for (int i = 0; i < n; i++)
            {
                if (keyCodes[i] < 0 || keyCodes[i] > 255)
                {
                    throw new System.ArgumentException("key codes are 0-255");
                }
                _slots[i] = (ushort)(keyCodes[i] << CodeShift);
            }
        }

        public int Count
        {
            get { return _slots.Length; }
        }

        /// <summary>
        /// No key is down, bouncing or releasing (every slot settled up, no timer in use): an <see cref="Update"/> with
        /// the key up changes nothing, so a scan that reads every key up may skip the updates.
        /// </summary>
        public bool Idle
        {
            get { return _busy == 0; }
        }

        /// <summary>Last raw level seen for a slot (used by the matrix to hold keys it cannot read reliably).</summary>
        public bool RawPressed(int slot)
        {
            return (_slots[slot] & Raw) != 0;
        }

        /// <summary>Debounced state of a slot.</summary>
        public bool IsPressed(int slot)
        {
            return (_slots[slot] & Stable) != 0;
        }

        /// <summary>True when the debounced state of the key with this code is pressed.</summary>
        public bool IsKeyDown(int keyCode)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] >> CodeShift == keyCode && (_slots[i] & Stable) != 0)
                {
                    return true;
                }
            }
            return false;
        }

        public void Update(int slot, bool rawPressed, long nowMs)
        {
            int now = (int)nowMs;
            int flags = _slots[slot] & FlagMask;
            if (rawPressed != ((flags & Raw) != 0))
            {
                if ((_slots[slot] >> FlagBits & TimerMask) == 0 && _busy == MaxTimers)
                {
                    // Every timer in use: the edge is read at a later update, when one is free.
                    return;
                }
                flags ^= Raw;
                SetFlags(slot, flags);
                int edgeTimer = TimerOf(slot); // before reading _timers: taking a timer may make or grow them
                _timers[edgeTimer + RawSince] = now;
            }
            bool raw = (flags & Raw) != 0;
            bool stable = (flags & Stable) != 0;
            if (!raw && !stable)
            {
                // Settled up (or a bounce that never counted): the slot needs no times.
                FreeTimer(slot);
                return;
            }
            int[] timers = _timers;
            int timer = ((_slots[slot] >> FlagBits & TimerMask) - 1) * TimerInts;
            int code = _slots[slot] >> CodeShift;
            if (raw != stable && now - timers[timer + RawSince] >= _timing.DebounceMs)
            {
                if (raw)
                {
                    SetFlags(slot, (flags | Stable) & ~LongSent);
                    timers[timer + PressedAt] = timers[timer + RawSince];
                    timers[timer + NextRepeat] = timers[timer + RawSince] + _timing.RepeatDelayMs;
                    Raise(code, KeyAction.Press);
                }
                else
                {
                    SetFlags(slot, flags & ~Stable);
                    FreeTimer(slot);
                    Raise(code, KeyAction.Release);
                }
                return;
            }
            if (!stable || code == KeyCode.None)
            {
                return;
            }
            if ((flags & LongSent) == 0 && now - timers[timer + PressedAt] >= _timing.LongPressMs)
            {
                SetFlags(slot, flags | LongSent);
                Raise(code, KeyAction.LongPress);
            }
            if (KeyTiming.Repeats(code) && now - timers[timer + NextRepeat] >= 0)
            {
                Raise(code, KeyAction.Repeat);
                // Catch up without a burst when scans were late: next repeat is always in the future.
                do
                {
                    timers[timer + NextRepeat] += _timing.RepeatIntervalMs;
                }
                while (now - timers[timer + NextRepeat] >= 0);
            }
        }

        private void SetFlags(int slot, int flags)
        {
            _slots[slot] = (ushort)((_slots[slot] & ~FlagMask) | flags);
        }

        /// <summary>Where the slot's timer starts in _timers, taking a free one (making or growing them when none is left).</summary>
        private int TimerOf(int slot)
        {
            int held = _slots[slot] >> FlagBits & TimerMask;
            if (held != 0)
            {
                return (held - 1) * TimerInts;
            }
            if (_timers == null)
            {
                _timers = new int[FirstTimers * TimerInts];
            }
            else if (_busy * TimerInts == _timers.Length)
            {
                int[] grown = new int[_timers.Length * 2];
                System.Array.Copy(_timers, grown, _timers.Length);
                _timers = grown;
            }
            int timer = _busy++;
            _timers[timer * TimerInts + Owner] = slot;
            _slots[slot] = (ushort)((_slots[slot] & ~(TimerMask << FlagBits)) | ((timer + 1) << FlagBits));
            return timer * TimerInts;
        }

        /// <summary>Gives the slot's timer back; the last timer in use takes its place.</summary>
        private void FreeTimer(int slot)
        {
            int timer = (_slots[slot] >> FlagBits & TimerMask) - 1;
            if (timer < 0)
            {
                return;
            }
            _slots[slot] = (ushort)(_slots[slot] & ~(TimerMask << FlagBits));
            int last = --_busy;
            if (timer != last)
            {
                int from = last * TimerInts;
                int to = timer * TimerInts;
                int moved = _timers[from + Owner];
                System.Array.Copy(_timers, from, _timers, to, TimerInts);
                _slots[moved] = (ushort)((_slots[moved] & ~(TimerMask << FlagBits)) | ((timer + 1) << FlagBits));
            }
        }

        private void Raise(int code, KeyAction action)
        {
            if (code == KeyCode.None)
            {
                return;
            }
            KeyEventHandler handler = KeyEvent;
            if (handler != null)
            {
                handler(code, action);
            }
        }
    }
}
