namespace DeskPhone.Drivers.Input
{
    /// <summary>
    /// Debounce, long press and auto-repeat for a fixed set of key slots, shared by every scanned key source.
    /// A raw level must stay unchanged for DebounceMs before it counts; all state is preallocated so a scan
    /// allocates nothing. Times are kept as the low 32 bits of nowMs and compared by wrapping difference, which is
    /// right while a difference stays under 24 days: each is read only shortly after it was set (debounce, long
    /// press) or is moved on every repeat.
    /// </summary>
    public sealed class KeyTracker
    {
        private readonly int[] _codes;
        private readonly KeyTiming _timing;
        private const byte Raw = 1;
        private const byte Stable = 2;
        private const byte LongSent = 4;

        private readonly byte[] _flags;
        private readonly int[] _rawSince;
        private readonly int[] _nextRepeat;
        private readonly int[] _pressedAt;

        public event KeyEventHandler KeyEvent;

        public KeyTracker(int[] keyCodes, KeyTiming timing)
        {
            _codes = keyCodes;
            _timing = timing ?? new KeyTiming();
            int n = keyCodes.Length;
            _flags = new byte[n];
            _rawSince = new int[n];
            _nextRepeat = new int[n];
            _pressedAt = new int[n];
        }

        public int Count
        {
            get { return _codes.Length; }
        }

        /// <summary>Last raw level seen for a slot (used by the matrix to hold keys it cannot read reliably).</summary>
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
                _rawSince[slot] = now;
            }
            bool raw = (flags & Raw) != 0;
            bool stable = (flags & Stable) != 0;
            int code = _codes[slot];
            if (raw != stable && now - _rawSince[slot] >= _timing.DebounceMs)
            {
                if (raw)
                {
                    _flags[slot] = (byte)((flags | Stable) & ~LongSent);
                    _pressedAt[slot] = _rawSince[slot];
                    _nextRepeat[slot] = _rawSince[slot] + _timing.RepeatDelayMs;
                    Raise(code, KeyAction.Press);
                }
                else
                {
                    _flags[slot] = (byte)(flags & ~Stable);
                    Raise(code, KeyAction.Release);
                }
                return;
            }
            if (!stable || code == KeyCode.None)
            {
                return;
            }
            if ((flags & LongSent) == 0 && now - _pressedAt[slot] >= _timing.LongPressMs)
            {
                _flags[slot] = (byte)(flags | LongSent);
                Raise(code, KeyAction.LongPress);
            }
            if (KeyTiming.Repeats(code) && now - _nextRepeat[slot] >= 0)
            {
                Raise(code, KeyAction.Repeat);
                // Catch up without a burst when scans were late: next repeat is always in the future.
                do
                {
                    _nextRepeat[slot] += _timing.RepeatIntervalMs;
                }
                while (now - _nextRepeat[slot] >= 0);
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
