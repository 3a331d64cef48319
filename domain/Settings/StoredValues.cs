namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The settings values that differ from their defaults, sorted by key (ordinal * 128 + index) for a binary search.
    /// A phone changes a few dozen of its few hundred values, so storing only those keeps the heap small. The key set
    /// of an instance never changes: adding or removing a value makes a new one, so a lock-free reader always sees a
    /// consistent pair of arrays; only a value already present is replaced in place.
    /// </summary>
    internal sealed class StoredValues
    {
        /// <summary>
        /// No values: a new instance each time, let go once a value is stored (a static one stayed for good, 84 B and a
        /// static field, docs/benchmarks.md h-office4).
        /// </summary>
        public static StoredValues None() => new StoredValues(new short[0], new string[0]);

        private readonly short[] _keys;
        private readonly string[] _texts;

        private StoredValues(short[] keys, string[] texts)
        {
            _keys = keys;
            _texts = texts;
        }

        public int Count => _keys.Length;

        public static int Key(int ordinal, int idx) => ordinal * 128 + idx;

        public int KeyAt(int i) => _keys[i];

        public string TextAt(int i) => _texts[i];

        /// <summary>Position of the key, or the bitwise complement of where it would go.</summary>
        public int Find(int key)
        {
            int lo = 0;
            int hi = _keys.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int k = _keys[mid];
                if (k == key)
                {
                    return mid;
                }
                if (k < key)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return ~lo;
        }

        /// <summary>
        /// These values with key set to text: this instance when the key is present (replaced in place), else a new one.
        /// A text equal to one already stored is kept as that object: a provisioned phone's identities share their
        /// registrar, the admin and bench passwords often their hash (each parsed from the medium as a string of its
        /// own, 24-84 B each; docs/benchmarks.md h-office4).
        /// </summary>
        public StoredValues With(int key, string text)
        {
            text = Shared(text);
            int at = Find(key);
            if (at >= 0)
            {
                _texts[at] = text;
                return this;
            }
            at = ~at;
            short[] keys = new short[_keys.Length + 1];
            string[] texts = new string[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                int from = i < at ? i : i - 1;
                keys[i] = i == at ? (short)key : _keys[from];
                texts[i] = i == at ? text : _texts[from];
            }
            return new StoredValues(keys, texts);
        }

        /// <summary>The stored object equal to <paramref name="text"/>, else <paramref name="text"/> itself.</summary>
        private string Shared(string text)
        {
            if ((object)text == null)
            {
                return null;
            }
            string[] texts = _texts;
            for (int i = 0; i < texts.Length; i++)
            {
                // Every slot of an instance is written (With and Without copy all of them); a null one is skipped
                // before comparing, as nanoCLR's string compare does not take one.
                string held = texts[i];
                if ((object)held != null && held == text)
                {
                    return held;
                }
            }
            return text;
        }

        /// <summary>These values without key: this instance when it is absent, else a new one.</summary>
        public StoredValues Without(int key)
        {
            int at = Find(key);
            if (at < 0)
            {
                return this;
            }
            short[] keys = new short[_keys.Length - 1];
            string[] texts = new string[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                int from = i < at ? i : i + 1;
                keys[i] = _keys[from];
                texts[i] = _texts[from];
            }
            return new StoredValues(keys, texts);
        }
    }
}
