using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeskPhone.Drivers.Network
{
    /// <summary>
    /// The DNS SRV lookup of an identity's first hop given as a name without a port (RFC 3263 4.2): <c>_sip._udp.NAME</c>
    /// (<c>_sip._tcp</c> over TCP), its targets by priority (lowest first) and within one by weight (highest first, not
    /// RFC 2782's weighted draw: the same order on every phone, documented), each as "address:port" from the answer's
    /// A records or an A query to the same server. A target "." is no service there (not a target). What the phone does
    /// with them (the failover of RFC 3263 4.3) is firmware/Phone/FirstHops.
    /// <para>
    /// In DeskPhone.Drivers, not DeskPhone.Firmware: the device's network (System.Net), and Drivers had 13 KB of byte-code
    /// room to Firmware's 2 KB (nanoFramework's 64 KB table). A DNS client of its own because nanoFramework's Dns answers
    /// A records only. A lookup blocks the loop (1 s a try, one retry, then the next server), as Dns.GetHostEntry does;
    /// bounded: at most <see cref="MaxTargets"/> targets, its buffers made for the lookup and let go.
    /// </para>
    /// </summary>
    public sealed class SrvLookup
    {
        /// <summary>Targets kept for a name (a longer answer's others are dropped).</summary>
        public const int MaxTargets = 8;
        /// <summary>The targets are kept for the records' TTL, but at least and at most this long (seconds): a TTL of 0 (dnsmasq's own records) would ask again at every loop turn of a REGISTER in flight.</summary>
        public const int MinTtl = 60;
        public const int MaxTtl = 3600;
        private const int TimeoutUs = 1000 * 1000;

        public SrvLookup(string host, bool tcp)
        {
            Host = host;
            _tcp = tcp;
        }

        /// <summary>The name looked up (without the service labels).</summary>
        public readonly string Host;
        private readonly bool _tcp;

        /// <summary>"address:port" of each target in the order tried, and its priority; <see cref="Count"/> of them.</summary>
        public string[] Hops;
        public int[] Priorities;
        public int Count;

        /// <summary>
        /// Asks <paramref name="servers"/> (host[:port], port 53 by default, in order) and keeps the targets found; returns
        /// the seconds they may be kept (the smallest TTL, from <see cref="MinTtl"/> to <see cref="MaxTtl"/>), with <see cref="Count"/> 0 when
        /// there is no SRV record (NXDOMAIN, none). 0 when no server answered (or the host is no name): the targets of
        /// the last answer are left as they were, none before the first. Each query's ID is drawn from <paramref name="random"/> (the
        /// phone's one System.Random): with the random source port, what an off-path sender must guess to slip in an answer
        /// that would send the identity's REGISTER elsewhere (a clock's ID could be guessed).
        /// </summary>
        public int Run(string[] servers, System.Random random)
        {
            byte[] name = new byte[DnsPacket.MaxName + 1];
            byte[] query = new byte[DnsPacket.MaxName + 17];
            byte[] answer = new byte[512];
            int n = ServiceName(Host, _tcp, name);
            int length = 0;
            int at = n == 0 ? -1 : Exchange(servers, query, DnsPacket.Query(query, random.Next(0x10000), name, n, DnsPacket.TypeSrv), answer, out length);
            if (at < 0)
            {
                // No server answered: the last answer's targets stand (the caller keeps using them).
                return 0;
            }
            Count = 0;
            int ttl = MaxTtl;
            int records = at;
            // The records kept, in the order tried: offset of the SRV data in the answer, and its sort key.
            int[] found = new int[MaxTargets];
            long[] keys = new long[MaxTargets];
            for (int r = at > 0 ? DnsPacket.RecordCount(answer) : 0; r > 0 && at > 0; r--)
            {
                int type;
                int recordTtl;
                int data;
                int size;
                int next = DnsPacket.Record(answer, length, at, out type, out recordTtl, out data, out size);
                // Other types are passed over; a target "." is no service there, not a target.
                if (next > 0 && type == DnsPacket.TypeSrv && size > 7 && Count < MaxTargets && answer[data + 6] != 0)
                {
                    // Priority ascending, then weight descending: one key.
                    long key = ((long)((answer[data] << 8) | answer[data + 1]) << 16) | (0xFFFFL - ((answer[data + 2] << 8) | answer[data + 3]));
                    int k = Count++;
                    for (; k > 0 && keys[k - 1] > key; k--)
                    {
                        keys[k] = keys[k - 1];
                        found[k] = found[k - 1];
                    }
                    keys[k] = key;
                    found[k] = data;
                    ttl = recordTtl >= 0 && recordTtl < ttl ? recordTtl : ttl;
                }
                at = next;
            }
            Hops = new string[Count];
            Priorities = new int[Count];
            int kept = 0;
            for (int t = 0; t < Count; t++)
            {
                string address = Address(servers, answer, length, records, found[t] + 6, name, query, random);
                if (address != null)
                {
                    Priorities[kept] = (int)(keys[t] >> 16);
                    Hops[kept++] = address + ":" + ((answer[found[t] + 4] << 8) | answer[found[t] + 5]).ToString();
                }
            }
            Count = kept;
            return ttl < MinTtl ? MinTtl : ttl;
        }

        /// <summary>
        /// The IPv4 address of the SRV target named at <paramref name="target"/> in the answer: from its A record among the
        /// answer's records (from <paramref name="records"/>), else an A query to the same servers; null when it has none.
        /// <paramref name="name"/> and <paramref name="query"/> are scratch buffers.
        /// </summary>
        private static string Address(string[] servers, byte[] answer, int length, int records, int target, byte[] name, byte[] query, System.Random random)
        {
            int next;
            int n = DnsPacket.Name(answer, length, target, name, out next);
            byte[] owner = new byte[DnsPacket.MaxName + 1];
            byte[] p = answer;
            int at = records;
            for (int round = 0; round < 2 && n > 1; round++)
            {
                if (round == 1)
                {
                    p = new byte[512];
                    at = Exchange(servers, query, DnsPacket.Query(query, random.Next(0x10000), name, n, DnsPacket.TypeA), p, out length);
                }
                for (int r = at > 0 ? DnsPacket.RecordCount(p) : 0; r > 0 && at > 0; r--)
                {
                    int type;
                    int ttl;
                    int data;
                    int size;
                    next = DnsPacket.Record(p, length, at, out type, out ttl, out data, out size);
                    if (next > 0 && type == DnsPacket.TypeA && size == 4 && DnsPacket.SameName(owner, DnsPacket.Name(p, length, at, owner, out ttl), name, n))
                    {
                        return p[data].ToString() + "." + p[data + 1].ToString() + "." + p[data + 2].ToString() + "." + p[data + 3].ToString();
                    }
                    at = next;
                }
            }
            return null;
        }

        /// <summary>
        /// <c>_sip._udp.</c> (or <c>_sip._tcp.</c>) and <paramref name="host"/> in wire form into <paramref name="dest"/>;
        /// its length, or 0 when the host is no name (an empty label, one over 63 bytes, too long).
        /// </summary>
        public static int ServiceName(string host, bool tcp, byte[] dest)
        {
            byte[] text = Encoding.UTF8.GetBytes(host);
            if (text.Length == 0 || text.Length > DnsPacket.MaxName - 12)
            {
                return 0;
            }
            dest[0] = 4;
            dest[1] = (byte)'_';
            dest[2] = (byte)'s';
            dest[3] = (byte)'i';
            dest[4] = (byte)'p';
            dest[5] = 4;
            dest[6] = (byte)'_';
            dest[7] = (byte)(tcp ? 't' : 'u');
            dest[8] = (byte)(tcp ? 'c' : 'd');
            dest[9] = (byte)'p';
            // Each label's length goes in the byte before it, written when its end (a dot or the text's) is reached; a
            // final dot ("pbx.test.") is the root's, written last for every name.
            int end = text[text.Length - 1] == '.' ? text.Length - 1 : text.Length;
            int label = 10;
            int n = 11;
            for (int i = 0; i <= end; i++)
            {
                if (i == end || text[i] == '.')
                {
                    int size = n - label - 1;
                    if (size == 0 || size > 63)
                    {
                        return 0;
                    }
                    dest[label] = (byte)size;
                    label = n++;
                }
                else
                {
                    dest[n++] = text[i];
                }
            }
            dest[label] = 0;
            return n;
        }

        /// <summary>
        /// Sends the query to each server in turn (1 s for its answer, one retry) until one answers it: the offset of the
        /// answer's records (0: an error RCODE, NXDOMAIN), or -1 when none answered. Anything else that arrives (another
        /// sender, a late answer to an earlier query) is dropped, at most four a try.
        /// </summary>
        private static int Exchange(string[] servers, byte[] query, int queryLength, byte[] answer, out int length)
        {
            length = 0;
            for (int s = 0; servers != null && s < servers.Length; s++)
            {
                string host = servers[s];
                int colon = host == null ? -1 : host.IndexOf(':');
                string address = colon > 0 ? host.Substring(0, colon) : host;
                int port = 53;
                uint ip;
                if (colon > 0 && !int.TryParse(host.Substring(colon + 1), out port) || !Ipv4.TryParse(address, out ip))
                {
                    continue;
                }
                Socket socket = null;
                try
                {
                    var server = new IPEndPoint(IPAddress.Parse(address), port);
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    socket.Bind(new IPEndPoint(IPAddress.Any, 0));
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    for (int attempt = 0; attempt < 2; attempt++)
                    {
                        socket.SendTo(query, 0, queryLength, SocketFlags.None, server);
                        for (int i = 0; i < 4 && socket.Poll(TimeoutUs, SelectMode.SelectRead); i++)
                        {
                            length = socket.ReceiveFrom(answer, 0, answer.Length, SocketFlags.None, ref from);
                            var sender = (IPEndPoint)from;
                            int at = sender.Port == port && sender.Address.Equals(server.Address) ? DnsPacket.Answer(answer, length, query, queryLength) : -1;
                            if (at >= 0)
                            {
                                return at;
                            }
                        }
                    }
                }
                catch (System.Exception)
                {
                    // Unreachable (an ICMP error), no network: the next server.
                }
                finally
                {
                    if (socket != null)
                    {
                        socket.Close();
                    }
                }
            }
            return -1;
        }
    }
}
