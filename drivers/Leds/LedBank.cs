using System;

namespace DeskPhone.Drivers.Leds
{
    /// <summary>
    /// Every LED of the phone driven from (colour, pattern) pairs by one timer: Tick computes the lit state of
    /// each LED from the shared phase clock (<see cref="LedBlink"/>) and sends only the changes to the sink.
    /// Exposes the logical and the physical state of each LED for the bench. The three states of every LED are two bytes
    /// of one array (colour and pattern in one, the colour shown in the other) and the bank's four flags one int
    /// (nanoCLR: 20 B an array, 12 B a field; the reference board's 72 LEDs: 168 B instead of 240 B, and three fields
    /// fewer). The array covers the LEDs up to the highest one ever lit, rounded up to <see cref="Grain"/>: the LEDs
    /// after it are off and shown off, so a phone whose expansion modules' 54 LEDs never light keeps no bytes for them
    /// (the office phone: 56 B instead of 168 B, docs/benchmarks.md h-uirest); the count is kept in the flags.
    /// </summary>
    public sealed class LedBank
    {
        private readonly ILedSink _sink;

        // LED i of the n covered: its colour (low bits) and pattern (from PatternShift) at i, the colour shown at n + i
        // (n is half the length: no field for it).
        private byte[] _state;
        private const int Grain = 8;
        private const int ColorMask = 15;
        private const int PatternShift = 4;

        private int _flags;
        // No LED was sent yet: the first Tick sends every one.
        private const int First = 1;
        // Set since the last Tick, and whether the last full pass saw a blinking pattern: with neither, no LED can have
        // changed and Tick returns at once (an idle loop turn would otherwise decide every LED: 72 on the reference board).
        private const int Dirty = 2;
        private const int Blinking = 4;
        // The last commit found no heap for the sink's frame (the LED strip's RMT items, about 1.8 KB at once): sent
        // again at the next tick, after nanoCLR compacted the heap (it throws first and compacts at its next safe point).
        private const int Unsent = 8;
        // The LEDs' count, above the flags.
        private const int CountShift = 8;

        public LedBank(int count, ILedSink sink)
        {
            if (count <= 0 || sink == null)
            {
                throw new ArgumentException("need a sink and at least one LED");
            }
            _sink = sink;
            _state = new byte[0];
            _flags = First | count << CountShift;
        }

        public int Count
        {
            get { return _flags >> CountShift; }
        }

        /// <summary>LED <paramref name="index"/>'s byte in the array's first (what to show) half, -1 past the covered LEDs (off).</summary>
        private int Covered(int index) => index >= 0 && index < _state.Length >> 1 ? index : -1;

        /// <summary>Sets the logical state; the physical state follows on the next Tick. Out-of-range indexes are ignored.</summary>
        public void Set(int index, LedColor color, LedPattern pattern)
        {
            if (index < 0 || index >= Count || (Covered(index) < 0 && color == LedColor.Off))
            {
                return;
            }
            if (Covered(index) < 0)
            {
                // The first lit LED past the covered ones: the array grows to it (the new LEDs off and shown off).
                int covered = (index / Grain + 1) * Grain < Count ? (index / Grain + 1) * Grain : Count;
                int was = _state.Length >> 1;
                byte[] state = new byte[2 * covered];
                System.Array.Copy(_state, 0, state, 0, was);
                System.Array.Copy(_state, was, state, covered, was);
                _state = state;
            }
            _state[index] = (byte)((int)color | (int)(color == LedColor.Off ? LedPattern.Off : pattern) << PatternShift);
            _flags |= Dirty;
        }

        public LedColor ColorOf(int index)
        {
            return Covered(index) < 0 ? LedColor.Off : (LedColor)(_state[index] & ColorMask);
        }

        public LedPattern PatternOf(int index)
        {
            return Covered(index) < 0 ? LedPattern.Off : (LedPattern)(_state[index] >> PatternShift);
        }

        /// <summary>Physical state after the last Tick.</summary>
        public bool IsLit(int index)
        {
            return ShownColor(index) != LedColor.Off;
        }

        /// <summary>Physical colour after the last Tick (Off when dark).</summary>
        public LedColor ShownColor(int index)
        {
            return Covered(index) < 0 ? LedColor.Off : (LedColor)_state[(_state.Length >> 1) + index];
        }

        /// <summary>Recomputes every LED at nowMs (the phase clock); call at least every 50 ms. Allocates nothing itself (the sink's commit may: a commit without heap is retried next tick).</summary>
        public void Tick(long nowMs)
        {
            int flags = _flags;
            if ((flags & ~(-1 << CountShift)) == 0)
            {
                return;
            }
            // A Set while the pass runs (none today: the sink does not call back) makes the next Tick pass again.
            _flags = flags & ~Dirty;
            bool first = (flags & First) != 0;
            bool unsent = (flags & Unsent) != 0;
            bool changed = false;
            bool blinking = false;
            int count = _state.Length >> 1;
            int shown = count;
            for (int i = 0; i < count; i++, shown++)
            {
                // The covered LEDs; those after them are off (below).
                LedPattern pattern = (LedPattern)(_state[i] >> PatternShift);
                if (pattern != LedPattern.Off && pattern != LedPattern.On)
                {
                    blinking = true;
                }
                LedColor target = LedBlink.IsLit(pattern, nowMs) ? (LedColor)(_state[i] & ColorMask) : LedColor.Off;
                if (target != (LedColor)_state[shown] || first)
                {
                    _state[shown] = (byte)target;
                    _sink.Show(i, target);
                    changed = true;
                }
            }
            // The LEDs past the covered ones are off and shown off: sent only by the first pass.
            for (int i = count; first && i < Count; i++)
            {
                _sink.Show(i, LedColor.Off);
                changed = true;
            }
            if (changed || unsent)
            {
                try
                {
                    _sink.Commit();
                    unsent = false;
                }
                catch (System.OutOfMemoryException)
                {
                    unsent = true;
                }
            }
            _flags = (_flags & (Dirty | -1 << CountShift)) | (blinking ? Blinking : 0) | (unsent ? Unsent : 0);
        }
    }
}
