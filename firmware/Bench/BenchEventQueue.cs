using System.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// One bench event-stream client's backlog as ready server-sent-event frames. Fixed capacity: a client that stops
    /// reading loses its oldest events (counted in <see cref="Dropped"/>), the phone never runs out of memory for it.
    /// While the heap is short (<see cref="IHeapRoom.Short"/>, the phone's reserve) no frame is built: the events are
    /// dropped and counted, and the first event once room is back is preceded by a <c>gap</c> event whose data is how
    /// many were not sent (issue #17: the office phone ran out building a frame in its MESSAGE burst at 82,400 B).
    /// Filled from the phone's loop thread, drained by the client's writer thread.
    /// </summary>
    // Its plain state (the Dropped counter) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17). The loop and the writer lock the queue itself (a lock object
    // was a field and an object, 24 B, docs/benchmarks.md, h-firmrest).
    public sealed class BenchEventQueue
    {
        /// <summary>Frames the ring holds when it is made; it doubles up to the capacity while the client lags.</summary>
        private const int FirstFrames = 4;

        private readonly int _capacity;
        // The ring, made by the first event and let go once the client has taken every frame: a stream drained each
        // loop turn (the usual case) holds no array between events (the 32-frame array was 408 B for good).
        private string[] _frames;
        private int _head;
        private int _count;

        private readonly IHeapRoom _room;
        private int _gap;

        /// <param name="capacity">Frames kept at most.</param>
        /// <param name="room">The heap to ask before a frame is built (null: always built).</param>
        public BenchEventQueue(int capacity, IHeapRoom room)
        {
            _capacity = capacity < 1 ? 1 : capacity;
            _room = room;
        }

        public int Count
        {
            get { lock (this) { return _count; } }
        }

        /// <summary>Events lost: forgotten by a full queue, or not built while the heap was short.</summary>
        public int Dropped;

        /// <summary>Appends one event; a full queue forgets its oldest event first; while the heap is short it is only counted.</summary>
        public void Post(string kind, string detail)
        {
            if (_room != null && _room.Short)
            {
                _gap++;
                Dropped++;
                return;
            }
            if (_gap > 0)
            {
                int gap = _gap;
                _gap = 0;
                Append(Frame("gap", gap.ToString()));
            }
            Append(Frame(kind, detail));
        }

        private void Append(string frame)
        {
            lock (this)
            {
                if (_frames == null || (_count == _frames.Length && _count < _capacity))
                {
                    Grow();
                }
                if (_count == _frames.Length)
                {
                    _head = (_head + 1) % _frames.Length;
                    _count--;
                    Dropped++;
                }
                _frames[(_head + _count) % _frames.Length] = frame;
                _count++;
            }
        }

        /// <summary>The oldest waiting frame, or null when there is none.</summary>
        public string Take()
        {
            lock (this)
            {
                if (_count == 0)
                {
                    return null;
                }
                string frame = _frames[_head];
                _frames[_head] = null;
                _head = (_head + 1) % _frames.Length;
                _count--;
                if (_count == 0)
                {
                    _frames = null;
                    _head = 0;
                }
                return frame;
            }
        }

        /// <summary>A ring twice as large (up to the capacity) with the waiting frames in order from its start.</summary>
        private void Grow()
        {
            int size = _frames == null ? FirstFrames : _frames.Length * 2;
            var grown = new string[size < _capacity ? size : _capacity];
            for (int i = 0; i < _count; i++)
            {
                grown[i] = _frames[(_head + i) % _frames.Length];
            }
            _frames = grown;
            _head = 0;
        }

        /// <summary>"event: KIND\ndata: DETAIL\n\n"; a line break inside the detail would end the frame early, so it becomes a space.</summary>
        public static string Frame(string kind, string detail)
        {
            var sb = new StringBuilder("event: ");
            sb.Append(kind);
            sb.Append("\ndata: ");
            if (detail != null)
            {
                for (int i = 0; i < detail.Length; i++)
                {
                    char c = detail[i];
                    sb.Append(c == '\n' || c == '\r' ? ' ' : c);
                }
            }
            sb.Append("\n\n");
            return sb.ToString();
        }
    }
}
