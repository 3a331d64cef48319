using System;
using DeskPhone.Sip.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// One bench event-stream client's backlog: each event kept as posted (its kind and detail) and made into its
    /// server-sent-event frame only when the client's side takes it. Fixed capacity: a client that stops reading loses
    /// its oldest events (counted in <see cref="Dropped"/>), the phone never runs out of memory for it. While the heap
    /// is short (<see cref="IHeapRoom.Short"/>, the phone's reserve) no event is kept: the events are dropped and
    /// counted, and the first event once room is back is preceded by a <c>gap</c> event whose data is how many were
    /// not sent (issue #17: the office phone ran out building a frame in its MESSAGE burst at 82,400 B).
    /// Filled from the phone's loop thread, drained by the client's writer thread.
    /// </summary>
    // Post runs at the bottom of whatever raised the event (a BLF NOTIFY's LED change is raised 17 call levels deep),
    // where each level is a 204 B heap block on the device: it only stores two references, in its own frame (a turn's
    // first event in two fields, allocating nothing; its second makes the ring there; only a doubling is a level
    // down). The frame's bytes are made by Take, on
    // the pump's thread or after the loop's turn (issue #17: formatting under Post, five levels of StringBuilder, was
    // the bottom of office's lowest collection in its stream, docs/benchmarks.md, h-benchdefer).
    // Its plain state (the Dropped counter) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17). The loop and the writer lock the queue itself (a lock object
    // was a field and an object, 24 B, docs/benchmarks.md, h-firmrest).
    public sealed class BenchEventQueue
    {
        /// <summary>Events the ring holds when it is made; it doubles up to the capacity while the client lags.</summary>
        private const int FirstEvents = 4;

        private const string GapKind = "gap";

        private readonly int _capacity;
        // The ring, two slots an event (its kind, then its detail), made by the first event and let go once the client
        // has taken every event: a stream drained each loop turn (the usual case) holds no array between events.
        private string[] _slots;
        private int _head;
        private int _count;

        // The only waiting event while there is no ring: a turn's single event (a MESSAGE's, drained after the turn) is
        // kept in these two fields, and the ring is made only when a second one comes before the client takes the
        // first (it then moves into the ring). Post made the ring (116 B) under the MESSAGE's frames for each MESSAGE
        // of office's stream; the fields are 24 B for good (docs/benchmarks.md, h-calllines).
        private string _kind;
        private string _detail;

        private readonly IHeapRoom _room;
        private int _gap;

        /// <param name="capacity">Events kept at most.</param>
        /// <param name="room">The heap to ask before an event is kept (null: always kept).</param>
        public BenchEventQueue(int capacity, IHeapRoom room)
        {
            _capacity = capacity < 1 ? 1 : capacity;
            _room = room;
        }

        public int Count
        {
            get { lock (this) { return _count; } }
        }

        /// <summary>Events lost: forgotten by a full queue, or not kept while the heap was short.</summary>
        public int Dropped;

        /// <summary>Keeps one event; a full queue forgets its oldest event first; while the heap is short it is only counted.</summary>
        public void Post(string kind, string detail)
        {
            if (_room != null && _room.Short)
            {
                _gap++;
                Dropped++;
                return;
            }
            lock (this)
            {
                // Two passes when events were dropped while the heap was short (the gap event first), else one: the
                // event is stored here, not one call level down.
                for (int pass = _gap > 0 ? 0 : 1; pass < 2; pass++)
                {
                    if (_count == 0 && pass == 1)
                    {
                        _kind = kind;
                        _detail = detail;
                        _count = 1;
                        return;
                    }
                    if (_slots == null)
                    {
                        _slots = new string[(FirstEvents < _capacity ? FirstEvents : _capacity) * 2];
                        if (_count > 0)
                        {
                            // The waiting event from the fields first: the events stay in order.
                            _slots[0] = _kind;
                            _slots[1] = _detail;
                            _kind = null;
                            _detail = null;
                        }
                    }
                    else if (_count * 2 == _slots.Length && _count < _capacity)
                    {
                        Grow();
                    }
                    int events = _slots.Length / 2;
                    if (_count == events)
                    {
                        _head = (_head + 1) % events;
                        _count--;
                        Dropped++;
                    }
                    int at = (_head + _count) % events * 2;
                    if (pass == 0)
                    {
                        // Rare (the heap was short and has room again): the count's text is made here, a few bytes.
                        _slots[at] = GapKind;
                        _slots[at + 1] = _gap.ToString();
                        _gap = 0;
                    }
                    else
                    {
                        _slots[at] = kind;
                        _slots[at + 1] = detail;
                    }
                    _count++;
                }
            }
        }

        /// <summary>The oldest waiting event's frame (UTF-8, as the client receives it), or null when there is none.</summary>
        public byte[] Take()
        {
            string kind;
            string detail;
            lock (this)
            {
                if (_count == 0)
                {
                    return null;
                }
                if (_slots == null)
                {
                    kind = _kind;
                    detail = _detail;
                    _kind = null;
                    _detail = null;
                    _count = 0;
                }
                else
                {
                    int at = _head * 2;
                    kind = _slots[at];
                    detail = _slots[at + 1];
                    _head = (_head + 1) % (_slots.Length / 2);
                    _count--;
                    if (_count == 0)
                    {
                        _slots = null;
                        _head = 0;
                    }
                    else
                    {
                        _slots[at] = null;
                        _slots[at + 1] = null;
                    }
                }
            }
            return Frame(kind, detail);
        }

        /// <summary>A ring twice as large (up to the capacity) with the waiting events in order from its start.</summary>
        private void Grow()
        {
            int events = _slots.Length;
            var grown = new string[(events < _capacity ? events : _capacity) * 2];
            for (int i = 0; i < _count; i++)
            {
                int from = (_head + i) % (_slots.Length / 2) * 2;
                grown[i * 2] = _slots[from];
                grown[i * 2 + 1] = _slots[from + 1];
            }
            _slots = grown;
            _head = 0;
        }

        private const string EventHead = "event: ";
        private const string DataHead = "\ndata: ";

        /// <summary>
        /// "event: KIND\ndata: DETAIL\n\n" in UTF-8; a line break inside the detail would end the frame early, so it
        /// becomes a space (CR and LF bytes occur in UTF-8 only as those characters).
        /// </summary>
        // The heads are ASCII, a byte a character; no static arrays for them (held for good, and a class constructor).
        public static byte[] Frame(string kind, string detail)
        {
            byte[] k = Utf8.Codec.GetBytes(kind);
            byte[] d = detail == null ? null : Utf8.Codec.GetBytes(detail);
            int dLength = d == null ? 0 : d.Length;
            var frame = new byte[EventHead.Length + k.Length + DataHead.Length + dLength + 2];
            int at = Utf8.Codec.GetBytes(EventHead, 0, EventHead.Length, frame, 0);
            Array.Copy(k, 0, frame, at, k.Length);
            at += k.Length;
            at += Utf8.Codec.GetBytes(DataHead, 0, DataHead.Length, frame, at);
            for (int i = 0; i < dLength; i++)
            {
                byte b = d[i];
                frame[at++] = b == (byte)'\n' || b == (byte)'\r' ? (byte)' ' : b;
            }
            frame[at] = (byte)'\n';
            frame[at + 1] = (byte)'\n';
            return frame;
        }
    }
}
