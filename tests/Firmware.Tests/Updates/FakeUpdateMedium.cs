using System;
using System.Collections.Generic;
using System.IO;
using DeskPhone.Firmware.Updates;

namespace DeskPhone.Firmware.Tests.Updates
{
    /// <summary>
    /// Flash in memory with a power cut: every write, append and delete is one step; the step numbered
    /// <see cref="CutAtStep"/> is torn (a write or append keeps only its first half, as a cut mid-write leaves it) and
    /// from then on every call fails until <see cref="PowerOn"/>.
    /// </summary>
    internal sealed class FakeUpdateMedium : IUpdateMedium
    {
        public readonly Dictionary<string, List<byte>> Files = new Dictionary<string, List<byte>>();
        public int Steps;
        public int CutAtStep = int.MaxValue;
        public bool Off;

        public void PowerOn()
        {
            Off = false;
            CutAtStep = int.MaxValue;
        }

        public byte[] Read(string name)
        {
            Alive();
            return Files.TryGetValue(name, out List<byte> f) ? f.ToArray() : null;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            if (Step())
            {
                Files[name] = new List<byte>(data[offset..(offset + count / 2)]);
                Cut();
            }
            Files[name] = new List<byte>(data[offset..(offset + count)]);
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            if (!Files.TryGetValue(name, out List<byte> f))
            {
                Files[name] = f = new List<byte>();
            }
            if (Step())
            {
                f.AddRange(data[offset..(offset + count / 2)]);
                Cut();
            }
            f.AddRange(data[offset..(offset + count)]);
        }

        public void Delete(string name)
        {
            if (Step())
            {
                Cut();
            }
            Files.Remove(name);
        }

        public int Length(string name)
        {
            Alive();
            return Files.TryGetValue(name, out List<byte> f) ? f.Count : -1;
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            Alive();
            List<byte> f = Files[name];
            int n = Math.Max(0, Math.Min(count, f.Count - position));
            f.CopyTo(position, buffer, offset, n);
            return n;
        }

        private bool Step()
        {
            Alive();
            return ++Steps == CutAtStep;
        }

        private void Cut()
        {
            Off = true;
            throw new IOException("power cut");
        }

        private void Alive()
        {
            if (Off)
            {
                throw new IOException("no power");
            }
        }
    }
}
