namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The columns of <see cref="SettingsTable"/> that reads need, by ordinal: names (read in place from the literal
    /// <see cref="SettingNameList.InTableOrder"/>, found by a one-byte hash per row), kinds, index ranges and defaults. Built once from the table's rows; limits, choices and descriptions stay in the table's code
    /// (<see cref="SettingsTable.Define"/>).
    /// Defaults are a byte per row, the code of its text in <see cref="SettingDefaults"/>, read from there when asked:
    /// every <c>ldstr</c> makes a new 12-byte string object on nanoCLR, so a reference per row kept 87 objects and an
    /// 87-slot array (2.1 KB), and the distinct texts with their array still 912 B (docs/benchmarks.md h-officerest2).
    /// </summary>
    internal sealed class SettingsIndex
    {
        // Row o's name runs from _nameStart[o] up to the '\n' before _nameStart[o + 1], read in place: a literal's text
        // stays in the assembly, where a byte copy took 1.3 KB of heap. On nanoCLR each character read counts the
        // whole UTF-8 literal (about 17,000 interpreter instructions for these 1.4 KB), so a lookup reads list
        // characters only for the row whose hash and length match: one row's worth, where a binary search read several
        // characters of every probe.
        private readonly string _names = SettingNameList.InTableOrder;
        private readonly short[] _nameStart;

        // Row o's name hash, kind, highest index and default (its code in SettingDefaults) at _rows[o * RowBytes + column]:
        // one array and field instead of four (96 B, docs/benchmarks.md h-office4).
        private readonly byte[] _rows;
        private const int RowBytes = 4;
        private const int HashColumn = 0;
        private const int KindColumn = 1;
        private const int MaxIndexColumn = 2;
        private const int DefaultColumn = 3;

        // The rows with an own index-1 default (identity 1 active, key 1 a line key), each followed by that default's
        // code.
        private readonly byte[] _firstOrdinals;

        public SettingsIndex()
        {
            _nameStart = EntryStarts(_names);
            Columns columns = new Columns();
            SettingsTable.Rows(columns);
            columns.Allocate();
            SettingsTable.Rows(columns);
            _rows = columns.Rows;
            _firstOrdinals = columns.FirstOrdinals;
        }

        /// <summary>Where each entry of a '\n'-ended list starts, and one past the end (found with the runtime's IndexOf).</summary>
        private static short[] EntryStarts(string list)
        {
            int count = 0;
            for (int at = list.IndexOf('\n'); at >= 0; at = list.IndexOf('\n', at + 1))
            {
                count++;
            }
            short[] starts = new short[count + 1];
            int n = 1;
            for (int at = list.IndexOf('\n'); at >= 0; at = list.IndexOf('\n', at + 1))
            {
                starts[n++] = (short)(at + 1);
            }
            return starts;
        }

        public int Count => _rows.Length / RowBytes;

        public SettingKind KindOf(int ordinal) => (SettingKind)_rows[ordinal * RowBytes + KindColumn];

        /// <summary>0 for a global setting, else the highest index.</summary>
        public int MaxIndexOf(int ordinal) => _rows[ordinal * RowBytes + MaxIndexColumn];

        /// <summary>The table position of a name (no allocation); -1 for an unknown name or null.</summary>
        public int Ordinal(string name)
        {
            if (name == null)
            {
                return -1;
            }
            int length = name.Length;
            int hash = Hash(name, length);
            byte[] rows = _rows;
            for (int at = HashColumn; at < rows.Length; at += RowBytes)
            {
                if (rows[at] != hash)
                {
                    continue;
                }
                int o = at / RowBytes;
                if (_nameStart[o + 1] - _nameStart[o] - 1 == length && IsName(o, name, length))
                {
                    return o;
                }
            }
            return -1;
        }

        /// <summary>A byte of the name's characters: equal names, equal hashes (computed from the short name, not the list).</summary>
        private static int Hash(string name, int length)
        {
            int hash = length;
            for (int i = 0; i < length; i++)
            {
                hash = (hash * 31 + name[i]) & 0xFF;
            }
            return hash;
        }

        private bool IsName(int ordinal, string name, int length)
        {
            int start = _nameStart[ordinal];
            for (int i = 0; i < length; i++)
            {
                if (_names[start + i] != name[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The default of one index: index 1 may have its own (identity 1 active, key 1 a line key).</summary>
        public string DefaultFor(int ordinal, int idx) =>
            SettingDefaults.Text(idx == 1 ? FirstOf(ordinal) : _rows[ordinal * RowBytes + DefaultColumn]);

        /// <summary>The code of a row's index-1 default: its own (two rows of 87 have one), else the row's.</summary>
        private int FirstOf(int ordinal)
        {
            for (int i = 0; i < _firstOrdinals.Length; i += 2)
            {
                if (_firstOrdinals[i] == ordinal)
                {
                    return _firstOrdinals[i + 1];
                }
            }
            return _rows[ordinal * RowBytes + DefaultColumn];
        }

        /// <summary>A setting's name, as a new string.</summary>
        public string NameOf(int ordinal)
        {
            int start = _nameStart[ordinal];
            // ToCharArray(start, length) copies only the entry (Substring would convert the whole list first on nanoCLR).
            return new string(_names.ToCharArray(start, _nameStart[ordinal + 1] - start - 1));
        }

        /// <summary>Collects the columns the store keeps: a counting pass, <see cref="Allocate"/>, then a filling pass.</summary>
        private sealed class Columns : SettingsTable.RowSink
        {
            public byte[] Rows;
            public byte[] FirstOrdinals;
            private int _count;
            private int _firstCount;

            public void Allocate()
            {
                Rows = new byte[_count * RowBytes];
                FirstOrdinals = new byte[_firstCount * 2];
                _count = 0;
                _firstCount = 0;
            }

            public override void Row(string name, SettingKind kind, string defaultValue, int maxIndex, int min, int max,
                string choices, bool needsReboot, string firstIndexDefault, string description)
            {
                if (Rows != null)
                {
                    // The list holds the rows' names in this order (SettingsIndexTests).
                    int at = _count * RowBytes;
                    Rows[at + HashColumn] = (byte)Hash(name, name.Length);
                    Rows[at + KindColumn] = (byte)kind;
                    Rows[at + MaxIndexColumn] = (byte)maxIndex;
                    Rows[at + DefaultColumn] = SettingDefaults.CodeOf(defaultValue);
                    if (firstIndexDefault != null)
                    {
                        FirstOrdinals[_firstCount * 2] = (byte)_count;
                        FirstOrdinals[_firstCount * 2 + 1] = SettingDefaults.CodeOf(firstIndexDefault);
                    }
                }
                _firstCount += firstIndexDefault == null ? 0 : 1;
                _count++;
            }
        }
    }
}
