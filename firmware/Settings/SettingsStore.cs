using System;
using System.Collections;
using System.Text;

namespace DeskPhone.Firmware.Settings
{
    /// <summary>
    /// The phone's settings: typed access by the phones' setting names, validation, change notification,
    /// persistence in two checksummed slots, and passwords kept only as salted hashes.
    /// Reads are lock-free and allocation-free (two binary searches); writes are serialised. Only the values that
    /// differ from their defaults are kept, and of the table only the columns a read needs
    /// (<see cref="SettingsTable"/> builds a full definition when one is asked for).
    /// </summary>
    public sealed class SettingsStore
    {
        public const string SlotA = "settings-a.bin";
        public const string SlotB = "settings-b.bin";

        // The table's columns that reads need, by ordinal. Names are ASCII bytes, entry o at _nameStart[o] up to
        // _nameStart[o + 1] (a string object per name would cost more than its text); _byName holds the ordinals
        // sorted by name.
        private readonly byte[] _nameText;
        private readonly short[] _nameStart;
        private readonly byte[] _byName;
        private readonly byte[] _kinds;
        private readonly byte[] _maxIndex;
        private readonly string[] _defaults;

        // Index 1's own default (identity 1 active, key 1 a line key): 0, or 1 + its position in _firstDefaults.
        private readonly byte[] _first;
        private readonly string[] _firstDefaults;

        private StoredValues _stored = StoredValues.Empty;
        private readonly ArrayList _unknown = new ArrayList();
        private readonly ISettingsMedium _medium;
        private readonly Random _random;
        private readonly object _sync = new object();

        // Which slot holds the newest good copy and its sequence; the next save goes to the other slot.
        private string _currentSlot;
        private uint _sequence;
        private bool _slotsScanned;

        public SettingsStore() : this(null, null)
        {
        }

