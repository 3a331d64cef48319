using System.Collections.Generic;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Host.Simulated
{
    /// <summary>
    /// Electrical model of a diode-less key matrix: rows are open-drain (only a row driven low sinks current),
    /// columns have pull-ups. A column reads low when any path of pressed switches joins it to a low row, so
    /// three keys at rectangle corners make the fourth read pressed, as on real hardware.
    /// </summary>
    public sealed class SimulatedKeyMatrix
    {
        private readonly bool[,] _pressed;
        private readonly RowPin[] _rows;
        private readonly ColumnPin[] _columns;

        public SimulatedKeyMatrix(int rows, int columns)
        {
            _pressed = new bool[rows, columns];
            _rows = new RowPin[rows];
            _columns = new ColumnPin[columns];
            for (int r = 0; r < rows; r++) _rows[r] = new RowPin();
            for (int c = 0; c < columns; c++) _columns[c] = new ColumnPin(this, c);
        }

        public IDigitalOutput[] Rows => _rows;
        public IDigitalInput[] Columns => _columns;

        public void Press(int row, int column) => _pressed[row, column] = true;
        public void Release(int row, int column) => _pressed[row, column] = false;
        public bool IsPressed(int row, int column) => _pressed[row, column];

        private bool ColumnLow(int column)
        {
            int rows = _rows.Length, cols = _columns.Length;
            var rowSeen = new bool[rows];
            var colSeen = new bool[cols];
            var queue = new Queue<int>();
            colSeen[column] = true;
            queue.Enqueue(column);
            while (queue.Count > 0)
            {
                int c = queue.Dequeue();
                for (int r = 0; r < rows; r++)
                {
                    if (!_pressed[r, c] || rowSeen[r]) continue;
                    if (!_rows[r].Level) return true;
                    rowSeen[r] = true;
                    for (int c2 = 0; c2 < cols; c2++)
                    {
                        if (_pressed[r, c2] && !colSeen[c2])
                        {
                            colSeen[c2] = true;
                            queue.Enqueue(c2);
                        }
                    }
                }
            }
            return false;
        }

        private sealed class RowPin : IDigitalOutput
        {
            public bool Level { get; private set; } = true;
            public void Write(bool high) => Level = high;
        }

        private sealed class ColumnPin : IDigitalInput
        {
            private readonly SimulatedKeyMatrix _matrix;
            public ColumnPin(SimulatedKeyMatrix matrix, int column) { _matrix = matrix; Pin = column; }
            public int Pin { get; }
#pragma warning disable CS0067 // polled input: the matrix never raises edges
            public event PinEdgeHandler Edge;
#pragma warning restore CS0067
            public bool Read() => !_matrix.ColumnLow(Pin);
        }
    }
}
