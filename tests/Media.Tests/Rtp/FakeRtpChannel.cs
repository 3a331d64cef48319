using System;
using System.Collections.Generic;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Media.Tests.Rtp
{
    /// <summary>An <see cref="IRtpChannel"/> in memory: datagrams queued to arrive (each with where it came from), datagrams sent with where they went.</summary>
    public sealed class FakeRtpChannel : IRtpChannel
    {
        private readonly Queue<(byte[] Data, string From)> _arriving = new Queue<(byte[], string)>(1024);
        private string _lastFrom;

        public int Port { get; private set; } = -1;
        public bool Refuse { get; set; }

        /// <summary>Ports this channel cannot bind (held by another socket); the others it binds.</summary>
        public HashSet<int> Taken { get; } = new HashSet<int>();
        public string Remote { get; private set; }
        public List<(byte[] Data, string To)> Sent { get; } = new List<(byte[], string)>();

        /// <summary>When false, sends are only counted (the allocation test must not allocate in the fake).</summary>
        public bool Keep { get; set; } = true;

        public int SendCount { get; private set; }

        public void Arrive(byte[] data, string from = "192.0.2.20:4000") => _arriving.Enqueue((data, from));

        public bool Open(int localPort)
        {
            if (Refuse || Taken.Contains(localPort))
            {
                return false;
            }
            Port = localPort;
            return true;
        }

        public bool Connect(string address, int port)
        {
            Remote = address + ":" + port;
            return true;
        }

        public void Send(byte[] data, int length)
        {
            SendCount++;
            if (Keep)
            {
                Sent.Add((data.AsSpan(0, length).ToArray(), Remote));
            }
        }

        public int Receive(byte[] buffer)
        {
            if (Port < 0 || _arriving.Count == 0)
            {
                return 0;
            }
            var (data, from) = _arriving.Dequeue();
            Array.Copy(data, buffer, data.Length);
            _lastFrom = from;
            return data.Length;
        }

        public void Latch()
        {
            if (_lastFrom != null)
            {
                Remote = _lastFrom;
            }
        }

        public void Close() => Port = -1;
    }
}
