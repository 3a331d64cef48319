using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// A DNS server on a free loopback UDP port answering from a table: SRV and A records by name (any case), NXDOMAIN
    /// for other names, or silence (<see cref="Silent"/>). Each answer echoes the query's ID and question.
    /// </summary>
    internal sealed class FakeDns : IDisposable
    {
        private readonly UdpClient _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly Thread _thread;
        private readonly Dictionary<string, List<byte[]>> _records = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
        public readonly List<string> Asked = new List<string>();
        public volatile bool Silent;
        /// <summary>Whether the SRV answers carry the targets' A records as additional records.</summary>
        public bool Additional = true;
        /// <summary>The TTL of the records added from now on (seconds).</summary>
        public int Ttl = 60;

        public FakeDns()
        {
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public string Server => "127.0.0.1:" + ((IPEndPoint)_udp.Client.LocalEndPoint).Port;

        public void Srv(string name, int priority, int weight, int port, string target)
        {
            var data = new List<byte> { (byte)(priority >> 8), (byte)priority, (byte)(weight >> 8), (byte)weight, (byte)(port >> 8), (byte)port };
            data.AddRange(Wire(target));
            Add(name, 33, data.ToArray());
        }

        public void A(string name, string address) => Add(name, 1, IPAddress.Parse(address).GetAddressBytes());

        private void Add(string name, int type, byte[] data)
        {
            var r = new List<byte>(Wire(name)) { 0, (byte)type, 0, 1, (byte)(Ttl >> 24), (byte)(Ttl >> 16), (byte)(Ttl >> 8), (byte)Ttl, (byte)(data.Length >> 8), (byte)data.Length };
            r.AddRange(data);
            string key = type + " " + name;
            if (!_records.TryGetValue(key, out List<byte[]> list))
            {
                _records[key] = list = new List<byte[]>();
            }
            list.Add(r.ToArray());
        }

        public static byte[] Wire(string name)
        {
            var b = new List<byte>();
            foreach (string label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                b.Add((byte)label.Length);
                foreach (char c in label)
                {
                    b.Add((byte)c);
                }
            }
            b.Add(0);
            return b.ToArray();
        }

        private void Serve()
        {
            try
            {
                while (true)
                {
                    IPEndPoint from = null;
                    byte[] q = _udp.Receive(ref from);
                    var name = new List<string>();
                    int at = 12;
                    for (; q[at] != 0; at += q[at] + 1)
                    {
                        name.Add(System.Text.Encoding.ASCII.GetString(q, at + 1, q[at]));
                    }
                    int type = q[at + 2];
                    string asked = type + " " + string.Join(".", name);
                    lock (Asked)
                    {
                        Asked.Add(asked);
                    }
                    if (Silent)
                    {
                        continue;
                    }
                    var answers = _records.TryGetValue(asked, out List<byte[]> found) ? found : new List<byte[]>();
                    var extra = new List<byte[]>();
                    if (type == 33 && Additional)
                    {
                        foreach (byte[] srv in answers)
                        {
                            string target = TargetOf(srv);
                            if (_records.TryGetValue("1 " + target, out List<byte[]> a))
                            {
                                extra.AddRange(a);
                            }
                        }
                    }
                    var r = new List<byte> { q[0], q[1], 0x81, (byte)(answers.Count == 0 ? 0x83 : 0x80), 0, 1, 0, (byte)answers.Count, 0, 0, 0, (byte)extra.Count };
                    r.AddRange(new ArraySegment<byte>(q, 12, at + 5 - 12));
                    answers.ForEach(r.AddRange);
                    extra.ForEach(r.AddRange);
                    _udp.Send(r.ToArray(), r.Count, from);
                }
            }
            catch (Exception)
            {
                // Disposed.
            }
        }

        private static string TargetOf(byte[] record)
        {
            int at = 0;
            while (record[at] != 0)
            {
                at += record[at] + 1;
            }
            var name = new List<string>();
            for (at += 1 + 10 + 6; record[at] != 0; at += record[at] + 1)
            {
                name.Add(System.Text.Encoding.ASCII.GetString(record, at + 1, record[at]));
            }
            return string.Join(".", name);
        }

        public void Dispose() => _udp.Dispose();
    }
}
