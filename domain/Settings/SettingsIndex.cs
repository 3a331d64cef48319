namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The columns of <see cref="SettingsTable"/> that reads need, by ordinal: names (the sorted literal
    /// <see cref="SettingNameList.Sorted"/> for a binary search, and the ordinal of each of its entries), kinds, index
    /// ranges and defaults. Built once from the table's rows; limits, choices and descriptions stay in the table's code
    /// (<see cref="SettingsTable.Define"/>).
    /// Defaults are kept once per distinct text: every <c>ldstr</c> makes a new 12-byte string object on nanoCLR, so a
    /// reference per row kept 87 objects and an 87-slot array (2.1 KB) for 36 distinct texts; a byte per row and the
    /// distinct texts are about 1 KB.
    /// </summary>
    internal sealed class SettingsIndex
    {
        // The names sorted, entry p from _nameStart[p] up to the '\n' before _nameStart[p + 1], read in place: a
        // literal's text stays in the assembly, where a byte copy took 1.3 KB of heap; _byName[p] is entry p's ordinal.
        private readonly string _names = SettingNameList.Sorted;
        private readonly short[] _nameStart;
        private readonly byte[] _byName;
        private readonly byte[] _kinds;
        private readonly byte[] _maxIndex;
        private readonly byte[] _defaultOf;
        private readonly string[] _defaults;

        // The rows with an own index-1 default (identity 1 active, key 1 a line key) and those defaults.
        private readonly byte[] _firstOrdinals;
        private readonly string[] _firstDefaults;

        public SettingsIndex()
        {
            _nameStart = EntryStarts(_names);
            Columns columns = new Columns(this);
            SettingsTable.Rows(columns);
            columns.Allocate();
            SettingsTable.Rows(columns);
            _byName = columns.ByName;
            _kinds = columns.Kinds;
            _maxIndex = columns.MaxIndex;
            _defaultOf = columns.DefaultOf;
            _defaults = columns.DistinctDefaults();
            _firstOrdinals = columns.FirstOrdinals;
            _firstDefaults = columns.FirstDefaults;
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

        public int Count => _kinds.Length;

        public SettingKind KindOf(int ordinal) => (SettingKind)_kinds[ordinal];

        /// <summary>0 for a global setting, else the highest index.</summary>
        public int MaxIndexOf(int ordinal) => _maxIndex[ordinal];

        /// <summary>The table position of a name (binary search, no allocation); -1 for an unknown name or null.</summary>
        public int Ordinal(string name)
        {
            int at = Position(name);
            return at < 0 ? -1 : _byName[at];
        }

        /// <summary>The entry of the sorted list equal to the name (binary search, no allocation); -1 for none or null.</summary>
        private int Position(string name)
        {
            if (name == null)
            {
                return -1;
            }
            int lo = 0;
            int hi = _nameStart.Length - 2;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int c = CompareName(mid, name);
                if (c == 0)
                {
                    return mid;
                }
                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return -1;
        }

        /// <summary>The default of one index: index 1 may have its own (identity 1 active, key 1 a line key).</summary>
        public string DefaultFor(int ordinal, int idx) =>
            idx == 1 && FirstOf(ordinal) >= 0 ? _firstDefaults[FirstOf(ordinal)] : _defaults[_defaultOf[ordinal]];

        /// <summary>Where a row's own index-1 default is in _firstDefaults, -1 for none (two rows of 87 have one).</summary>
        private int FirstOf(int ordinal)
        {
            for (int i = 0; i < _firstOrdinals.Length; i++)
            {
                if (_firstOrdinals[i] == ordinal)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>A setting's name, as a new string.</summary>
        public string NameOf(int ordinal)
        {
            int at = 0;
            while (_byName[at] != ordinal)
            {
                at++;
            }
            int start = _nameStart[at];
            // ToCharArray(start, length) copies only the entry (Substring would convert the whole list first on nanoCLR).
            return new string(_names.ToCharArray(start, _nameStart[at + 1] - start - 1));
        }

        /// <summary>Ordinal order of sorted entry p and a string (string.Compare is culture-aware on the host).</summary>
        private int CompareName(int p, string name)
        {
            int start = _nameStart[p];
            int length = _nameStart[p + 1] - start - 1;
            int nameLength = name.Length;
            int n = length < nameLength ? length : nameLength;
            for (int i = 0; i < n; i++)
            {
                int d = _names[start + i] - name[i];
                if (d != 0)
                {
                    return d;
                }
            }
            return length - nameLength;
        }

        /// <summary>Collects the columns the store keeps: a counting pass, <see cref="Allocate"/>, then a filling pass.</summary>
        private sealed class Columns : SettingsTable.RowSink
        {
            private readonly SettingsIndex _index;
            public byte[] ByName;
            public byte[] Kinds;
            public byte[] MaxIndex;
            public byte[] DefaultOf;
            public byte[] FirstOrdinals;
            public string[] FirstDefaults;
            private string[] _distinct;
            private int _distinctCount;
            private int _count;
            private int _firstCount;

            public Columns(SettingsIndex index)
            {
                _index = index;
            }

            public void Allocate()
            {
                ByName = new byte[_count];
                Kinds = new byte[_count];
                MaxIndex = new byte[_count];
                DefaultOf = new byte[_count];
                _distinct = new string[_count];
                FirstOrdinals = new byte[_firstCount];
                FirstDefaults = new string[_firstCount];
                _count = 0;
                _firstCount = 0;
            }

            /// <summary>The distinct default texts, exactly as many as there are (the counting array is let go).</summary>
            public string[] DistinctDefaults()
            {
                string[] texts = new string[_distinctCount];
                for (int i = 0; i < texts.Length; i++)
                {
                    texts[i] = _distinct[i];
                }
                return texts;
            }

            /// <summary>The position of a default among the distinct texts, added when new (once per row at start-up).</summary>
            private byte Distinct(string text)
            {
                for (int i = 0; i < _distinctCount; i++)
                {
                    // Only written slots are compared; a default is never null (SettingsTableTests).
                    if (_distinct[i] == text)
                    {
                        return (byte)i;
                    }
                }
                _distinct[_distinctCount] = text;
                return (byte)_distinctCount++;
            }

            public override void Row(string name, SettingKind kind, string defaultValue, int maxIndex, int min, int max,
                string choices, bool needsReboot, string firstIndexDefault, string description)
            {
                if (Kinds != null)
                {
                    // Every row's name is in the list (SettingsIndexTests), so a position is always found.
                    ByName[_index.Position(name)] = (byte)_count;
                    Kinds[_count] = (byte)kind;
                    MaxIndex[_count] = (byte)maxIndex;
                    DefaultOf[_count] = Distinct(defaultValue);
                    if (firstIndexDefault != null)
                    {
                        FirstDefaults[_firstCount] = firstIndexDefault;
                        FirstOrdinals[_firstCount] = (byte)_count;
                    }
                }
                _firstCount += firstIndexDefault == null ? 0 : 1;
                _count++;
            }
        }
    }
}
