using System.Collections.Generic;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Host.Simulated
{
    /// <summary>
    /// Electrical model of a diode-less key matrix behind its port: rows are open-drain (only a row driven low sinks current),
    /// columns have pull-ups. A column reads low when any path of pressed switches joins it to a low row, so
    /// three keys at rectangle corners make the fourth read pressed, as on real hardware.
    /// </summary>
    public sealed class SimulatedKeyMatrix : IKeyMatrixPort
    {
        private readonly bool[,] _pressed;
        private readonly bool[] _rowLevel;

        public SimulatedKeyMatrix(int rows, int columns)
        {
            _pressed = new bool[rows, columns];
            _rowLevel = new bool[rows];
            for (int r = 0; r < rows; r++) _rowLevel[r] = true;
        }

        public int Rows => _rowLevel.Length;
        public int Columns => _pressed.GetLength(1);

        public void Press(int row, int column) => _pressed[row, column] = true;
        public void Release(int row, int column) => _pressed[row, column] = false;
        public bool IsPressed(int row, int column) => _pressed[row, column];

        public void WriteRow(int row, bool high) => _rowLevel[row] = high;

        public int ReadColumns()
        {
            int levels = 0;
            for (int c = 0; c < Columns; c++)
            {
                if (!ColumnLow(c)) levels |= 1 << c;
            }
            return levels;
        }

        private bool ColumnLow(int column)
        {
            int rows = Rows, cols = Columns;
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
                    if (!_rowLevel[r]) return true;
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
    }
}
