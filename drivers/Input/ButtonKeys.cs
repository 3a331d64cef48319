using System;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Input
{
    /// <summary>Keys wired to their own input pin (the reference board's three buttons, a hook switch).</summary>
    public sealed class ButtonKeys
    {
        private readonly IDigitalInput[] _pins;
        private readonly bool _activeLow;
        private readonly KeyTracker _tracker;

        public ButtonKeys(IDigitalInput[] pins, int[] keyCodes, KeyTiming timing, bool activeLow)
        {
            if (pins == null || keyCodes == null || pins.Length != keyCodes.Length)
            {
                throw new ArgumentException("one key code per pin");
            }
            _pins = pins;
            _activeLow = activeLow;
            _tracker = new KeyTracker(keyCodes, timing);
        }

        public event KeyEventHandler KeyEvent
        {
            add { _tracker.KeyEvent += value; }
            remove { _tracker.KeyEvent -= value; }
        }

        public bool IsKeyDown(int keyCode)
        {
            return _tracker.IsKeyDown(keyCode);
        }

        /// <summary>Samples every pin; call every 5-10 ms. Allocation-free.</summary>
        public void Scan(long nowMs)
        {
            for (int i = 0; i < _pins.Length; i++)
            {
                _tracker.Update(i, _pins[i].Read() != _activeLow, nowMs);
            }
        }
    }
}