        /// <param name="medium">Where Load/Save keep the settings; null keeps them in memory only.</param>
        /// <param name="random">Salt source for password hashes; null uses a new System.Random.</param>
        public SettingsStore(ISettingsMedium medium, Random random)
        {
            _medium = medium;
            _random = random ?? new Random();
            Columns columns = new Columns();
            SettingsTable.Rows(columns);
            columns.Allocate();
            SettingsTable.Rows(columns);
            _nameText = columns.NameText;
            _nameStart = columns.NameStart;
            _kinds = columns.Kinds;
            _maxIndex = columns.MaxIndex;
            _defaults = columns.Defaults;
            _first = columns.First;
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

        public event SettingChangedHandler SettingChanged;
        public event PasswordStateHandler PasswordStateChanged;
        public event RebootRequiredHandler RebootRequiredRaised;

        /// <summary>A setting that only takes effect after a reboot has changed since start-up.</summary>
        public bool RebootRequired { get; private set; }

        /// <summary>Changes since the last Load or Save.</summary>
        public bool IsDirty { get; private set; }

        /// <summary>False for a store without a medium (the simulator's default): changes live in memory only.</summary>
        public bool IsPersistent => _medium != null;

        // ---- definitions ----

        public int DefinitionCount => _kinds.Length;

        /// <summary>The definition at a table position, built for the caller (each call gives a new object).</summary>
        public SettingDefinition GetDefinition(int ordinal) => SettingsTable.Define(ordinal);

        public SettingDefinition FindDefinition(string name)
        {
            int ordinal = Ordinal(name);
            return ordinal < 0 ? null : SettingsTable.Define(ordinal);
        }

        public bool IsDefined(string name) => Ordinal(name) >= 0;

        // ---- reads ----

        /// <summary>A global setting's value; for an indexed setting, index 1. Null for an unknown name.</summary>
        public string Get(string name)
        {
            int ordinal = Ordinal(name);
            return ordinal < 0 ? null : Value(ordinal, _maxIndex[ordinal] > 0 ? 1 : 0);
        }

        /// <summary>Value of index idx (global settings ignore idx). Null for an unknown name or an index out of range.</summary>
        public string Get(string name, int idx)
        {
            int ordinal = Ordinal(name);
            if (ordinal < 0)
            {
                return null;
            }
            int max = _maxIndex[ordinal];
            if (max == 0)
            {
                return Value(ordinal, 0);
            }
            return idx >= 1 && idx <= max ? Value(ordinal, idx) : null;
        }

        /// <summary>Integer value; 0 when the name is unknown or the value is not a number.</summary>
        public int GetInt(string name) => ToInt(Get(name));

        public int GetInt(string name, int idx) => ToInt(Get(name, idx));

        /// <summary>True when the value is "on".</summary>
        public bool GetBool(string name) => Get(name) == "on";

        public bool GetBool(string name, int idx) => Get(name, idx) == "on";

        /// <summary>The value as menus, logs and the bench may show it: secrets and passwords masked.</summary>
        public string GetForDisplay(string name, int idx)
        {
            int ordinal = Ordinal(name);
            string value = Get(name, idx);
            if (ordinal < 0 || value == null || (_kinds[ordinal] != (byte)SettingKind.Secret && _kinds[ordinal] != (byte)SettingKind.Password))
            {
                return value;
            }
            return value.Length == 0 ? string.Empty : "********";
        }

        // ---- passwords ----

        public bool IsPasswordSet(string name)
        {
            int ordinal = Ordinal(name);
            return ordinal >= 0 && _kinds[ordinal] == (byte)SettingKind.Password && Value(ordinal, 0).Length > 0;
        }

        /// <summary>True when candidate is the password. An unset password matches only the empty candidate.</summary>
        public bool CheckPassword(string name, string candidate)
        {
            SettingDefinition def = FindDefinition(name);
            if (def == null || def.Kind != SettingKind.Password)
            {
                return false;
            }
            string stored = Value(def.Ordinal, 0);
            return stored.Length == 0 ? (candidate == null || candidate.Length == 0) : PasswordHash.Verify(stored, candidate);
        }

        // ---- writes ----

        /// <summary>
        /// Sets a value (idx 0 for a global setting, 1..MaxIndex for an indexed one). Returns null on success, otherwise
        /// "name[idx]: reason". A password may be given in clear (it is hashed) or in the exported hash form.
        /// </summary>
        public string Set(string name, int idx, string value)
        {
            SettingDefinition def;
            bool changed;
            bool passwordStateChanged = false;
            bool rebootNewlyRequired = false;
            lock (_sync)
            {
                def = FindDefinition(name);
                if (def == null)
                {
                    return (name ?? "(null)") + ": unknown setting";
                }
                string error = CheckIndex(def, idx);
                if (error != null)
                {
                    return error;
                }
                error = Prepare(def, value, out string stored);
                if (error != null)
                {
                    return Label(def, idx) + ": " + error;
                }
                string current = Value(def.Ordinal, idx);
                if (def.Kind == SettingKind.Password && value != null && value.Length > 0 && !PasswordHash.IsHashForm(value)
                    && current.Length > 0 && PasswordHash.Verify(current, value) && SameDigestUser(def, current))
                {
                    return null; // the same password again: keep the stored hash, no change to announce
                }
                changed = current != stored;
                if (changed)
                {
                    passwordStateChanged = def.Kind == SettingKind.Password && (current.Length == 0) != (stored.Length == 0);
                    Put(def.Ordinal, idx, stored);
                    IsDirty = true;
                    if (def.NeedsReboot && !RebootRequired)
                    {
                        RebootRequired = true;
                        rebootNewlyRequired = true;
                    }
                }
            }
            // Handlers run outside the lock so they may read (or even write) settings.
            if (changed)
            {
                SettingChanged?.Invoke(def.Name, idx, def.NeedsReboot);
                if (passwordStateChanged)
                {
                    PasswordStateChanged?.Invoke(def.Name, IsPasswordSet(def.Name));
                }
                if (rebootNewlyRequired)
                {
                    RebootRequiredRaised?.Invoke();
                }
            }
            return null;
        }

        /// <summary>Checks a value without storing it: null when Set would accept it, else the same message.</summary>
        public string Validate(string name, int idx, string value)
        {
            SettingDefinition def = FindDefinition(name);
            if (def == null)
            {
                return (name ?? "(null)") + ": unknown setting";
            }
            string error = CheckIndex(def, idx);
            if (error != null)
            {
                return error;
            }
            error = SettingValidator.Check(def, value, out string normalized);
            return error == null ? null : Label(def, idx) + ": " + error;
        }

        // ---- unknown settings (from imports and older files): kept so export and save do not lose them ----

        public int UnknownCount => _unknown.Count;

        public SettingEntry GetUnknown(int i) => (SettingEntry)_unknown[i];

        internal void KeepUnknown(string name, int idx, string value)
        {
            lock (_sync)
            {
                for (int i = 0; i < _unknown.Count; i++)
                {
                    SettingEntry e = (SettingEntry)_unknown[i];
                    if (e.Name == name && e.Idx == idx)
                    {
                        if (e.Value != value)
                        {
                            e.Value = value;
                            IsDirty = true;
                        }
                        return;
                    }
                }
                _unknown.Add(new SettingEntry(name, idx, value));
                IsDirty = true;
            }
        }

        // ---- persistence ----

        /// <summary>
        /// Replaces every value with the newest intact stored copy (defaults where nothing is stored). Never throws;
        /// corrupt or unreadable copies and refused values are listed in the report. Raises no change events.
        /// </summary>
        public SettingsLoadReport Load()
        {
            ArrayList problems = new ArrayList();
            lock (_sync)
            {
                ResetToDefaults();
                _unknown.Clear();
                byte[] chosen = ScanSlots(problems, out int length);
                bool fellBack = problems.Count > 0;
                if (chosen != null)
                {
                    ApplyStored(SettingsPayload.Parse(chosen, SettingsSlot.HeaderBytes, length, problems), problems);
                }
                IsDirty = false;
                return new SettingsLoadReport(_currentSlot, chosen == null ? 0 : _sequence, fellBack, ToStrings(problems));
            }
        }

        /// <summary>
        /// Writes all non-default values and unknown settings to the slot not holding the newest good copy, then reads
        /// it back. Returns null on success, else what failed (the previous copy is still intact). Never throws.
        /// </summary>
        public string Save()
        {
            if (_medium == null)
            {
                return "settings: no storage medium";
            }
            lock (_sync)
            {
                if (!_slotsScanned)
                {
                    ScanSlots(new ArrayList(), out int ignored);
                }
                string target = _currentSlot == SlotA ? SlotB : SlotA;
                uint sequence = _sequence + 1;
                byte[] blob = SettingsSlot.Encode(sequence, Encoding.UTF8.GetBytes(Serialize()));
                try
                {
                    _medium.Write(target, blob, 0, blob.Length);
                    byte[] back = _medium.Read(target);
                    if (back == null || SettingsSlot.Check(back, out uint backSeq, out int backLen) != null || backSeq != sequence)
                    {
                        return "settings: " + target + " did not read back intact; previous copy kept";
                    }
                }
                catch (Exception ex)
                {
                    return "settings: writing " + target + " failed (" + ex.Message + "); previous copy kept";
                }
                _currentSlot = target;
                _sequence = sequence;
                IsDirty = false;
                return null;
            }
        }

        /// <summary>
        /// Factory reset: every setting back to its default, unknown settings dropped, both stored copies deleted.
        /// Raises SettingChanged for each value that changed (and the password and reboot events as Set would).
        /// Returns null, or why a stored copy could not be deleted (the values in memory are reset regardless).
        /// </summary>
        public string FactoryReset()
        {
            ArrayList changed = new ArrayList();
            ArrayList passwordsCleared = new ArrayList();
            bool rebootNewlyRequired = false;
            string error = null;
            lock (_sync)
            {
                // Only values that differ from their defaults are stored, in table order.
                for (int i = 0; i < _stored.Count; i++)
                {
                    int key = _stored.KeyAt(i);
                    changed.Add(new SettingEntry(NameOf(key / 128), key % 128, null));
                    if (_kinds[key / 128] == (byte)SettingKind.Password && _stored.TextAt(i).Length > 0)
                    {
                        // A password's default is empty, so every set password is stored and is cleared now.
                        passwordsCleared.Add(NameOf(key / 128));
                    }
                    if (!RebootRequired && SettingsTable.Define(key / 128).NeedsReboot)
                    {
                        RebootRequired = true;
                        rebootNewlyRequired = true;
                    }
                }
                ResetToDefaults();
                _unknown.Clear();
                IsDirty = false;
                if (_medium != null)
                {
                    try
                    {
                        _medium.Delete(SlotA);
                        _medium.Delete(SlotB);
                        _currentSlot = null;
                    }
                    catch (Exception ex)
                    {
                        // _sequence is kept, so a later save still outranks whatever copy survived.
                        error = "settings: deleting the stored copies failed (" + ex.Message + ")";
                        IsDirty = true;
                    }
                }
            }
            for (int i = 0; i < changed.Count; i++)
            {
                SettingEntry e = (SettingEntry)changed[i];
                SettingChanged?.Invoke(e.Name, e.Idx, FindDefinition(e.Name).NeedsReboot);
            }
            for (int i = 0; i < passwordsCleared.Count; i++)
            {
                PasswordStateChanged?.Invoke((string)passwordsCleared[i], false);
            }
            if (rebootNewlyRequired)
            {
                RebootRequiredRaised?.Invoke();
            }
            return error;
        }

        // ---- XML ----

        /// <summary>Applies a provisioning file in the phones' XML format; see <see cref="XmlSettingsImporter"/>.</summary>
        public SettingsImportReport ImportXml(byte[] data, int offset, int length) => XmlSettingsImporter.Import(this, data, offset, length);

        /// <summary>The settings in the phones' XML format (UTF-8); see <see cref="XmlSettingsExporter"/>.</summary>
        public byte[] ExportXml(bool includeDefaults) => XmlSettingsExporter.Export(this, includeDefaults);

        // ---- internals ----

        private void ResetToDefaults()
        {
            _stored = StoredValues.Empty;
        }

        private int Ordinal(string name)
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

        private string Value(int ordinal, int idx)
        {
            StoredValues stored = _stored;
            int at = stored.Find(StoredValues.Key(ordinal, idx));
            return at >= 0 ? stored.TextAt(at) : DefaultFor(ordinal, idx);
        }

        private string DefaultFor(int ordinal, int idx) =>
            idx == 1 && _first[ordinal] != 0 ? _firstDefaults[_first[ordinal] - 1] : _defaults[ordinal];

        private void Put(int ordinal, int idx, string value)
        {
            int key = StoredValues.Key(ordinal, idx);
            _stored = value == DefaultFor(ordinal, idx) ? _stored.Without(key) : _stored.With(key, value);
        }

        /// <summary>http_pass set again with the same password still changes when http_user changed since (a new HA1).</summary>
        private bool SameDigestUser(SettingDefinition def, string current) =>
            def.Name != SettingNames.HttpPassword || PasswordHash.DigestUser(current) == Value(Ordinal(SettingNames.HttpUser), 0);

        private string Prepare(SettingDefinition def, string value, out string stored)
        {
            stored = null;
            if (def.Kind == SettingKind.Password && PasswordHash.IsHashForm(value))
            {
                stored = value;
                return null;
            }
            string error = SettingValidator.Check(def, value, out string normalized);
            if (error != null)
            {
                return error;
            }
            if (def.Kind == SettingKind.Password && normalized.Length > 0 && def.Name == SettingNames.HttpPassword)
            {
                // HTTP Digest needs HA1 on the server: made for the http_user of this moment (docs/security.md).
                normalized = PasswordHash.CreateDigest(Value(Ordinal(SettingNames.HttpUser), 0), normalized);
            }
            else if (def.Kind == SettingKind.Password && normalized.Length > 0)
            {
                byte[] salt = new byte[PasswordHash.SaltBytes];
                _random.NextBytes(salt);
                normalized = PasswordHash.Create(normalized, salt, PasswordHash.DefaultIterations);
            }
            stored = normalized;
            return null;
        }

        private void ApplyStored(ArrayList entries, ArrayList problems)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                SettingEntry e = (SettingEntry)entries[i];
                SettingDefinition def = FindDefinition(e.Name);
                if (def == null)
                {
                    _unknown.Add(e);
                    continue;
                }
                string error = CheckIndex(def, e.Idx);
                if (error == null)
                {
                    error = Prepare(def, e.Value, out string stored);
                    if (error == null)
                    {
                        Put(def.Ordinal, e.Idx, stored);
                        continue;
                    }
                    error = Label(def, e.Idx) + ": " + error;
                }
                problems.Add("stored value refused, default used: " + error);
            }
        }

