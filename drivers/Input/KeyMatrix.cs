using System;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Input
{
    /// <summary>
    /// Row/column key matrix without diodes, behind one port (GPIO or a port expander). Rows are driven one at a time
    /// (active level low by default, idle rows released high), columns are read with pull-ups.
    /// When three keys at corners of a rectangle are down, the fourth corner reads as pressed too (ghosting):
    /// such a scan cannot tell real from ghost keys, so every key in the ambiguous rectangle keeps its previous
    /// level until the rectangle resolves. Keys outside it are reported normally.
    /// </summary>
    public sealed class KeyMatrix
    {
        private readonly IKeyMatrixPort _port;
        private readonly bool _activeLow;
        private readonly KeyTracker _tracker;
        // Per row r: the columns read down at r, the columns held at their last level (ghosting) at rows + r (the rows are
        // half its length and the columns the keys over the rows: no field for either, 24 B, issue #17). One array
        // instead of two (nanoCLR: 20 B an array and 12 B a field).
        private readonly int[] _bits;

        /// <param name="keyCodes">Row-major, port.Rows * port.Columns entries; KeyCode.None for unused positions.</param>
        public KeyMatrix(IKeyMatrixPort port, int[] keyCodes, KeyTiming timing, bool activeLow)
        {
            if (port == null || keyCodes == null)
            {
                throw new ArgumentNullException("port/keyCodes");
            }
            int rows = port.Rows;
            int columns = port.Columns;
            if (columns > 31 || keyCodes.Length != rows * columns)
            {
                throw new ArgumentException("key map must have rows*columns entries and at most 31 columns");
            }
            _port = port;
            _activeLow = activeLow;
            _tracker = new KeyTracker(keyCodes, timing);
            _bits = new int[2 * rows];
            for (int r = 0; r < rows; r++)
            {
                port.WriteRow(r, activeLow);
            }
        }

        public event KeyEventHandler KeyEvent
        {
            add { _tracker.KeyEvent += value; }
            remove { _tracker.KeyEvent -= value; }
        }

        public int Rows
        {
            get { return _bits.Length >> 1; }
        }

        public int Columns
        {
            get { return _bits.Length == 0 ? 0 : _tracker.Count / (_bits.Length >> 1); }
        }

        /// <summary>Debounced state at a matrix position.</summary>
        public bool IsPressed(int row, int column)
        {
            return _tracker.IsPressed(row * Columns + column);
        }

        public bool IsKeyDown(int keyCode)
        {
            return _tracker.IsKeyDown(keyCode);
        }

        /// <summary>One full scan; call every 5-10 ms. Allocation-free.</summary>
        public void Scan(long nowMs)
        {
            int rows = _bits.Length >> 1;
            int cols = rows == 0 ? 0 : _tracker.Count / rows;
            int columnMask = (1 << cols) - 1;
            int any = 0;
            for (int r = 0; r < rows; r++)
            {
                _port.WriteRow(r, !_activeLow);
                int bits = _port.ReadColumns();
                _port.WriteRow(r, _activeLow);
                // A pressed key pulls its column to the driven row's level.
                bits = (_activeLow ? ~bits : bits) & columnMask;
                _bits[r] = bits;
                _bits[rows + r] = 0;
                any |= bits;
            }
            if (any == 0 && _tracker.Idle)
            {
                // Every key reads up and none is down or settling: no update would change anything (the idle loop turn
                // would otherwise make 72 calls here).
                return;
            }
            Update(rows, cols, nowMs);
        }

        /// <summary>
        /// The keys' update from the rows just read, a method of its own: its locals are in a frame only while a key is
        /// down or settling, not in the one every idle turn's scan takes (docs/benchmarks.md, h-frames).
        /// </summary>
        private void Update(int rows, int cols, long nowMs)
        {
            MarkGhostRectangles(rows);
            for (int r = 0; r < rows; r++)
            {
                int bits = _bits[r];
                int held = _bits[rows + r];
                int slot = r * cols;
                for (int c = 0; c < cols; c++, slot++)
                {
                    int mask = 1 << c;
                    _tracker.Update(slot, (held & mask) != 0 ? _tracker.RawPressed(slot) : (bits & mask) != 0, nowMs);
                }
            }
        }

        private void MarkGhostRectangles(int rows)
        {
            for (int a = 0; a < rows; a++)
            {
                for (int b = a + 1; b < rows; b++)
                {
                    int shared = _bits[a] & _bits[b];
                    // Two rows sharing two or more columns form at least one rectangle.
                    if (shared != 0 && (shared & (shared - 1)) != 0)
                    {
                        _bits[rows + a] |= shared;
                        _bits[rows + b] |= shared;
                    }
                }
            }
        }
    }
}
