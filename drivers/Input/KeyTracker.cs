namespace DeskPhone.Drivers.Input
{
    /// <summary>
    /// Debounce, long press and auto-repeat for a fixed set of key slots, shared by every scanned key source.
    /// A raw level must stay unchanged for DebounceMs before it counts; all state is preallocated so a scan
    /// allocates nothing.
    /// </summary>
    public sealed class KeyTracker
    {
        private readonly int[] _codes;
        private readonly KeyTiming _timing;
        private readonly bool[] _raw;
        private readonly long[] _rawSince;
        private readonly bool[] _stable;
        private readonly bool[] _longSent;
        private readonly long[] _nextRepeat;
        private readonly long[] _pressedAt;

        public event KeyEventHandler KeyEvent;

        public KeyTracker(int[] keyCodes, KeyTiming timing)
        {
            _codes = keyCodes;
            _timing = timing ?? new KeyTiming();
            int n = keyCodes.Length;
            _raw = new bool[n];
            _rawSince = new long[n];
            _stable = new bool[n];
            _longSent = new bool[n];
            _nextRepeat = new long[n];
            _pressedAt = new long[n];
        }

        public int Count
        {
            get { return _codes.Length; }
        }

        /// <summary>Last raw level seen for a slot (used by the matrix to hold keys it cannot read reliably).</summary>
        public bool RawPressed(int slot)
        {
            return _raw[slot];
        }

        /// <summary>Debounced state of a slot.</summary>
        public bool IsPressed(int slot)
        {
            return _stable[slot];
        }

        /// <summary>True when the debounced state of the key with this code is pressed.</summary>
        public bool IsKeyDown(int keyCode)
        {
            for (int i = 0; i < _codes.Length; i++)
            {
                if (_codes[i] == keyCode && _stable[i])
                {
                    return true;
                }
            }
            return false;
        }

        public void Update(int slot, bool rawPressed, long nowMs)
        {
            if (rawPressed != _raw[slot])
            {
                _raw[slot] = rawPressed;
                _rawSince[slot] = nowMs;
            }
            int code = _codes[slot];
            if (_raw[slot] != _stable[slot] && nowMs - _rawSince[slot] >= _timing.DebounceMs)
            {
                _stable[slot] = _raw[slot];
                if (_stable[slot])
                {
                    _pressedAt[slot] = _rawSince[slot];
                    _longSent[slot] = false;
                    _nextRepeat[slot] = _rawSince[slot] + _timing.RepeatDelayMs;
                    Raise(code, KeyAction.Press);
                }
                else
                {
                    Raise(code, KeyAction.Release);
                }
                return;
            }
            if (!_stable[slot] || code == KeyCode.None)
            {
                return;
            }
            if (!_longSent[slot] && nowMs - _pressedAt[slot] >= _timing.LongPressMs)
            {
                _longSent[slot] = true;
                Raise(code, KeyAction.LongPress);
            }
            if (KeyTiming.Repeats(code) && nowMs >= _nextRepeat[slot])
            {
                Raise(code, KeyAction.Repeat);
                // Catch up without a burst when scans were late: next repeat is always in the future.
                do
                {
                    _nextRepeat[slot] += _timing.RepeatIntervalMs;
                }
                while (_nextRepeat[slot] <= nowMs);
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
