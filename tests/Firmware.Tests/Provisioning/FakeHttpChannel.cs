using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Provisioning;

namespace DeskPhone.Firmware.Tests.Provisioning
{
    /// <summary>
    /// A scripted server behind <see cref="IHttpChannel"/>: each <see cref="Open"/> takes the next scripted answer
    /// (or, with none left, refuses); records where it connected, when, and the bytes sent.
    /// </summary>
    internal sealed class FakeHttpChannel : IHttpChannel
    {
        /// <summary>One connection's behaviour: connect or not, then the answer's pieces and whether the server closes after them.</summary>
        public sealed class Answer
        {
            public bool Refuse;
            public bool NeverConnects;
            public readonly Queue<byte[]> Pieces = new Queue<byte[]>();
            public bool CloseAfter = true;

            public static Answer Of(string text, bool close = true)
            {
                var a = new Answer { CloseAfter = close };
                a.Pieces.Enqueue(Encoding.UTF8.GetBytes(text));
                return a;
            }

            public static Answer Xml(string xml) =>
                Of("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: " + Encoding.UTF8.GetByteCount(xml) + "\r\n\r\n" + xml);
        }

        public readonly Queue<Answer> Script = new Queue<Answer>();
        public readonly List<(string Host, int Port, long At)> Opens = new List<(string, int, long)>();
        public readonly List<string> Requests = new List<string>();
        public long Now;
        public int Closes;
        private Answer _current;

        public int State { get; private set; }

        public string Error => null;

        /// <summary>Whether the last open asked for TLS.</summary>
        public bool Tls;

        public bool Open(string host, int port, bool tls)
        {
            Tls = tls;
            Opens.Add((host, port, Now));
            _current = Script.Count > 0 ? Script.Dequeue() : new Answer { Refuse = true };
            State = _current.Refuse ? HttpChannelState.Failed : _current.NeverConnects ? HttpChannelState.Connecting : HttpChannelState.Connected;
            return true;
        }

        public bool Send(byte[] data, int offset, int length)
        {
            Requests.Add(Encoding.UTF8.GetString(data, offset, length));
            return State == HttpChannelState.Connected;
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_current == null || State != HttpChannelState.Connected)
            {
                return -1;
            }
            if (_current.Pieces.Count == 0)
            {
                return _current.CloseAfter ? -1 : 0;
            }
            byte[] piece = _current.Pieces.Peek();
            int n = Math.Min(count, piece.Length);
            Array.Copy(piece, 0, buffer, offset, n);
            _current.Pieces.Dequeue();
            if (n < piece.Length)
            {
                _current.Pieces.Enqueue(piece[n..]);
                // Keep order: move the rest to the front.
                int others = _current.Pieces.Count - 1;
                for (int i = 0; i < others; i++)
                {
                    _current.Pieces.Enqueue(_current.Pieces.Dequeue());
                }
            }
            return n;
        }

        public void Close()
        {
            Closes++;
            State = HttpChannelState.Failed;
            _current = null;
        }
    }
}
