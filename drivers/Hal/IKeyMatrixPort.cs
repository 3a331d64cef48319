namespace DeskPhone.Drivers.Hal
{
    /// <summary>
    /// The row and column lines of a key matrix as one port: rows driven one at a time, every column read at once.
    /// One object for the whole matrix instead of one per pin (twelve on the 6x6 keypad, each kept in the heap for good).
    /// </summary>
    public interface IKeyMatrixPort
    {
        int Rows { get; }

        /// <summary>At most 31.</summary>
        int Columns { get; }

        void WriteRow(int row, bool high);

        /// <summary>The columns' levels: bit c set when column c reads high.</summary>
        int ReadColumns();
    }
}
