using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Provisioning;

namespace DeskPhone.Firmware.Tests.Updates
{
    /// <summary>A server behind <see cref="IHttpChannel"/> that answers by the request's path (what a file server does), 404 else.</summary>
    internal sealed class PathHttpServer : IHttpChannel
    {
        public readonly Dictionary<string, byte[]> Files = new Dictionary<string, byte[]>();
        public readonly List<string> Paths = new List<string>();
        private byte[] _answer;
        private int _sent;

        public int State { get; private set; }

        public void Serve(UpdateSet set, string folder)
        {
            Files[folder + "update.txt"] = set.Manifest();
            foreach (var f in set.Files)
            {
                Files[folder + f.Name] = f.Data;
            }
        }

        public string Error => null;

        public bool Open(string host, int port, bool tls)
        {
            State = HttpChannelState.Connected;
            _answer = null;
            return true;
        }

        public bool Send(byte[] data, int offset, int length)
        {
            string path = Encoding.ASCII.GetString(data, offset, length).Split(' ')[1];
            Paths.Add(path);
            byte[] body = Files.TryGetValue(path, out byte[] b) ? b : null;
            string head = body == null ? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n" : "HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\n\r\n";
            var all = new List<byte>(Encoding.ASCII.GetBytes(head));
            all.AddRange(body ?? Array.Empty<byte>());
            _answer = all.ToArray();
            _sent = 0;
            return true;
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_answer == null || _sent == _answer.Length)
            {
                return -1;
            }
            int n = Math.Min(count, _answer.Length - _sent);
            Array.Copy(_answer, _sent, buffer, offset, n);
            _sent += n;
            return n;
        }

        public void Close() => State = HttpChannelState.Failed;
    }
}
