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
        // Active low (bit 0) and the rows (above); the columns are the keys over the rows. A scan's columns read down
        // and those held at their last level (ghosting) are two longs of its own, a byte a row: no array kept (72 B
        // and a field, docs/benchmarks.md h-uirest), so a matrix has at most 8 rows of 8 columns.
        private readonly int _shape;
        private readonly KeyTracker _tracker;

        /// <param name="keyCodes">Row-major, port.Rows * port.Columns entries; KeyCode.None for unused positions.</param>
        public KeyMatrix(IKeyMatrixPort port, int[] keyCodes, KeyTiming timing, bool activeLow)
        {
            if (port == null || keyCodes == null)
            {
                throw new ArgumentNullException("port/keyCodes");
            }
            int rows = port.Rows;
            int columns = port.Columns;
            if (rows > 8 || columns > 8 || keyCodes.Length != rows * columns)
            {
                throw new ArgumentException("key map must have rows*columns entries, at most 8 rows of 8 columns");
            }
            _port = port;
            _shape = (activeLow ? 1 : 0) | rows << 1;
            _tracker = new KeyTracker(keyCodes, timing);
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
            get { return _shape >> 1; }
        }

        public int Columns
        {
            get { return _shape >> 1 == 0 ? 0 : _tracker.Count / (_shape >> 1); }
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
            int rows = _shape >> 1;
            bool activeLow = (_shape & 1) != 0;
            int columnMask = rows == 0 ? 0 : (1 << _tracker.Count / rows) - 1;
            // Row r's columns read down in byte r.
            long down = 0;
            for (int r = 0; r < rows; r++)
            {
                _port.WriteRow(r, !activeLow);
                int bits = _port.ReadColumns();
                _port.WriteRow(r, activeLow);
                // A pressed key pulls its column to the driven row's level.
                down |= (long)((activeLow ? ~bits : bits) & columnMask) << 8 * r;
            }
            if (down == 0 && _tracker.Idle)
            {
                // Every key reads up and none is down or settling: no update would change anything (the idle loop turn
                // would otherwise make 72 calls here).
                return;
            }
            Update(rows, down, nowMs);
        }

        /// <summary>
        /// The keys' update from the rows just read (<paramref name="down"/>: row r's columns in byte r), a method of its
        /// own: its locals are in a frame only while a key is down or settling, not in the one every idle turn's scan
        /// takes (docs/benchmarks.md, h-frames).
        /// </summary>
        private void Update(int rows, long down, long nowMs)
        {
            long held = GhostRectangles(rows, down);
            int cols = _tracker.Count / rows;
            for (int r = 0; r < rows; r++)
            {
                int slot = r * cols;
                for (int c = 0; c < cols; c++, slot++)
                {
                    long mask = 1L << 8 * r + c;
                    _tracker.Update(slot, (held & mask) != 0 ? _tracker.RawPressed(slot) : (down & mask) != 0, nowMs);
                }
            }
        }

        /// <summary>The columns to hold at their last level, a byte a row as in <paramref name="down"/>: those of every
        /// rectangle of keys read down.</summary>
        private static long GhostRectangles(int rows, long down)
        {
            long held = 0;
            for (int a = 0; a < rows; a++)
            {
                for (int b = a + 1; b < rows; b++)
                {
                    long shared = (down >> 8 * a) & (down >> 8 * b) & 0xFF;
                    // Two rows sharing two or more columns form at least one rectangle.
                    if (shared != 0 && (shared & (shared - 1)) != 0)
                    {
                        held |= shared << 8 * a | shared << 8 * b;
                    }
                }
            }
            return held;
        }
    }
}
