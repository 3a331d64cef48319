using DeskPhone.Drivers.Hal;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// A row/column key matrix without diodes, as pins: rows are outputs the driver drives, columns inputs with
    /// pull-ups. A column reads low when a path of pressed keys connects it to a row driven low, so three keys at the
    /// corners of a rectangle make the fourth read as pressed (ghosting), as on real hardware.
    /// </summary>
    public sealed class FakeKeypad
    {
        private readonly int _rows;
        private readonly int _columns;
        private readonly bool[] _pressed;
        private readonly bool[] _rowLevel;

        public FakeKeypad(int rows, int columns)
        {
            _rows = rows;
            _columns = columns;
            _pressed = new bool[rows * columns];
            _rowLevel = new bool[rows];
            Rows = new IDigitalOutput[rows];
            Columns = new IDigitalInput[columns];
            for (int r = 0; r < rows; r++)
            {
                _rowLevel[r] = true;
                Rows[r] = new RowPin(this, r);
            }
            for (int c = 0; c < columns; c++)
            {
                Columns[c] = new ColumnPin(this, c);
            }
        }

        public IDigitalOutput[] Rows { get; }
        public IDigitalInput[] Columns { get; }

        public void Press(int row, int column) => _pressed[row * _columns + column] = true;

        public void Release(int row, int column) => _pressed[row * _columns + column] = false;

        private bool ColumnLevel(int column)
        {
            // Rows and columns reachable from the column through pressed keys; low if one is a row driven low.
            var rowSeen = new bool[_rows];
            var colSeen = new bool[_columns];
            colSeen[column] = true;
            bool grew = true;
            while (grew)
            {
                grew = false;
                for (int r = 0; r < _rows; r++)
                {
                    for (int c = 0; c < _columns; c++)
                    {
                        if (_pressed[r * _columns + c] && rowSeen[r] != colSeen[c])
                        {
                            rowSeen[r] = true;
                            colSeen[c] = true;
                            grew = true;
                        }
                    }
                }
            }
            for (int r = 0; r < _rows; r++)
            {
                if (rowSeen[r] && !_rowLevel[r])
                {
                    return false;
                }
            }
            return true;
        }

        private sealed class RowPin : IDigitalOutput
        {
            private readonly FakeKeypad _pad;
            private readonly int _row;

            public RowPin(FakeKeypad pad, int row)
            {
                _pad = pad;
                _row = row;
            }

            public void Write(bool high) => _pad._rowLevel[_row] = high;
        }

        private sealed class ColumnPin : IDigitalInput
        {
            private readonly FakeKeypad _pad;

            public ColumnPin(FakeKeypad pad, int column)
            {
                _pad = pad;
                Pin = column;
            }

            public int Pin { get; }

            public bool Read() => _pad.ColumnLevel(Pin);

            public event PinEdgeHandler Edge;

            /// <summary>Keeps the compiler from warning that Edge is never raised; the matrix polls.</summary>
            public void RaiseEdge(bool high)
            {
                PinEdgeHandler handler = Edge;
                if (handler != null)
                {
                    handler(Pin, high);
                }
            }
        }
    }
}
