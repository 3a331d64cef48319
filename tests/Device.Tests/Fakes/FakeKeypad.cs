using DeskPhone.Drivers.Hal;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// A row/column key matrix without diodes, behind its port: rows are outputs the driver drives, columns inputs
    /// with pull-ups. A column reads low when a path of pressed keys connects it to a row driven low, so three keys at the
    /// corners of a rectangle make the fourth read as pressed (ghosting), as on real hardware.
    /// </summary>
    public sealed class FakeKeypad : IKeyMatrixPort
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
            for (int r = 0; r < rows; r++)
            {
                _rowLevel[r] = true;
            }
        }

        public int Rows => _rows;
        public int Columns => _columns;

        public void WriteRow(int row, bool high) => _rowLevel[row] = high;

        public int ReadColumns()
        {
            int levels = 0;
            for (int c = 0; c < _columns; c++)
            {
                if (ColumnLevel(c))
                {
                    levels |= 1 << c;
                }
            }
            return levels;
        }

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
    }
}
