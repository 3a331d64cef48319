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
        // An entry's numbers in Meta: the bytes kept, the message's length, the port (low 16 bits) with 1 << 16 when
        // outgoing, the time's low and high 32 bits. One array for them all, the time included (a long[] beside it and a
        // lock object were 96 B more, issue #17). Where an entry starts is not kept: the entries follow each other round
        // the ring, the oldest starting Used bytes before Write.
        // The ring and its entries are read, under a lock of the trace, by the layer that shows them (the bench's
        // download, BenchRouter.TraceText): the text is the application's, not the SIP stack's (365 B of DeskPhone.Sip's
        // byte code, h-margin4); so they are public fields, not accessors (no method in the runtime tables, issue #17).
        public const int Kept = 0;
        public const int Length = 1;
        public const int PortOut = 2;
        public const int AtLow = 3;
        public const int AtHigh = 4;
        public const int MetaInts = 5;
        public const int OutBit = 1 << 16;

        /// <summary>The entries kept at most, and the ring's bytes.</summary>
        public readonly int Slots;
        public readonly int RingBytes;
        private readonly int _slotBytes;
        /// <summary>The entries' bytes, one after the other round the ring; null while none is kept.</summary>
        public byte[] Ring;
        /// <summary>Each entry's numbers (<see cref="MetaInts"/> a slot: <see cref="Kept"/> to <see cref="AtHigh"/>).</summary>
        public int[] Meta;
        /// <summary>An entry's transport name (a transport's own literal) and host, 2 per slot.</summary>
        public string[] Names;
        /// <summary>The slot of the next entry, and the entries kept (the oldest <see cref="Count"/> slots before it).</summary>
        public int Next;
        public int Count;
        /// <summary>Ring bytes the kept entries hold, and where the next entry's bytes go.</summary>
        public int Used;
        public int Write;

        /// <summary>At most <paramref name="records"/> entries of <paramref name="recordBytes"/> each in a ring of <paramref name="ringBytes"/> (at most 65,535).</summary>
        public SipTrace(int records, int recordBytes, int ringBytes)
        {
            Slots = records;
            _slotBytes = recordBytes;
            RingBytes = ringBytes;
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
                if (Off || (Ring == null && !Make()))
                {
                    // Paused, or no heap for the trace beside what the phone holds (a loaded phone refusing what does not
                    // fit, or below the reserve, issue #17): this message is not recorded and the ring with its entries
                    // goes (made at boot, none made yet, or a failed Make's parts); a message once the heap has room makes it again.
                    Clear();
                    return;
                }
                int kept = length < _slotBytes ? length : _slotBytes;
                kept = kept < RingBytes ? kept : RingBytes;
                // The oldest entries make room (an entry's bytes follow the one before it round the ring).
                while (Count == Slots || Used + kept > RingBytes)
                {
                    Used -= Meta[(Next - Count + Slots) % Slots * MetaInts + Kept];
                    Count--;
                }
                int slot = Next;
                int first = RingBytes - Write;
                first = kept < first ? kept : first;
                System.Array.Copy(data, offset, Ring, Write, first);
                System.Array.Copy(data, offset + first, Ring, 0, kept - first);
                int meta = slot * MetaInts;
                Meta[meta + Kept] = kept;
                Meta[meta + Length] = length;
                Meta[meta + PortOut] = (port & 0xFFFF) | (outgoing ? OutBit : 0);
                Meta[meta + AtLow] = (int)at;
                Meta[meta + AtHigh] = (int)(at >> 32);
                Names[slot * 2] = transport;
                Names[slot * 2 + 1] = host;
                Write = (Write + kept) % RingBytes;
                Used += kept;
                Next = (slot + 1) % Slots;
                Count++;
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
                Meta = new int[Slots * MetaInts];
                Names = new string[Slots * 2];
                Ring = new byte[RingBytes];
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
                Ring = null;
                Meta = null;
                Names = null;
                Count = 0;
                Used = 0;
            }
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