        private string Serialize()
        {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < _stored.Count; i++)
            {
                int key = _stored.KeyAt(i);
                SettingsPayload.Append(sb, NameOf(key / 128), key % 128, _stored.TextAt(i));
            }
            for (int i = 0; i < _unknown.Count; i++)
            {
                SettingEntry e = (SettingEntry)_unknown[i];
                SettingsPayload.Append(sb, e.Name, e.Idx, e.Value);
            }
            return sb.ToString();
        }

        /// <summary>Reads both slots and returns the newest intact one (null if none), remembering which it is.</summary>
        private byte[] ScanSlots(ArrayList problems, out int payloadLength)
        {
            byte[] a = ReadSlot(SlotA, problems, out uint seqA, out int lenA);
            byte[] b = ReadSlot(SlotB, problems, out uint seqB, out int lenB);
            // Serial-number order, not plain '>': after 2^32 saves the sequence wraps to 0, and that copy is the newer.
            bool useA = a != null && (b == null || SettingsSlot.IsNewer(seqA, seqB));
            byte[] chosen = useA ? a : b;
            _currentSlot = chosen == null ? null : (useA ? SlotA : SlotB);
            _sequence = chosen == null ? 0 : (useA ? seqA : seqB);
            _slotsScanned = true;
            payloadLength = useA ? lenA : lenB;
            return chosen;
        }

        private byte[] ReadSlot(string name, ArrayList problems, out uint sequence, out int payloadLength)
        {
            sequence = 0;
            payloadLength = 0;
            byte[] blob;
            try
            {
                blob = _medium == null ? null : _medium.Read(name);
            }
            catch (Exception ex)
            {
                problems.Add(name + ": unreadable (" + ex.Message + ")");
                return null;
            }
            if (blob == null)
            {
                return null;
            }
            string error = SettingsSlot.Check(blob, out sequence, out payloadLength);
            if (error != null)
            {
                problems.Add(name + ": " + error + ", ignored");
                sequence = 0;
                return null;
            }
            return blob;
        }

        internal static string CheckIndex(SettingDefinition def, int idx)
        {
            if (def.IsIndexed)
            {
                return idx >= 1 && idx <= def.MaxIndex
                    ? null
                    : def.Name + ": index " + idx.ToString() + " is out of range 1.." + def.MaxIndex.ToString();
            }
            return idx == 0 ? null : def.Name + ": is not indexed (index " + idx.ToString() + " given)";
        }

        internal static string Label(SettingDefinition def, int idx) =>
            def.IsIndexed ? def.Name + "[" + idx.ToString() + "]" : def.Name;

        private static int ToInt(string value) => SettingValidator.TryParseInt(value, out int n) ? n : 0;

        private string NameOf(int ordinal)
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
            public string[] Defaults;
            public byte[] First;
            public string[] FirstDefaults;
            private int _count;
            private int _firstCount;
            private int _textLength;

            public void Allocate()
            {
                NameText = new byte[_textLength];
                NameStart = new short[_count + 1];
                Kinds = new byte[_count];
                MaxIndex = new byte[_count];
                Defaults = new string[_count];
                First = new byte[_count];
                FirstDefaults = new string[_firstCount];
                _count = 0;
                _firstCount = 0;
                _textLength = 0;
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
                    Defaults[_count] = defaultValue;
                    if (firstIndexDefault != null)
                    {
                        FirstDefaults[_firstCount] = firstIndexDefault;
                        First[_count] = (byte)(_firstCount + 1);
                    }
                }
                _firstCount += firstIndexDefault == null ? 0 : 1;
                _textLength += name.Length;
                _count++;
            }
        }

        internal static string[] ToStrings(ArrayList list)
        {
            string[] result = new string[list.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)list[i];
            }
            return result;
        }
    }
}
