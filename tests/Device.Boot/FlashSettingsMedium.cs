using DeskPhone.Cost;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The settings flash, as the board's FileSettingsMedium (I:\\) uses it: nothing of the provisioned settings stays in
    /// the heap between reads. The blob the script provisioned is made anew from its profile on each read
    /// (<see cref="BootProgram.Provisioned"/>: the same store, values and save, so the same bytes, checked once by
    /// <see cref="Seal"/>); what the phone writes afterwards (the call lists after a call, a settings save) is kept as
    /// written, byte for byte, until it is written again or deleted (tests/Device.Cost's MemorySettingsMedium, linked
    /// here). Each read returns a copy, as File.ReadAllBytes does.
    /// </summary>
    internal sealed class FlashSettingsMedium : MemorySettingsMedium
    {
        // The profile whose provisioning is in _provisioned (null: a plain medium, as the provisioning's own).
        private readonly LoadProfile _profile;
        private string _provisioned;

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
            byte[] written = TakeFirst(out string name);
            _provisioned = name;
            byte[] made = Read(name);
            if (written == null || made == null || made.Length != written.Length)
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
        public byte[] TakeWritten() => TakeFirst(out _);

        public override byte[] Read(string name)
        {
            byte[] blob = base.Read(name);
            if (blob != null)
            {
                byte[] copy = new byte[blob.Length];
                System.Array.Copy(blob, copy, copy.Length);
                return copy;
            }
            return Provisioned(name) ? BootProgram.Provisioned(_profile) : null;
        }

        public override void Write(string name, byte[] data, int offset, int count)
        {
            if (Provisioned(name))
            {
                _provisioned = null;
            }
            base.Write(name, data, offset, count);
        }

        public override void Delete(string name)
        {
            if (Provisioned(name))
            {
                _provisioned = null;
            }
            base.Delete(name);
        }

        private bool Provisioned(string name) => (object)_provisioned != null && _provisioned == name;
    }
}
