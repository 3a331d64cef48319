namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The columns of <see cref="SettingsTable"/> that reads need, by ordinal: names (as ASCII bytes, with their
    /// ordinals sorted by name for a binary search), kinds, index ranges and defaults. Built once from the table's
    /// rows; limits, choices and descriptions stay in the table's code (<see cref="SettingsTable.Define"/>).
    /// Defaults are kept once per distinct text: every <c>ldstr</c> makes a new 12-byte string object on nanoCLR, so a
    /// reference per row kept 87 objects and an 87-slot array (2.1 KB) for 36 distinct texts; a byte per row and the
    /// distinct texts are about 1 KB.
    /// </summary>
    internal sealed class SettingsIndex
    {
        // Names are ASCII bytes, entry o at _nameStart[o] up to _nameStart[o + 1] (a string object per name would
        // cost more than its text); _byName holds the ordinals sorted by name.
        private readonly byte[] _nameText;
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
            Columns columns = new Columns();
            SettingsTable.Rows(columns);
            columns.Allocate();
            SettingsTable.Rows(columns);
            _nameText = columns.NameText;
            _nameStart = columns.NameStart;
            _kinds = columns.Kinds;
            _maxIndex = columns.MaxIndex;
            _defaultOf = columns.DefaultOf;
            _defaults = columns.DistinctDefaults();
            _firstOrdinals = columns.FirstOrdinals;
            _firstDefaults = columns.FirstDefaults;
            _byName = new byte[_kinds.Length];
            for (int i = 0; i < _byName.Length; i++)
            {
                // Insertion sort, once at start-up.
                int at = i;
                while (at > 0 && CompareNames(_byName[at - 1], i) > 0)
                {
                    _byName[at] = _byName[at - 1];
                    at--;
                }
                _byName[at] = (byte)i;
            }
        }

        public int Count => _kinds.Length;

        public SettingKind KindOf(int ordinal) => (SettingKind)_kinds[ordinal];

        /// <summary>0 for a global setting, else the highest index.</summary>
        public int MaxIndexOf(int ordinal) => _maxIndex[ordinal];

        /// <summary>The table position of a name (binary search, no allocation); -1 for an unknown name or null.</summary>
        public int Ordinal(string name)
        {
            if (name == null)
            {
                return -1;
            }
            int lo = 0;
            int hi = _byName.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int c = CompareName(_byName[mid], name);
                if (c == 0)
                {
                    return _byName[mid];
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
            int start = _nameStart[ordinal];
            char[] chars = new char[_nameStart[ordinal + 1] - start];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)_nameText[start + i];
            }
            return new string(chars);
        }

        /// <summary>Ordinal order of a setting's name and a string (string.Compare is culture-aware on the host).</summary>
        private int CompareName(int ordinal, string name)
        {
            int start = _nameStart[ordinal];
            int length = _nameStart[ordinal + 1] - start;
            int n = length < name.Length ? length : name.Length;
            for (int i = 0; i < n; i++)
            {
                int d = _nameText[start + i] - name[i];
                if (d != 0)
                {
                    return d;
                }
            }
            return length - name.Length;
        }

        private int CompareNames(int a, int b)
        {
            int startA = _nameStart[a];
            int startB = _nameStart[b];
            int lengthA = _nameStart[a + 1] - startA;
            int lengthB = _nameStart[b + 1] - startB;
            int n = lengthA < lengthB ? lengthA : lengthB;
            for (int i = 0; i < n; i++)
            {
                int d = _nameText[startA + i] - _nameText[startB + i];
                if (d != 0)
                {
                    return d;
                }
            }
            return lengthA - lengthB;
        }

        /// <summary>Collects the columns the store keeps: a counting pass, <see cref="Allocate"/>, then a filling pass.</summary>
        private sealed class Columns : SettingsTable.RowSink
        {
            public byte[] NameText;
            public short[] NameStart;
            public byte[] Kinds;
            public byte[] MaxIndex;
            public byte[] DefaultOf;
            public byte[] FirstOrdinals;
            public string[] FirstDefaults;
            private string[] _distinct;
            private int _distinctCount;
            private int _count;
            private int _firstCount;
            private int _textLength;

            public void Allocate()
            {
                NameText = new byte[_textLength];
                NameStart = new short[_count + 1];
                Kinds = new byte[_count];
                MaxIndex = new byte[_count];
                DefaultOf = new byte[_count];
                _distinct = new string[_count];
                FirstOrdinals = new byte[_firstCount];
                FirstDefaults = new string[_firstCount];
                _count = 0;
                _firstCount = 0;
                _textLength = 0;
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
                if (NameText != null)
                {
                    for (int i = 0; i < name.Length; i++)
                    {
                        NameText[_textLength + i] = (byte)name[i]; // setting names are ASCII (a test checks)
                    }
                    NameStart[_count + 1] = (short)(_textLength + name.Length);
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
                _textLength += name.Length;
                _count++;
            }
        }
    }
}
