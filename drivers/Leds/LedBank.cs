using System;

namespace DeskPhone.Drivers.Leds
{
    /// <summary>
    /// Every LED of the phone driven from (colour, pattern) pairs by one timer: Tick computes the lit state of
    /// each LED from the shared phase clock (<see cref="LedBlink"/>) and sends only the changes to the sink.
    /// Exposes the logical and the physical state of each LED for the bench.
    /// </summary>
    public sealed class LedBank
    {
        private readonly ILedSink _sink;
        private readonly LedColor[] _color;
        private readonly LedPattern[] _pattern;
        private readonly LedColor[] _shown;
        private bool _first = true;

        // Set since the last Tick, and whether the last full pass saw a blinking pattern: with neither, no LED can have
        // changed and Tick returns at once (an idle loop turn would otherwise decide every LED: 72 on the reference board).
        private bool _dirty;
        private bool _blinking;

        public LedBank(int count, ILedSink sink)
        {
            if (count <= 0 || sink == null)
            {
                throw new ArgumentException("need a sink and at least one LED");
            }
            _sink = sink;
            _color = new LedColor[count];
            _pattern = new LedPattern[count];
            _shown = new LedColor[count];
        }

        public int Count
        {
            get { return _color.Length; }
        }

        /// <summary>Sets the logical state; the physical state follows on the next Tick. Out-of-range indexes are ignored.</summary>
        public void Set(int index, LedColor color, LedPattern pattern)
        {
            if (index < 0 || index >= _color.Length)
            {
                return;
            }
            _color[index] = color;
            _pattern[index] = color == LedColor.Off ? LedPattern.Off : pattern;
            _dirty = true;
        }

        public LedColor ColorOf(int index)
        {
            return _color[index];
        }

        public LedPattern PatternOf(int index)
        {
            return _pattern[index];
        }

        /// <summary>Physical state after the last Tick.</summary>
        public bool IsLit(int index)
        {
            return _shown[index] != LedColor.Off;
        }

        /// <summary>Physical colour after the last Tick (Off when dark).</summary>
        public LedColor ShownColor(int index)
        {
            return _shown[index];
        }

        /// <summary>Recomputes every LED at nowMs (the phase clock); call at least every 50 ms. Allocation-free.</summary>
        public void Tick(long nowMs)
        {
            if (!_dirty && !_blinking && !_first)
            {
                return;
            }
            _dirty = false;
            bool changed = false;
            bool blinking = false;
            for (int i = 0; i < _color.Length; i++)
            {
                LedPattern pattern = _pattern[i];
                if (pattern != LedPattern.Off && pattern != LedPattern.On)
                {
                    blinking = true;
                }
                LedColor target = LedBlink.IsLit(pattern, nowMs) ? _color[i] : LedColor.Off;
                if (target != _shown[i] || _first)
                {
                    _shown[i] = target;
                    _sink.Show(i, target);
                    changed = true;
                }
            }
            _first = false;
            _blinking = blinking;
            if (changed)
            {
                _sink.Commit();
            }
        }
    }
}
