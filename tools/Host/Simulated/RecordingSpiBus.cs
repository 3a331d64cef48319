using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Host.Simulated
{
    /// <summary>SPI device that records every transfer together with the data/command pin level at that moment.</summary>
    public sealed class RecordingSpiBus : ISpiBus
    {
        private readonly RecordingOutputPin _dc;

        public RecordingSpiBus(RecordingOutputPin dataCommand = null) { _dc = dataCommand; }

        /// <summary>(data = DC high, bytes) per Write call.</summary>
        public List<(bool Data, byte[] Bytes)> Transfers { get; } = new List<(bool, byte[])>();

        public void Write(byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            Transfers.Add((_dc == null || _dc.Level, copy));
        }

        /// <summary>"C2A D00000013F ..." : C = command byte(s), D = data bytes, consecutive data writes merged.</summary>
        public string Transcript()
        {
            var sb = new StringBuilder();
            bool? last = null;
            foreach (var (data, bytes) in Transfers)
            {
                if (last != data || !data)
                {
                    if (sb.Length > 0) sb.Append(' ');
                    sb.Append(data ? 'D' : 'C');
                }
                sb.Append(Convert.ToHexString(bytes));
                last = data;
            }
            return sb.ToString();
        }

        public void Clear() => Transfers.Clear();
    }
}
