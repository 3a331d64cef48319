using System;
using System.Collections.Generic;
using DeskPhone.Domain.Time;

namespace DeskPhone.Firmware.Tests.Time
{
    /// <summary>Records the requests (with the test's clock at sending) and hands out queued answers.</summary>
    internal sealed class FakeNtpChannel : INtpChannel
    {
        public readonly List<(string Host, int Port, byte[] Data, int Length, long At)> Sent = new List<(string, int, byte[], int, long)>();
        public readonly Queue<byte[]> Inbound = new Queue<byte[]>();
        public long Now;
        public bool Unresolvable;
        public int Closed;

        public bool Send(string host, int port, byte[] data, int length)
        {
            Sent.Add((host, port, (byte[])data.Clone(), length, Now));
            return !Unresolvable;
        }

        public int Receive(byte[] buffer)
        {
            if (Inbound.Count == 0)
            {
                return 0;
            }
            byte[] d = Inbound.Dequeue();
            Array.Copy(d, buffer, d.Length);
            return d.Length;
        }

        public void Close() => Closed++;

        public byte[] LastRequest => Sent[Sent.Count - 1].Data;
    }
}
