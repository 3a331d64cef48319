using System.Collections.Generic;
using System.IO;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    /// <summary>
    /// In-memory medium that can lose power during a write: after WriteBudget bytes the write stops and throws.
    /// KeepOldTail models flash that was overwritten in place (the rest of the old file survives) rather than truncated.
    /// </summary>
    internal sealed class CutMedium : ISettingsMedium
    {
        public readonly Dictionary<string, byte[]> Blobs = new Dictionary<string, byte[]>();

        public int WriteBudget = -1;
        public bool KeepOldTail;
        public bool FailReads;

        /// <summary>The cut write returns normally (a medium that loses data without an error).</summary>
        public bool SilentCut;
        public int Writes;

        public byte[] Read(string name)
        {
            if (FailReads)
            {
                throw new IOException("read error");
            }
            return Blobs.TryGetValue(name, out byte[] data) ? (byte[])data.Clone() : null;
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
            byte[] old = Blobs.TryGetValue(name, out byte[] o) ? o : new byte[0];
            byte[] result = new byte[KeepOldTail ? System.Math.Max(n, old.Length) : n];
            if (KeepOldTail)
            {
                System.Array.Copy(old, result, old.Length);
            }
            System.Array.Copy(data, offset, result, 0, n);
            Blobs[name] = result;
            if (SilentCut)
            {
                return;
            }
            throw new IOException("power cut after " + n + " bytes");
        }

        public void Delete(string name) => Blobs.Remove(name);

        public CutMedium Clone()
        {
            var c = new CutMedium();
            foreach (var kv in Blobs)
            {
                c.Blobs[kv.Key] = (byte[])kv.Value.Clone();
            }
            return c;
        }
    }
}
