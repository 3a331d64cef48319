using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Transport
{
    /// <summary>The clock a trace stamps its entries with (the phone loop's milliseconds).</summary>
    public delegate long SipTraceClock();

    /// <summary>One message as it is recorded (the simulator's <c>--trace</c> prints it at once).</summary>
    public delegate void SipTraceHandler(bool outgoing, byte[] data, int offset, int length, string transport, string host, int port);

    /// <summary>
    /// The last SIP messages in and out, as a Snom phone's SIP trace keeps them (docs/web.md): at most
    /// <c>records</c> entries, each keeping at most <c>recordBytes</c> of one message (a longer one is cut there and
    /// says so), packed one after the other into a ring of <c>ringBytes</c>: a new entry pushes out the oldest ones
    /// until it fits, so the trace never holds more than ringBytes of messages and short messages leave room for more
    /// entries. The inbox records what the transports deliver, the transports what they send. Transports record from
    /// their own threads: every access locks the trace itself (no lock object of its own).
    /// <para>
    /// Heap (nanoCLR: 20 B an array header, 12 B a field): the ring is one array, the entries' numbers (times included)
    /// another and their names a third, all made by the first message recorded (and let go while the heap reserve finds the heap short: Room), after which recording copies bytes and allocates nothing; a phone that
    /// never sent or received SIP keeps none (docs/benchmarks.md, "Drivers, SIP trace", "h-boot80").
    /// </para>
    /// Its plain state (Recorded) is public fields, not properties: no accessor method in the runtime tables, image and
    /// calls on the device (issue #17).
    /// </summary>
    public sealed class SipTrace
    {
        // An entry's numbers in _meta: the bytes kept, the message's length, the port (low 16 bits) with 1 << 16 when
        // outgoing, the time's low and high 32 bits. One array for them all, the time included (a long[] beside it and a
        // lock object were 96 B more, issue #17). Where an entry starts is not kept: the entries follow each other round
        // the ring, the oldest starting _used bytes before _write.
        private const int Kept = 0;
        private const int Length = 1;
        private const int PortOut = 2;
        private const int AtLow = 3;
        private const int AtHigh = 4;
        private const int MetaInts = 5;
        private const int OutBit = 1 << 16;

        private readonly int _slots;
        private readonly int _slotBytes;
        private readonly int _ringBytes;
        private byte[] _ring;
        private int[] _meta;
        // An entry's transport name (a transport's own literal) and host, 2 per entry.
        private string[] _names;
        private int _next;
        private int _count;
        // Ring bytes the kept entries hold, and where the next entry's bytes go.
        private int _used;
        private int _write;

        /// <summary>At most <paramref name="records"/> entries of <paramref name="recordBytes"/> each in a ring of <paramref name="ringBytes"/> (at most 65,535).</summary>
        public SipTrace(int records, int recordBytes, int ringBytes)
        {
            _slots = records;
            _slotBytes = recordBytes;
            _ringBytes = ringBytes;
        }

        /// <summary>Messages recorded since start (older ones than the entries kept are gone).</summary>
        public int Recorded;

        /// <summary>Stamps the entries; null: 0.</summary>
        public SipTraceClock Clock;

        /// <summary>Called with every message as it is recorded (outside the lock); null: none.</summary>
        public SipTraceHandler Written;

        /// <summary>
        /// The phone's heap reserve: while it finds the heap short the next message lets the ring and its entries go and
        /// none is made or recorded (the office phone refusing its BLF keys at the board's heap kept 1.4 KB of trace made
        /// at boot, docs/bench.md, h-officerest5); null: made when first needed and kept.
        /// </summary>
        public IHeapRoom Room;

        /// <summary>
        /// Not 0 while a call runs on a short heap (the phone's call layer): the next message lets the ring and its entries
        /// go and none is made or recorded until it is 0 again; the call's turns get the trace's 1.4 KB (the trace is for
        /// looking, the call for the user: docs/bench.md, h-callmargin). <see cref="Paused"/>: until the call layer clears
        /// it; <see cref="PausedUntilArrival"/>: until a message arrives, which is recorded (the calls ended: what the
        /// phone sends in that turn, the BYE's 200, made the ring again under the ended call's redraw, 1.4 KB at the office
        /// profile's three lowest collections after its stream on the 80,896-byte board, docs/benchmarks.md h-restcut).
        /// </summary>
        public int Pause;

        /// <summary><see cref="Pause"/>: paused until cleared.</summary>
        public const int Paused = 1;

        /// <summary><see cref="Pause"/>: paused until the next message arrives.</summary>
        public const int PausedUntilArrival = 2;

        /// <summary>Paused, or the heap reserve finds the heap short: nothing is recorded and the ring is let go.</summary>
        public bool Off => Pause != 0 || (Room != null && Room.Short);

        /// <summary>Keeps one message: outgoing (sent) or incoming (delivered to the inbox).</summary>
        public void Record(bool outgoing, byte[] data, int offset, int length, string transport, string host, int port)
        {
            long at = Clock == null ? 0 : Clock();
            lock (this)
            {
                if (!outgoing && Pause == PausedUntilArrival)
                {
                    Pause = 0;
                }
                if (Off || (_ring == null && !Make()))
                {
                    // Paused, or no heap for the trace beside what the phone holds (a loaded phone refusing what does not
                    // fit, or below the reserve, issue #17): this message is not recorded and the ring with its entries
                    // goes (made at boot, none made yet, or a failed Make's parts); a message once the heap has room makes it again.
                    Clear();
                    return;
                }
                int kept = length < _slotBytes ? length : _slotBytes;
                kept = kept < _ringBytes ? kept : _ringBytes;
                // The oldest entries make room (an entry's bytes follow the one before it round the ring).
                while (_count == _slots || _used + kept > _ringBytes)
                {
                    _used -= _meta[(_next - _count + _slots) % _slots * MetaInts + Kept];
                    _count--;
                }
                int slot = _next;
                int first = _ringBytes - _write;
                first = kept < first ? kept : first;
                System.Array.Copy(data, offset, _ring, _write, first);
                System.Array.Copy(data, offset + first, _ring, 0, kept - first);
                int meta = slot * MetaInts;
                _meta[meta + Kept] = kept;
                _meta[meta + Length] = length;
                _meta[meta + PortOut] = (port & 0xFFFF) | (outgoing ? OutBit : 0);
                _meta[meta + AtLow] = (int)at;
                _meta[meta + AtHigh] = (int)(at >> 32);
                _names[slot * 2] = transport;
                _names[slot * 2 + 1] = host;
                _write = (_write + kept) % _ringBytes;
                _used += kept;
                _next = (slot + 1) % _slots;
                _count++;
                Recorded++;
            }
            SipTraceHandler written = Written;
            if (written != null)
            {
                written(outgoing, data, offset, length, transport, host, port);
            }
        }

        /// <summary>Makes the ring and the entries' numbers (under the lock); false when the heap has no room for them.</summary>
        private bool Make()
        {
            try
            {
                _meta = new int[_slots * MetaInts];
                _names = new string[_slots * 2];
                _ring = new byte[_ringBytes];
                return true;
            }
            catch (System.OutOfMemoryException)
            {
                // Record lets go of the parts made.
                return false;
            }
        }

        /// <summary>
        /// Forgets every entry (the count of recorded messages goes on) and lets the ring go: the next message recorded
        /// makes it again. The call layer clears the trace it pauses, so that the ring goes at once, not at the next
        /// message: the answered call's 200 is recorded before the trace is paused, and the call screen's redraw in the
        /// same turn held the ring (1 KB) at the office profile's lowest collection on the 80,896-byte board
        /// (docs/benchmarks.md, h-reserve2).
        /// </summary>
        public void Clear()
        {
            lock (this)
            {
                _ring = null;
                _meta = null;
                _names = null;
                _count = 0;
                _used = 0;
            }
        }

        /// <summary>The entries, oldest first, each a head line and the message as text (the web interface's download).</summary>
        public string Text()
        {
            var sb = new StringBuilder();
            lock (this)
            {
                int first = Recorded - _count + 1;
                int start = (_write - _used + _ringBytes) % _ringBytes;
                for (int i = 0; i < _count; i++)
                {
                    start = Entry(sb, first + i, (_next - _count + i + _slots) % _slots, start);
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// One entry as text (under the lock), its bytes starting at <paramref name="start"/> in the ring; gives where the
        /// next entry's start. A method of its own: the loop's frame holds none of its locals (12 B each on the device).
        /// </summary>
        private int Entry(StringBuilder sb, int number, int slot, int start)
        {
            int meta = slot * MetaInts;
            int kept = _meta[meta + Kept];
            int length = _meta[meta + Length];
            int portOut = _meta[meta + PortOut];
            Head(sb, number, (long)_meta[meta + AtHigh] << 32 | (uint)_meta[meta + AtLow], (portOut & OutBit) != 0, _names[slot * 2], _names[slot * 2 + 1], portOut & 0xFFFF, length);
            if (kept < length)
            {
                sb.Append(", first ").Append(kept.ToString()).Append(" kept");
            }
            sb.Append("\r\n");
            // An entry may run past the ring's end and go on at its start: its bytes in one piece for the text (length,
            // written, now counts the part before the ring's end: a local less).
            var bytes = new byte[kept];
            length = _ringBytes - start;
            length = kept < length ? kept : length;
            System.Array.Copy(_ring, start, bytes, 0, length);
            System.Array.Copy(_ring, 0, bytes, length, kept - length);
            sb.Append(Encoding.UTF8.GetChars(bytes, 0, kept));
            sb.Append("\r\n");
            return (start + kept) % _ringBytes;
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
