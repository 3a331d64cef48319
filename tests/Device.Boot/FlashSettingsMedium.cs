using DeskPhone.Domain.Settings;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The settings flash, as the board's FileSettingsMedium (I:\\) uses it: nothing of the provisioned settings stays in
    /// the heap between reads. The blob the script provisioned is made anew from its profile on each read
    /// (<see cref="BootProgram.Provisioned"/>: the same store, values and save, so the same bytes, checked once by
    /// <see cref="Seal"/>); what the phone writes afterwards (the call lists after a call, a settings save) is kept as
    /// written, byte for byte, until it is written again or deleted. Each read returns a copy, as File.ReadAllBytes does.
    /// </summary>
    internal sealed class FlashSettingsMedium : ISettingsMedium
    {
        // The profile whose provisioning is in _provisioned (null: a plain medium, as the provisioning's own).
        private readonly LoadProfile _profile;
        private string _provisioned;

        // The blobs written (by name), made by the first write: two slots, grown when a third name comes.
        private string[] _names;
        private byte[][] _blobs;

        public FlashSettingsMedium(LoadProfile profile)
        {
            _profile = profile;
        }

        /// <summary>
        /// Ends the provisioning: the blob it wrote is let go and from now on made anew from the profile when read.
        /// Returns whether the blob made anew is, byte for byte, the one written.
        /// </summary>
        public bool Seal()
        {
            string name = _names[0];
            byte[] written = TakeWritten();
            _provisioned = name;
            byte[] made = Read(name);
            if (made == null || made.Length != written.Length)
            {
                return false;
            }
            for (int i = 0; i < made.Length; i++)
            {
                if (made[i] != written[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The one blob written (the provisioning's), let go here: the medium is empty again.</summary>
        public byte[] TakeWritten()
        {
            byte[] blob = _blobs[0];
            _names = null;
            _blobs = null;
            return blob;
        }

        public byte[] Read(string name)
        {
            int i = IndexOf(name);
            if (i >= 0)
            {
                byte[] copy = new byte[_blobs[i].Length];
                System.Array.Copy(_blobs[i], copy, copy.Length);
                return copy;
            }
            return Provisioned(name) ? BootProgram.Provisioned(_profile) : null;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(data, offset, copy, 0, count);
            if (Provisioned(name))
            {
                _provisioned = null;
            }
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

        public void Delete(string name)
        {
            if (Provisioned(name))
            {
                _provisioned = null;
            }
            int i = IndexOf(name);
            if (i >= 0)
            {
                _names[i] = null;
                _blobs[i] = null;
            }
        }

        private bool Provisioned(string name) => (object)_provisioned != null && _provisioned == name;

        /// <summary>The slot holding the name (null: a free slot), -1 for none (or nothing written yet).</summary>
        private int IndexOf(string name)
        {
            for (int i = 0; _names != null && i < _names.Length; i++)
            {
                // References first: comparing with a never-written slot (a null string) can crash nanoCLR, and the
                // conditional form of this test ((object)name == null ? ... : ...) never found a free slot there.
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
