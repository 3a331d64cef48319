namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The columns of <see cref="SettingsTable"/> that reads need, by ordinal: names (read in place from the literal
    /// <see cref="NamesInTableOrder"/>, found by a one-byte hash per row), kinds, index ranges and defaults. Built once from the table's rows; limits, choices and descriptions stay in the table's code
    /// (<see cref="SettingsTable.Define"/>).
    /// Defaults are a byte per row, the code of its text in <see cref="DefaultText"/> (SettingDefaults.cs), read from there when asked:
    /// every <c>ldstr</c> makes a new 12-byte string object on nanoCLR, so a reference per row kept 87 objects and an
    /// 87-slot array (2.1 KB), and the distinct texts with their array still 912 B (docs/benchmarks.md h-officerest2).
    /// </summary>
    internal sealed partial class SettingsIndex
    {
        // Row o's name starts at character (_rows[o] & StartMask) of the list and runs up to the '\n' before row o + 1's
        // start (_rows[Count] holds where the list ends), read in place: a literal's text stays in the assembly, where a
        // byte copy took 1.3 KB of heap. On nanoCLR each character read counts the whole UTF-8 literal (about 17,000
        // interpreter instructions for these 1.4 KB), so a lookup reads list characters only for the row whose hash and
        // length match: one row's worth, where a binary search read several characters of every probe. The list is
        // taken (ldstr) where it is read, not kept in a field: the field and its string object held 24 B for good, a
        // read makes a 12-B string object that is garbage right after (h-hotline).

        // Row o's name start (11 bits), a 5-bit hash of its name, its kind (4 bits), highest index (6) and default (its
        // code in SettingDefaults.cs, 6) in one int: 368 B for 87 rows where four bytes a row and a short array of the
        // starts were 576 B (docs/benchmarks.md h-officerest2). The index refuses to build for a row that does not fit.
        private readonly int[] _rows;
        private const int StartMask = 0x7FF;
        private const int HashShift = 11;
        private const int HashMask = 0x1F;
        private const int KindShift = 16;
        private const int KindMask = 0xF;
        private const int MaxIndexShift = 20;
        private const int MaxIndexMask = 0x3F;
        private const int DefaultShift = 26;

        // The rows with an own index-1 default (identity 1 active, key 1 a line key), at most two, 16 bits each:
        // (ordinal + 1) << 8 | that default's code; 0: none. One int where a byte array took 24 B of heap more (h-hotline).
        private readonly int _firstDefaults;
        private const int MaxFirstDefaults = 2;

        public SettingsIndex()
        {
            Columns columns = new Columns();
            SettingsTable.Rows(columns);
            columns.Allocate();
            SettingsTable.Rows(columns);
            _rows = columns.Rows;
            _firstDefaults = columns.FirstDefaults;
        }

        public int Count => _rows.Length - 1;

        public SettingKind KindOf(int ordinal) => (SettingKind)((_rows[ordinal] >> KindShift) & KindMask);

        /// <summary>0 for a global setting, else the highest index.</summary>
        public int MaxIndexOf(int ordinal) => (_rows[ordinal] >> MaxIndexShift) & MaxIndexMask;

        private int StartOf(int ordinal) => _rows[ordinal] & StartMask;

        /// <summary>The table position of a name (no allocation); -1 for an unknown name or null.</summary>
        public int Ordinal(string name)
        {
            if (name == null)
            {
                return -1;
            }
            int length = name.Length;
            int hash = Hash(name, length);
            int[] rows = _rows;
            for (int o = 0; o < rows.Length - 1; o++)
            {
                int row = rows[o];
                if (((row >> HashShift) & HashMask) == hash && (rows[o + 1] & StartMask) - (row & StartMask) - 1 == length
                    && IsName(o, name, length))
                {
                    return o;
                }
            }
            return -1;
        }

        /// <summary>5 bits of the name's characters: equal names, equal hashes (computed from the short name, not the list).</summary>
        private static int Hash(string name, int length)
        {
            int hash = length;
            for (int i = 0; i < length; i++)
            {
                hash = (hash * 31 + name[i]) & HashMask;
            }
            return hash;
        }

        private bool IsName(int ordinal, string name, int length)
        {
            int start = StartOf(ordinal);
            string names = NamesInTableOrder;
            for (int i = 0; i < length; i++)
            {
                if (names[start + i] != name[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The default of one index: index 1 may have its own (identity 1 active, key 1 a line key).</summary>
        public string DefaultFor(int ordinal, int idx) =>
            DefaultText(idx == 1 ? FirstOf(ordinal) : DefaultOf(ordinal));

        private int DefaultOf(int ordinal) => (int)((uint)_rows[ordinal] >> DefaultShift);

        /// <summary>The code of a row's index-1 default: its own (two rows of 88 have one), else the row's.</summary>
        private int FirstOf(int ordinal)
        {
            for (int i = 0; i < MaxFirstDefaults; i++)
            {
                int entry = (int)((uint)_firstDefaults >> (16 * i)) & 0xFFFF;
                if ((entry >> 8) == ordinal + 1)
                {
                    return entry & 0xFF;
                }
            }
            return DefaultOf(ordinal);
        }

        /// <summary>A setting's name, as a new string.</summary>
        public string NameOf(int ordinal)
        {
            int start = StartOf(ordinal);
            // ToCharArray(start, length) copies only the entry (Substring would convert the whole list first on nanoCLR).
            return new string(NamesInTableOrder.ToCharArray(start, StartOf(ordinal + 1) - start - 1));
        }

        /// <summary>Collects the columns the store keeps: a counting pass, <see cref="Allocate"/>, then a filling pass.</summary>
        private sealed class Columns : SettingsTable.RowSink
        {
            public int[] Rows;
            public int FirstDefaults;
            private int _count;
            private int _firstCount;
            private int _start;

            public void Allocate()
            {
                Rows = new int[_count + 1];
                FirstDefaults = 0;
                _count = 0;
                _firstCount = 0;
            }

            public override void Row(string name, SettingKind kind, string defaultValue, int maxIndex, int min, int max,
                string choices, bool needsReboot, string firstIndexDefault, string description)
            {
                if (Rows != null)
                {
                    // The list holds the rows' names in this order, each ended by '\n' (SettingsIndexTests).
                    int length = name.Length;
                    if (_start + length + 1 > StartMask || (int)kind > KindMask || maxIndex > MaxIndexMask
                        || (firstIndexDefault != null && (_firstCount == MaxFirstDefaults || _count >= 0xFF)))
                    {
                        throw new System.ArgumentException("settings row does not fit the index: " + name);
                    }
                    Rows[_count] = _start | (Hash(name, length) << HashShift) | ((int)kind << KindShift)
                        | (maxIndex << MaxIndexShift) | (DefaultCodeOf(defaultValue) << DefaultShift);
                    _start += length + 1;
                    // Where the list ends, once the last row is in.
                    Rows[_count + 1] = _start;
                    if (firstIndexDefault != null)
                    {
                        FirstDefaults |= ((_count + 1) << 8 | DefaultCodeOf(firstIndexDefault)) << (16 * _firstCount);
                    }
                }
                _firstCount += firstIndexDefault == null ? 0 : 1;
                _count++;
            }
        }
    }
}
