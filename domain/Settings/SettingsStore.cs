using System;
using System.Collections;
using DeskPhone.Domain.Signals;
using DeskPhone.Sip;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The phone's settings: typed access by the phones' setting names, validation, change notification, and
    /// passwords kept only as salted hashes. The table's columns and the name lookup are <see cref="SettingsIndex"/>,
    /// the values that differ from their defaults <see cref="StoredValues"/>, the two stored copies on the medium
    /// <see cref="SettingsSlotPair"/> (each copy's format <see cref="SettingsSlot"/>, its lines
    /// <see cref="SettingsPayload"/>), the XML import and export in XmlSettingsImporter.cs and XmlSettingsExporter.cs
    /// (parts of this class, not classes of their own: h-domslim).
    /// Reads are lock-free (two binary searches) and give a new string: a stored value's is read from the stored bytes,
    /// a default's points at its literal in the assembly (12 B; docs/benchmarks.md h-officerest2). Writes are serialised.
    /// </summary>
    public sealed partial class SettingsStore
    {
        public const string SlotA = "settings-a.bin";
        public const string SlotB = "settings-b.bin";

        private readonly SettingsIndex _index = new SettingsIndex();
        private StoredValues _stored = StoredValues.None();
        // Made by the first unknown setting kept (an import or an older file has one): a phone without any holds no list.
        private ArrayList _unknown;
        private readonly SettingsSlotPair _slots;
        /// <summary>
        /// The phone's one random source (password salts; a call's RTP SSRC and first sequence, firmware/Voice/CallVoice,
        /// which made a System.Random of its own for every call layer built, 48 B with its native state: h-callstream).
        /// </summary>
        public readonly Random Random;
        // Writes lock on _slots (private, made here and never handed out): no object of its own for the lock.
        // RebootRequired and IsDirty as bits of one field (h-office4).
        private int _flags;
        private const int RebootRequiredBit = 1;
        private const int DirtyBit = 2;


        // Optional parameters rather than overloads here and below: one method each on the device (h-domslim).
        /// <param name="medium">Where Load/Save keep the settings; null keeps them in memory only.</param>
        /// <param name="random">Salt source for password hashes; null uses a new System.Random.</param>
        public SettingsStore(ISettingsMedium medium = null, Random random = null)
        {
            _slots = new SettingsSlotPair(medium);
            Random = random ?? new Random();
        }

        /// <summary>A setting changed: its name, its index (0 for a global setting), whether the new value takes effect only after a reboot.</summary>
        public event TextNumberFlagHandler SettingChanged;
        /// <summary>
        /// admin_mode_password or http_pass became set or empty (drives PhoneHasNoAdminPassword / PhoneHasNoHttpPassword):
        /// its name, 0 (passwords are global settings) and whether it is set. The shape of <see cref="SettingChanged"/>,
        /// not a delegate type of its own (h-domslim).
        /// </summary>
        public event TextNumberFlagHandler PasswordStateChanged;
        /// <summary>A change that needs a reboot was made (the glue raises PhoneWantsReboot).</summary>
        public event SignalHandler RebootRequiredRaised;

        /// <summary>A setting that only takes effect after a reboot has changed since start-up.</summary>
        public bool RebootRequired
        {
            get => (_flags & RebootRequiredBit) != 0;
            private set => _flags = value ? _flags | RebootRequiredBit : _flags & ~RebootRequiredBit;
        }

        /// <summary>Changes since the last Load or Save.</summary>
        public bool IsDirty
        {
            get => (_flags & DirtyBit) != 0;
            private set => _flags = value ? _flags | DirtyBit : _flags & ~DirtyBit;
        }

        /// <summary>False for a store without a medium (the simulator's default): changes live in memory only.</summary>
        public bool IsPersistent => Medium != null;

        /// <summary>Where the settings are kept (null: memory only); other small state of the phone keeps its blob beside them.</summary>
        // The slot pair's, not a field of its own: a getter is 2 B of tables, a field 12 B of every phone's heap (h-domslim).
        public ISettingsMedium Medium => _slots.Medium;
        // ---- definitions ----

        public int DefinitionCount => _index.Count;

        /// <summary>The definition at a table position, built for the caller (each call gives a new object).</summary>
        public SettingDefinition GetDefinition(int ordinal) => SettingsTable.Define(ordinal);

        public SettingDefinition FindDefinition(string name)
        {
            int ordinal = _index.Ordinal(name);
            return ordinal < 0 ? null : SettingsTable.Define(ordinal);
        }

        public bool IsDefined(string name) => _index.Ordinal(name) >= 0;

        // ---- reads ----

        // Get, GetInt and GetBool keep their one-argument overloads: an optional index would add its constant to each of
        // DeskPhone.Firmware's 73 calls without one, near its 64 KB byte code table (h-domslim).

        /// <summary>A global setting's value; for an indexed setting, index 1. Null for an unknown name.</summary>
        public string Get(string name) => GetAt(_index.Ordinal(name), 1);

        /// <summary>Value of index idx (global settings ignore idx). Null for an unknown name or an index out of range.</summary>
        public string Get(string name, int idx) => GetAt(_index.Ordinal(name), idx);

        /// <summary>
        /// A setting's position in the table, for <see cref="GetAt"/>; -1 for an unknown name. The table is compiled
        /// in, so a position never changes: a caller on a hot path (the screen's composition) resolves its names once
        /// and reads by position, instead of a name lookup per read (a binary search whose every compare walks the
        /// name string through the runtime's character natives on the device).
        /// </summary>
        public int OrdinalOf(string name) => _index.Ordinal(name);

        /// <summary><see cref="Get(string, int)"/> by the position <see cref="OrdinalOf"/> gave; null for -1.</summary>
        public string GetAt(int ordinal, int idx)
        {
            if (ordinal < 0)
            {
                return null;
            }
            int max = _index.MaxIndexOf(ordinal);
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
            int ordinal = _index.Ordinal(name);
            string value = Get(name, idx);
            if (ordinal < 0 || value == null || (_index.KindOf(ordinal) != SettingKind.Secret && _index.KindOf(ordinal) != SettingKind.Password))
            {
                return value;
            }
            return value.Length == 0 ? string.Empty : "********";
        }

        // ---- passwords ----

        public bool IsPasswordSet(string name)
        {
            int ordinal = _index.Ordinal(name);
            return ordinal >= 0 && _index.KindOf(ordinal) == SettingKind.Password && Value(ordinal, 0).Length > 0;
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
            lock (_slots)
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
                    PasswordStateChanged?.Invoke(def.Name, 0, IsPasswordSet(def.Name));
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

        public int UnknownCount => _unknown == null ? 0 : _unknown.Count;

        public SettingEntry GetUnknown(int i) => (SettingEntry)_unknown[i];

        /// <summary>
        /// Unknown settings kept at most: imports come from the network (provisioning), and each kept one stays in the
        /// heap and on flash; a document of thousands of made-up names must not fill either.
        /// </summary>
        public const int MaxUnknown = 64;

        /// <summary>Keeps (or updates) an unknown setting; false when <see cref="MaxUnknown"/> others are kept already.</summary>
        internal bool KeepUnknown(string name, int idx, string value)
        {
            lock (_slots)
            {
                for (int i = 0; i < UnknownCount; i++)
                {
                    SettingEntry e = (SettingEntry)_unknown[i];
                    if (e.Name == name && e.Idx == idx)
                    {
                        if (e.Value != value)
                        {
                            e.Value = value;
                            IsDirty = true;
                        }
                        return true;
                    }
                }
                if (UnknownCount >= MaxUnknown)
                {
                    return false;
                }
                AddUnknown(new SettingEntry(name, idx, value));
                IsDirty = true;
                return true;
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
            lock (_slots)
            {
                ResetToDefaults();
                _unknown = null;
                byte[] chosen = _slots.ReadNewest(problems, out int length);
                bool fellBack = problems.Count > 0;
                if (chosen != null)
                {
                    ApplyStored(chosen, SettingsSlot.HeaderBytes + length, problems);
                }
                IsDirty = false;
                return new SettingsLoadReport(_slots.Current, chosen == null ? 0 : _slots.Sequence, fellBack, ToStrings(problems));
            }
        }

        /// <summary>
        /// Writes all non-default values and unknown settings to the slot not holding the newest good copy, then reads
        /// it back. Returns null on success, else what failed (the previous copy is still intact). Never throws.
        /// </summary>
        public string Save()
        {
            if (Medium == null)
            {
                return "settings: no storage medium";
            }
            lock (_slots)
            {
                string error = _slots.WriteBlob(SerializeBlob());
                if (error == null)
                {
                    IsDirty = false;
                }
                return error;
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
            lock (_slots)
            {
                // Only values that differ from their defaults are stored, in table order.
                for (int i = 0; i < _stored.Count; i++)
                {
                    int key = _stored.KeyAt(i);
                    changed.Add(new SettingEntry(_index.NameOf(key / 128), key % 128, null));
                    if (_index.KindOf(key / 128) == SettingKind.Password && _stored.TextAt(i).Length > 0)
                    {
                        // A password's default is empty, so every set password is stored and is cleared now.
                        passwordsCleared.Add(_index.NameOf(key / 128));
                    }
                    if (!RebootRequired && SettingsTable.Define(key / 128).NeedsReboot)
                    {
                        RebootRequired = true;
                        rebootNewlyRequired = true;
                    }
                }
                ResetToDefaults();
                _unknown = null;
                IsDirty = false;
                error = _slots.DeleteBoth();
                if (error != null)
                {
                    IsDirty = true;
                }
            }
            for (int i = 0; i < changed.Count; i++)
            {
                SettingEntry e = (SettingEntry)changed[i];
                SettingChanged?.Invoke(e.Name, e.Idx, FindDefinition(e.Name).NeedsReboot);
            }
            for (int i = 0; i < passwordsCleared.Count; i++)
            {
                PasswordStateChanged?.Invoke((string)passwordsCleared[i], 0, false);
            }
            if (rebootNewlyRequired)
            {
                RebootRequiredRaised?.Invoke();
            }
            return error;
        }

        // ---- internals ----

        private void ResetToDefaults()
        {
            _stored = StoredValues.None();
        }

        private string Value(int ordinal, int idx)
        {
            StoredValues stored = _stored;
            int at = stored.Find(StoredValues.Key(ordinal, idx));
            return at >= 0 ? stored.TextAt(at) : _index.DefaultFor(ordinal, idx);
        }

        private void Put(int ordinal, int idx, string value)
        {
            int key = StoredValues.Key(ordinal, idx);
            _stored = value == _index.DefaultFor(ordinal, idx) ? _stored.Without(key) : _stored.With(key, value);
        }

        /// <summary>http_pass set again with the same password still changes when http_user changed since (a new HA1).</summary>
        private bool SameDigestUser(SettingDefinition def, string current) =>
            def.Name != SettingNames.HttpPassword || PasswordHash.DigestUser(current) == Value(_index.Ordinal(SettingNames.HttpUser), 0);

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
                normalized = PasswordHash.CreateDigest(Value(_index.Ordinal(SettingNames.HttpUser), 0), normalized);
            }
            else if (def.Kind == SettingKind.Password && normalized.Length > 0)
            {
                byte[] salt = new byte[PasswordHash.SaltBytes];
                Random.NextBytes(salt);
                normalized = PasswordHash.Create(normalized, salt, PasswordHash.DefaultIterations);
            }
            stored = normalized;
            return null;
        }

        /// <summary>Applies the payload's entries (from its header's end to <paramref name="end"/>) one at a time, as read.</summary>
        private void ApplyStored(byte[] blob, int end, ArrayList problems)
        {
            int start = SettingsSlot.HeaderBytes;
            int lineNo = 0;
            SettingEntry e;
            while ((e = SettingsPayload.Next(blob, ref start, end, ref lineNo, problems)) != null)
            {
                SettingDefinition def = FindDefinition(e.Name);
                if (def == null)
                {
                    AddUnknown(e);
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

        private void AddUnknown(SettingEntry e)
        {
            if (_unknown == null)
            {
                _unknown = new ArrayList();
            }
            _unknown.Add(e);
        }

        /// <summary>
        /// The next slot's blob with the payload written after its header's room: the lines are counted first, then
        /// written into the one array (a large configuration's payload once on the heap, not three times).
        /// </summary>
        private byte[] SerializeBlob()
        {
            byte[] blob = new byte[SettingsSlot.HeaderBytes + WriteLines(null)];
            WriteLines(blob);
            return blob;
        }

        /// <summary>Every stored value, then the unknown settings, as payload lines into blob after its header; returns the payload's length.</summary>
        private int WriteLines(byte[] blob)
        {
            int at = SettingsSlot.HeaderBytes;
            for (int i = 0; i < _stored.Count; i++)
            {
                int key = _stored.KeyAt(i);
                at = SettingsPayload.WriteLine(blob, at, _index.NameOf(key / 128), key % 128, _stored.TextAt(i));
            }
            for (int i = 0; i < UnknownCount; i++)
            {
                SettingEntry e = (SettingEntry)_unknown[i];
                at = SettingsPayload.WriteLine(blob, at, e.Name, e.Idx, e.Value);
            }
            return at - SettingsSlot.HeaderBytes;
        }

        /// <summary>Null when the setting has that index (0 for a global one, 1..MaxIndex for an indexed one), else why not.</summary>
        public static string CheckIndex(SettingDefinition def, int idx)
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
