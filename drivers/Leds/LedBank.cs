using System;

namespace DeskPhone.Drivers.Leds
{
    /// <summary>
    /// Every LED of the phone driven from (colour, pattern) pairs by one timer: Tick computes the lit state of
    /// each LED from the shared phase clock (<see cref="LedBlink"/>) and sends only the changes to the sink.
    /// Exposes the logical and the physical state of each LED for the bench. The three states of every LED (colour,
    /// pattern, colour shown) are one byte array: one array header and field instead of three (nanoCLR: 20 B an
    /// array, 12 B a field).
    /// </summary>
    public sealed class LedBank
    {
        private readonly ILedSink _sink;
        private readonly int _count;

        // LED i: its colour at i, its pattern at _count + i, the colour shown at 2 * _count + i.
        private readonly byte[] _state;
        private bool _first = true;

        // Set since the last Tick, and whether the last full pass saw a blinking pattern: with neither, no LED can have
        // changed and Tick returns at once (an idle loop turn would otherwise decide every LED: 72 on the reference board).
        private bool _dirty;
        private bool _blinking;
        // The last commit found no heap for the sink's frame (the LED strip's RMT items, about 1.8 KB at once): sent
        // again at the next tick, after nanoCLR compacted the heap (it throws first and compacts at its next safe point).
        private bool _unsent;

        public LedBank(int count, ILedSink sink)
        {
            if (count <= 0 || sink == null)
            {
                throw new ArgumentException("need a sink and at least one LED");
            }
            _sink = sink;
            _count = count;
            _state = new byte[3 * count];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Sets the logical state; the physical state follows on the next Tick. Out-of-range indexes are ignored.</summary>
        public void Set(int index, LedColor color, LedPattern pattern)
        {
            if (index < 0 || index >= _count)
            {
                return;
            }
            _state[index] = (byte)color;
            _state[_count + index] = (byte)(color == LedColor.Off ? LedPattern.Off : pattern);
            _dirty = true;
        }

        public LedColor ColorOf(int index)
        {
            return (LedColor)_state[index];
        }

        public LedPattern PatternOf(int index)
        {
            return (LedPattern)_state[_count + index];
        }

        /// <summary>Physical state after the last Tick.</summary>
        public bool IsLit(int index)
        {
            return _state[2 * _count + index] != (byte)LedColor.Off;
        }

        /// <summary>Physical colour after the last Tick (Off when dark).</summary>
        public LedColor ShownColor(int index)
        {
            return (LedColor)_state[2 * _count + index];
        }

        /// <summary>Recomputes every LED at nowMs (the phase clock); call at least every 50 ms. Allocates nothing itself (the sink's commit may: a commit without heap is retried next tick).</summary>
        public void Tick(long nowMs)
        {
            if (!_dirty && !_blinking && !_first && !_unsent)
            {
                return;
            }
            _dirty = false;
            bool changed = false;
            bool blinking = false;
            int shown = 2 * _count;
            for (int i = 0; i < _count; i++, shown++)
            {
                LedPattern pattern = (LedPattern)_state[_count + i];
                if (pattern != LedPattern.Off && pattern != LedPattern.On)
                {
                    blinking = true;
                }
                LedColor target = LedBlink.IsLit(pattern, nowMs) ? (LedColor)_state[i] : LedColor.Off;
                if (target != (LedColor)_state[shown] || _first)
                {
                    _state[shown] = (byte)target;
                    _sink.Show(i, target);
                    changed = true;
                }
            }
            _first = false;
            _blinking = blinking;
            if (changed || _unsent)
            {
                try
                {
                    _sink.Commit();
                    _unsent = false;
                }
                catch (System.OutOfMemoryException)
                {
                    _unsent = true;
                }
            }
        }
    }
}
