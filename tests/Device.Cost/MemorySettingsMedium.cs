using DeskPhone.Domain.Settings;

namespace DeskPhone.Cost
{
    /// <summary>
    /// The settings flash in RAM: named blobs (the device's medium is FileSettingsMedium on I:\). Also the boot
    /// scenario's flash stand-in's written blobs (tests/Device.Boot/FlashSettingsMedium.cs, linked there).
    /// </summary>
    internal class MemorySettingsMedium : ISettingsMedium
    {
        // The blobs by name, in two small arrays (the settings use two), made by the first write: a Hashtable and its
        // buckets would hold about 300 B more of the board's heap, which keeps its blobs in flash.
        private string[] _names;
        private byte[][] _blobs;

        public virtual byte[] Read(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? null : _blobs[i];
        }

        public virtual void Write(string name, byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(data, offset, copy, 0, count);
            if (_names == null)
            {
                _names = new string[2];
                _blobs = new byte[2][];
            }
            int i = IndexOf(name);
            if (i < 0)
            {
                i = IndexOf(null);
            }
            if (i < 0)
            {
                i = _names.Length;
                var names = new string[i * 2];
                var blobs = new byte[i * 2][];
                System.Array.Copy(_names, names, i);
                System.Array.Copy(_blobs, blobs, i);
                _names = names;
                _blobs = blobs;
            }
            _names[i] = name;
            _blobs[i] = copy;
        }

        public virtual void Delete(string name)
        {
            int i = IndexOf(name);
            if (i >= 0)
            {
                _names[i] = null;
                _blobs[i] = null;
            }
        }

        /// <summary>The first blob written and its name (null: none), let go with the others: the medium is empty again.</summary>
        protected byte[] TakeFirst(out string name)
        {
            name = _names == null ? null : _names[0];
            byte[] blob = _names == null ? null : _blobs[0];
            _names = null;
            _blobs = null;
            return blob;
        }

        /// <summary>The slot holding the name (null: a free slot), -1 for none (or nothing written yet).</summary>
        private int IndexOf(string name)
        {
            for (int i = 0; _names != null && i < _names.Length; i++)
            {
                // References first: comparing with a never-written slot (a null string) can crash nanoCLR, and the
                // conditional form of this test ((object)name == null ? ... : ...) never found a free slot there: every
                // first write grew both arrays to four slots.
                object slot = _names[i];
                if (slot == null ? (object)name == null : (object)name != null && (string)slot == name)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
