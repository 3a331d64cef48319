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
    /// <see cref="Slots"/> slots, each keeping at most <see cref="SlotBytes"/> of one message (a longer one is cut there
    /// and says so), so the trace never holds more than Slots x SlotBytes. The inbox records what the transports
    /// deliver, the transports what they send. Transports record from their own threads: every access takes the
    /// trace's lock.
    /// <para>
    /// Heap (nanoCLR: 20 B an array header, 12 B a field): the slots' bytes are one array and their numbers another,
    /// both made by the first message recorded, after which recording copies bytes and allocates nothing; a phone that
    /// never sent or received SIP keeps none (docs/benchmarks.md, "Drivers, SIP trace").
    /// </para>
    /// </summary>
    public sealed class SipTrace
    {
        // A slot's numbers in _meta: bytes kept, the message's length, the port, 1 when outgoing.
        private const int Kept = 0;
        private const int Length = 1;
        private const int Port = 2;
        private const int Outgoing = 3;
        private const int MetaInts = 4;

        private readonly object _gate = new object();
        private byte[] _data;
        private int[] _meta;
        private long[] _atMs;
        // A slot's transport name (a transport's own literal) and host, 2 per slot.
        private string[] _names;
        private int _next;
        private int _count;

        public SipTrace(int slots, int slotBytes)
        {
            Slots = slots;
            SlotBytes = slotBytes;
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
                if (_data == null)
                {
                    _data = new byte[Slots * SlotBytes];
                    _meta = new int[Slots * MetaInts];
                    _atMs = new long[Slots];
                    _names = new string[Slots * 2];
                }
                int slot = _next;
                int kept = length < SlotBytes ? length : SlotBytes;
                System.Array.Copy(data, offset, _data, slot * SlotBytes, kept);
                int meta = slot * MetaInts;
                _meta[meta + Kept] = kept;
                _meta[meta + Length] = length;
                _meta[meta + Port] = port;
                _meta[meta + Outgoing] = outgoing ? 1 : 0;
                _atMs[slot] = at;
                _names[slot * 2] = transport;
                _names[slot * 2 + 1] = host;
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
                    int meta = slot * MetaInts;
                    int kept = _meta[meta + Kept];
                    int length = _meta[meta + Length];
                    Head(sb, first + i, _atMs[slot], _meta[meta + Outgoing] != 0, _names[slot * 2], _names[slot * 2 + 1], _meta[meta + Port], length);
                    if (kept < length)
                    {
                        sb.Append(", first ").Append(kept.ToString()).Append(" kept");
                    }
                    sb.Append("\r\n");
                    sb.Append(Encoding.UTF8.GetChars(_data, slot * SlotBytes, kept));
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
