using System;
using System.Text;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The settings values that differ from their defaults, sorted by key (ordinal * 128 + index) for a binary search.
    /// A phone changes a few dozen of its few hundred values, so storing only those keeps the heap small. Their texts are
    /// kept as UTF-8 in one byte array, read into a new string when asked: a string object per value and its slot in a
    /// string array were 24-36 B each beside the text (a 12-identity, 45-key phone's 96 values 3.4 KB, now 1.7 KB;
    /// docs/benchmarks.md h-officerest2). A text equal to another value's (the registrar of every identity, the same
    /// password hash for the administrator and the web) is kept once: the later value holds a reference to the other's
    /// key instead (<see cref="Reference"/>; docs/benchmarks.md h-officerest3). An instance never changes: storing or
    /// removing a value makes a new one, so a lock-free reader always sees a consistent pair of arrays.
    /// </summary>
    internal sealed class StoredValues
    {
        /// <summary>
        /// No values: a new instance each time, let go once a value is stored (a static one stayed for good, 84 B and a
        /// static field, docs/benchmarks.md h-office4).
        /// </summary>
        public static StoredValues None() => new StoredValues(new int[0], new byte[0]);

        // Value i's key in the top 14 bits (ordinal < 128, index < 128) and the end of its text in _bytes in the low 18;
        // its text starts where value i - 1's ends. The validator's limits keep every value set far below 256 KB of
        // text (a heap of 80 KB could not hold more anyway).
        private readonly int[] _entries;
        private readonly byte[] _bytes;
        private const int EndBits = 18;
        private const int EndMask = (1 << EndBits) - 1;

        private StoredValues(int[] entries, byte[] bytes)
        {
            _entries = entries;
            _bytes = bytes;
        }

        public int Count => _entries.Length;

        public static int Key(int ordinal, int idx) => ordinal * 128 + idx;

        public int KeyAt(int i) => (int)((uint)_entries[i] >> EndBits);

        private int EndAt(int i) => i < 0 ? 0 : _entries[i] & EndMask;

        /// <summary>Value i's text, a new string (the empty one shared).</summary>
        public string TextAt(int i)
        {
            int referred = ReferredKey(i);
            if (referred >= 0)
            {
                i = Find(referred);
            }
            int start = EndAt(i - 1);
            int length = EndAt(i) - start;
            return length == 0 ? string.Empty : Encoding.UTF8.GetString(_bytes, start, length);
        }

        // A value whose text is another's: this byte (never one of UTF-8's) and the other's key, high byte first. The
        // other value's text is its own (a reference never points at a reference), so a read follows at most one.
        private const byte Reference = 0xFF;
        private const int ReferenceLength = 3;

        /// <summary>The key whose text value i refers to, -1 when value i keeps its own.</summary>
        private int ReferredKey(int i)
        {
            int start = EndAt(i - 1);
            return EndAt(i) - start == ReferenceLength && _bytes[start] == Reference ? (_bytes[start + 1] << 8) | _bytes[start + 2] : -1;
        }

        /// <summary>The value other than <paramref name="key"/>'s whose own text is <paramref name="text"/>, -1 for none.</summary>
        private int Holding(byte[] text, int key)
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                int start = EndAt(i - 1);
                int length = EndAt(i) - start;
                if (length != text.Length || KeyAt(i) == key)
                {
                    continue;
                }
                int n = 0;
                while (n < length && _bytes[start + n] == text[n])
                {
                    n++;
                }
                if (n == length)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>
        /// These values with every reference to <paramref name="key"/>'s text replaced by a copy of it, before that
        /// value changes or goes: this instance when none refers to it.
        /// </summary>
        private StoredValues Unshared(int key)
        {
            StoredValues values = this;
            for (int i = 0; i < values.Count; i++)
            {
                if (values.ReferredKey(i) == key)
                {
                    int at = values.Find(key);
                    int start = values.EndAt(at - 1);
                    byte[] text = new byte[values.EndAt(at) - start];
                    Array.Copy(values._bytes, start, text, 0, text.Length);
                    values = values.Replaced(i, 0, values.KeyAt(i), text);
                }
            }
            return values;
        }

        /// <summary>Position of the key, or the bitwise complement of where it would go.</summary>
        public int Find(int key)
        {
            int lo = 0;
            int hi = _entries.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int k = KeyAt(mid);
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

        /// <summary>These values with key set to text (null stores the empty text): always a new instance.</summary>
        public StoredValues With(int key, string text)
        {
            byte[] added = (object)text == null ? new byte[0] : Encoding.UTF8.GetBytes(text);
            StoredValues values = Unshared(key);
            int same = added.Length > ReferenceLength ? values.Holding(added, key) : -1;
            if (same >= 0)
            {
                int other = values.KeyAt(same);
                added = new byte[] { Reference, (byte)(other >> 8), (byte)other };
            }
            int at = values.Find(key);
            return at >= 0 ? values.Replaced(at, 0, key, added) : values.Replaced(~at, 1, key, added);
        }

        /// <summary>These values without key: this instance when it is absent, else a new one.</summary>
        public StoredValues Without(int key)
        {
            if (Find(key) < 0)
            {
                return this;
            }
            StoredValues values = Unshared(key);
            return values.Replaced(values.Find(key), -1, key, null);
        }

        /// <summary>
        /// A copy with value <paramref name="at"/>'s text replaced by <paramref name="added"/> (<paramref name="grow"/> 0),
        /// a new value inserted there (1) or value <paramref name="at"/> removed (-1, <paramref name="added"/> null).
        /// </summary>
        private StoredValues Replaced(int at, int grow, int key, byte[] added)
        {
            int start = EndAt(at - 1);
            int end = grow == 1 ? start : EndAt(at);
            int addedLength = added == null ? 0 : added.Length;
            int shift = addedLength - (end - start);
            if (_bytes.Length + shift > EndMask)
            {
                throw new ArgumentException("settings: values too long");
            }
            byte[] bytes = new byte[_bytes.Length + shift];
            Array.Copy(_bytes, 0, bytes, 0, start);
            if (addedLength > 0)
            {
                Array.Copy(added, 0, bytes, start, addedLength);
            }
            Array.Copy(_bytes, end, bytes, start + addedLength, _bytes.Length - end);
            int[] entries = new int[_entries.Length + grow];
            for (int i = 0; i < entries.Length; i++)
            {
                if (i < at)
                {
                    entries[i] = _entries[i];
                }
                else if (i == at && grow >= 0)
                {
                    entries[i] = (key << EndBits) | (start + addedLength);
                }
                else
                {
                    // A later value: same key, its end moved by the change (never past the key's bits, checked above).
                    entries[i] = _entries[i - grow] + shift;
                }
            }
            return new StoredValues(entries, bytes);
        }
    }
}
