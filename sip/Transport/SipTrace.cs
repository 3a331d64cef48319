using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Transport
{
    /// <summary>The clock a trace stamps its entries with (the phone loop's milliseconds).</summary>
    public delegate long SipTraceClock();

    /// <summary>One message as it is recorded (the simulator's <c>--trace</c> prints it at once).</summary>
    public delegate void SipTraceHandler(bool outgoing, byte[] data, int offset, int length, string transport, string host, int port);

    /// <summary>
    /// The last SIP messages in and out, as a Snom phone's SIP trace keeps them (docs/web.md): a ring of
    /// <see cref="Slots"/> slots made at construction, each keeping at most <see cref="SlotBytes"/> of one message (a
    /// longer one is cut there and says so), so recording copies bytes and allocates nothing, and the trace never holds
    /// more than Slots x SlotBytes. The inbox records what the transports deliver, the transports what they send.
    /// Transports record from their own threads: every access takes the trace's lock.
    /// </summary>
    public sealed class SipTrace
    {
        private readonly object _gate = new object();
        private readonly byte[][] _data;
        private readonly int[] _kept;
        private readonly int[] _length;
        private readonly long[] _atMs;
        private readonly bool[] _outgoing;
        private readonly string[] _transport;
        private readonly string[] _host;
        private readonly int[] _port;
        private int _next;
        private int _count;

        public SipTrace(int slots, int slotBytes)
        {
            Slots = slots;
            SlotBytes = slotBytes;
            _data = new byte[slots][];
            for (int i = 0; i < slots; i++)
            {
                _data[i] = new byte[slotBytes];
            }
            _kept = new int[slots];
            _length = new int[slots];
            _atMs = new long[slots];
            _outgoing = new bool[slots];
            _transport = new string[slots];
            _host = new string[slots];
            _port = new int[slots];
        }

        public int Slots { get; }

        public int SlotBytes { get; }

        /// <summary>Messages recorded since start (older ones than the last <see cref="Slots"/> are gone).</summary>
        public int Recorded { get; private set; }

        /// <summary>Stamps the entries; null: 0.</summary>
        public SipTraceClock Clock { get; set; }

        /// <summary>Called with every message as it is recorded (outside the lock); null: none.</summary>
        public SipTraceHandler Written { get; set; }

        /// <summary>Keeps one message: outgoing (sent) or incoming (delivered to the inbox).</summary>
        public void Record(bool outgoing, byte[] data, int offset, int length, string transport, string host, int port)
        {
            long at = Clock == null ? 0 : Clock();
            lock (_gate)
            {
                int slot = _next;
                int kept = length < SlotBytes ? length : SlotBytes;
                System.Array.Copy(data, offset, _data[slot], 0, kept);
                _kept[slot] = kept;
                _length[slot] = length;
                _atMs[slot] = at;
                _outgoing[slot] = outgoing;
                _transport[slot] = transport;
                _host[slot] = host;
                _port[slot] = port;
                _next = (slot + 1) % Slots;
                _count = _count < Slots ? _count + 1 : Slots;
                Recorded++;
            }
            SipTraceHandler written = Written;
            if (written != null)
            {
                written(outgoing, data, offset, length, transport, host, port);
            }
        }

        /// <summary>Forgets every entry (the count of recorded messages goes on).</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _count = 0;
            }
        }

        /// <summary>The entries, oldest first, each a head line and the message as text (the web interface's download).</summary>
        public string Text()
        {
            var sb = new StringBuilder();
            lock (_gate)
            {
                int first = Recorded - _count + 1;
                for (int i = 0; i < _count; i++)
                {
                    int slot = (_next - _count + i + Slots) % Slots;
                    Head(sb, first + i, _atMs[slot], _outgoing[slot], _transport[slot], _host[slot], _port[slot], _length[slot]);
                    if (_kept[slot] < _length[slot])
                    {
                        sb.Append(", first ").Append(_kept[slot].ToString()).Append(" kept");
                    }
                    sb.Append("\r\n");
                    sb.Append(Encoding.UTF8.GetChars(_data[slot], 0, _kept[slot]));
                    sb.Append("\r\n");
                }
            }
            return sb.ToString();
        }

        /// <summary>"#12 4.250 s out UDP to 127.0.0.1:5070, 484 B": one entry's head line (also the simulator's live trace).</summary>
        public static void Head(StringBuilder sb, int number, long atMs, bool outgoing, string transport, string host, int port, int length)
        {
            sb.Append("#").Append(number.ToString()).Append(' ')
              .Append(Seconds.Of(atMs)).Append(" s ")
              .Append(outgoing ? "out " : "in ").Append(transport).Append(outgoing ? " to " : " from ")
              .Append(host != null && host.IndexOf(':') >= 0 ? "[" + host + "]" : host).Append(':').Append(port.ToString()).Append(", ").Append(length.ToString()).Append(" B");
        }
    }
}
