using System.Collections;
using DeskPhone.Domain.Settings;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// Settings medium in memory (a Hashtable of blobs) that can lose power during a write, as tests/Firmware.Tests'
    /// CutMedium does on the host: after WriteBudget bytes the write stops and throws; with KeepOldTail the rest of the
    /// old blob survives (flash overwritten in place) instead of the blob being truncated.
    /// </summary>
    public sealed class MemoryMedium : ISettingsMedium
    {
        public readonly Hashtable Blobs = new Hashtable();
        public int WriteBudget = -1;
        public bool KeepOldTail;
        public int Writes;

        public byte[] Read(string name)
        {
            byte[] data = (byte[])Blobs[name];
            return data == null ? null : (byte[])data.Clone();
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            Writes++;
            if (WriteBudget < 0 || WriteBudget >= count)
            {
                byte[] copy = new byte[count];
                System.Array.Copy(data, offset, copy, 0, count);
                Blobs[name] = copy;
                return;
            }
            int n = WriteBudget;
            byte[] old = (byte[])Blobs[name];
            if (old == null)
            {
                old = new byte[0];
            }
            byte[] result = new byte[KeepOldTail && old.Length > n ? old.Length : n];
            if (KeepOldTail)
            {
                System.Array.Copy(old, result, old.Length);
            }
            System.Array.Copy(data, offset, result, 0, n);
            Blobs[name] = result;
            throw new System.IO.IOException("power cut after " + n.ToString() + " bytes");
        }

        public void Delete(string name)
        {
            Blobs.Remove(name);
        }

        public MemoryMedium Clone()
        {
            var c = new MemoryMedium { KeepOldTail = KeepOldTail };
            foreach (DictionaryEntry e in Blobs)
            {
                c.Blobs[e.Key] = ((byte[])e.Value).Clone();
            }
            return c;
        }
    }
}
