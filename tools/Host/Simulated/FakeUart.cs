using System;
using System.Collections.Generic;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Host.Simulated
{
    /// <summary>UART in memory: the test injects received bytes and inspects everything written.</summary>
    public sealed class FakeUart : IUart
    {
        private readonly Queue<byte> _rx = new Queue<byte>();

        public List<byte> Written { get; } = new List<byte>();

        public void Inject(params byte[] bytes)
        {
            foreach (byte b in bytes) _rx.Enqueue(b);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _rx.Count > 0) buffer[offset + n++] = _rx.Dequeue();
            return n;
        }

        public void Write(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++) Written.Add(data[offset + i]);
        }

        public byte[] TakeWritten()
        {
            byte[] all = Written.ToArray();
            Written.Clear();
            return all;
        }
    }
}
