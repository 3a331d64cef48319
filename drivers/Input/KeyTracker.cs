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
    /// </summary>
    public sealed class KeyTracker
    {
        private const byte Raw = 1;
        private const byte Stable = 2;
        private const byte LongSent = 4;
        private const int FirstTimers = 4;

        private readonly int[] _codes;
        private readonly KeyTiming _timing;
        private readonly byte[] _flags;

        // 0: no timer; else 1 + the slot's timer.
        private readonly byte[] _timerOf;
        private byte[] _owner = new byte[FirstTimers];
        private int[] _rawSince = new int[FirstTimers];
        private int[] _nextRepeat = new int[FirstTimers];
        private int[] _pressedAt = new int[FirstTimers];
        private int _timers;

        public event KeyEventHandler KeyEvent;

        public KeyTracker(int[] keyCodes, KeyTiming timing)
        {
            if (keyCodes.Length > 255)
            {
                throw new System.ArgumentException("at most 255 key slots");
            }
            _codes = keyCodes;
            _timing = timing ?? new KeyTiming();
            _flags = new byte[keyCodes.Length];
            _timerOf = new byte[keyCodes.Length];
        }

        public int Count
        {
            get { return _codes.Length; }
        }

        /// <summary>Last raw level seen for a slot (used by the matrix to hold keys it cannot read reliably).</summary>
        /// <summary>
        /// No key is down, bouncing or releasing (every slot settled up, no timer in use): an <see cref="Update"/> with
        /// the key up changes nothing, so a scan that reads every key up may skip the updates.
        /// </summary>
        public bool Idle
        {
            get { return _timers == 0; }
        }

        public bool RawPressed(int slot)
        {
            return (_flags[slot] & Raw) != 0;
        }

        /// <summary>Debounced state of a slot.</summary>
        public bool IsPressed(int slot)
        {
            return (_flags[slot] & Stable) != 0;
        }

        /// <summary>True when the debounced state of the key with this code is pressed.</summary>
        public bool IsKeyDown(int keyCode)
        {
            for (int i = 0; i < _codes.Length; i++)
            {
                if (_codes[i] == keyCode && (_flags[i] & Stable) != 0)
                {
                    return true;
                }
            }
            return false;
        }

        public void Update(int slot, bool rawPressed, long nowMs)
        {
            int now = (int)nowMs;
            int flags = _flags[slot];
            if (rawPressed != ((flags & Raw) != 0))
            {
                flags ^= Raw;
                _flags[slot] = (byte)flags;
                int edgeTimer = TimerOf(slot); // before reading _rawSince: taking a timer may grow the pool
                _rawSince[edgeTimer] = now;
            }
            bool raw = (flags & Raw) != 0;
            bool stable = (flags & Stable) != 0;
            if (!raw && !stable)
            {
                // Settled up (or a bounce that never counted): the slot needs no times.
                FreeTimer(slot);
                return;
            }
            int timer = _timerOf[slot] - 1;
            int code = _codes[slot];
            if (raw != stable && now - _rawSince[timer] >= _timing.DebounceMs)
            {
                if (raw)
                {
                    _flags[slot] = (byte)((flags | Stable) & ~LongSent);
                    _pressedAt[timer] = _rawSince[timer];
                    _nextRepeat[timer] = _rawSince[timer] + _timing.RepeatDelayMs;
                    Raise(code, KeyAction.Press);
                }
                else
                {
                    _flags[slot] = (byte)(flags & ~Stable);
                    FreeTimer(slot);
                    Raise(code, KeyAction.Release);
                }
                return;
            }
            if (!stable || code == KeyCode.None)
            {
                return;
            }
            if ((flags & LongSent) == 0 && now - _pressedAt[timer] >= _timing.LongPressMs)
            {
                _flags[slot] = (byte)(flags | LongSent);
                Raise(code, KeyAction.LongPress);
            }
            if (KeyTiming.Repeats(code) && now - _nextRepeat[timer] >= 0)
            {
                Raise(code, KeyAction.Repeat);
                // Catch up without a burst when scans were late: next repeat is always in the future.
                do
                {
                    _nextRepeat[timer] += _timing.RepeatIntervalMs;
                }
                while (now - _nextRepeat[timer] >= 0);
            }
        }

        /// <summary>The slot's timer, taking a free one (and growing the pool when none is left).</summary>
        private int TimerOf(int slot)
        {
            if (_timerOf[slot] != 0)
            {
                return _timerOf[slot] - 1;
            }
            if (_timers == _owner.Length)
            {
                int size = _timers * 2;
                _owner = (byte[])Grow(_owner, new byte[size]);
                _rawSince = (int[])Grow(_rawSince, new int[size]);
                _nextRepeat = (int[])Grow(_nextRepeat, new int[size]);
                _pressedAt = (int[])Grow(_pressedAt, new int[size]);
            }
            int timer = _timers++;
            _owner[timer] = (byte)slot;
            _timerOf[slot] = (byte)(timer + 1);
            return timer;
        }

        /// <summary>Gives the slot's timer back; the last timer in use takes its place.</summary>
        private void FreeTimer(int slot)
        {
            int timer = _timerOf[slot] - 1;
            if (timer < 0)
            {
                return;
            }
            _timerOf[slot] = 0;
            int last = --_timers;
            if (timer != last)
            {
                int moved = _owner[last];
                _owner[timer] = (byte)moved;
                _rawSince[timer] = _rawSince[last];
                _nextRepeat[timer] = _nextRepeat[last];
                _pressedAt[timer] = _pressedAt[last];
                _timerOf[moved] = (byte)(timer + 1);
            }
        }

        private static System.Array Grow(System.Array from, System.Array to)
        {
            System.Array.Copy(from, to, from.Length);
            return to;
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
