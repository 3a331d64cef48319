using System;
using System.Text;
using DeskPhone.Domain.Signals;

namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// Owns every active status message and decides, from the six categories, what the phone shows, sounds and
    /// lights. The rules (docs/status-messages.md):
    /// - status line: blocked never; essential before important before show-directly-only; within a rank the entry
    ///   listed first in that category's setting wins (so the password warnings, first among the essentials, beat
    ///   everything), and the newest raise breaks what is left; an entry's ":N" ends its time on the status line
    ///   (not the status); nothing active: date and time;
    /// - notification list: every active, non-blocked message, newest first;
    /// - show-directly list: active show-directly messages whose ":N" has not run out, newest first;
    /// - pop-ups: one at a time in raise order, each for its ":N" (none given: <see cref="DefaultPopUpSeconds"/>;
    ///   0: until dismissed), bounded queue;
    /// - audio: a tone request when an audio-indication message is raised.
    /// The per-message state (parameter, source, raise time) lives in slots for the active messages only, which grow
    /// the first time more messages are active at once than ever before; after that raising, clearing and recomputing
    /// allocate nothing (the parameters are kept as UTF-8 bytes, grown only for more bytes than ever before:
    /// <see cref="ParamOf"/> makes a new string each time, docs/benchmarks.md h-statusrest).
    /// </summary>
    public sealed partial class StatusScheduler
    {
        public const int NoMessage = -1;
        public const int PopUpQueueSize = 8;
        public const int AudioQueueSize = 4;

        // An idle phone has few statuses active (4 slots hold the boot scenario's idle profile: -156 B against 8); the slots
        // grow by as many the first time more are active at once (doubling left up to half of them unused: 8 of 32 slots,
        // 272 B, with the office profile's 20 statuses and the phone's own).
        private const int FirstSlots = 4;
        // The active messages' IDs by slot (a message's slot is found by a search of these few: a byte per ID for the
        // way back was 120 B), in raise order: a cleared slot's followers move up, so the slot is the raise sequence (an
        // int per slot less). The raise times by slot; their array's length is the slots the arrays hold now.
        private long[] _raisedAt = new long[FirstSlots];
        // Internal, with _ids and SlotsAt: the LED policy reads the active IDs in place (h-byeleds).
        internal int _slotCount;

        // The slots' parameters as UTF-8, one after the other in slot order (each slot's byte count in _ids, from
        // LengthAt): a string object per parameter (24-36 B) and its slot in a string array (12 B, with the source's
        // 24 B a slot) were 900 B for the office profile's 20 statuses (docs/benchmarks.md h-statusrest). Made by the
        // first parameter; grown when the parameters need more, never cut, so that raising and clearing again the
        // statuses one had allocates nothing.
        private byte[] _params;

        // The distinct sources of the active statuses (each slot's index + 1 in _ids from SlotsAt + slots, 0 for none): the
        // phone's parts raise with a few literal names, and on the device every raise brings a string object of its own
        // (12 B for a literal, more for a made one), so an equal source is kept once; an entry no slot uses is emptied
        // for the next new source. Grown by 2 when full (not while Lean: the source is then not kept).
        private string[] _sources;

        // Message IDs (all below 256), a byte each, in one array (five were 84 B more with their fields, issue #17): the
        // pop-up queue from 0, the audio queue from AudioAt, the slots' IDs from SlotsAt, their sources' indexes from
        // SlotsAt + slots, their parameters' byte counts (2 bytes, high first: 0 none, else the count + 1) from LengthAt(0),
        // and the order from the end backwards, entry i at Order(i): the active, non-blocked IDs, newest first (never
        // more than the slots, so it grows with them: 4 bytes at idle instead of one per ID). The array is SlotsAt and
        // five times the slots long.
        internal byte[] _ids = new byte[SlotsAt + SlotBytes * FirstSlots];
        private const int AudioAt = PopUpQueueSize;
        internal const int SlotsAt = PopUpQueueSize + AudioQueueSize;
        private const int SlotBytes = 5;


        private int LengthAt(int slot) => SlotsAt + 2 * _raisedAt.Length + 2 * slot;

        /// <summary>The slot's parameter's byte count + 1; 0 when it has none.</summary>
        private int StoredLength(int slot)
        {
            int at = LengthAt(slot);
            return _ids[at] << 8 | _ids[at + 1];
        }

        /// <summary>Where the slot's parameter starts in _params: the byte counts of the slots before it.</summary>
        private int ParamStart(int slot)
        {
            byte[] ids = _ids;
            int at = SlotsAt + 2 * _raisedAt.Length;
            int start = 0;
            for (int k = 0; k < slot; k++)
            {
                int stored = ids[at + 2 * k] << 8 | ids[at + 2 * k + 1];
                start += stored == 0 ? 0 : stored - 1;
            }
            return start;
        }

        /// <summary>Where entry i of the order is in _ids.</summary>
        private int OrderAt(int i) => _ids.Length - 1 - i;
        private int _popUpCount;
        private long _popUpShownAt;

        // Counts and the status line as int fields: as bytes in _ids (84 B less) every loop turn's Tick and poll read
        // them through the array, +0.2 % of a raise + clear and of an idle turn in the interpreter (docs/benchmarks.md
        // h-statusrest).
        private int _orderCount;
        private int _statusLine = NoMessage;
        private int _pending;
        // The audio queue's count (low 8 bits, at most AudioQueueSize) and the show-directly entries last counted (above):
        // one field, not two (12 B at rest, docs/benchmarks.md h-restfields); both are read at a raise or a recompute
        // only, not at every turn.
        private int _audioAndDirect;

        public StatusScheduler()
        {
            DefaultPopUpSeconds = 10;
            Configure(StatusCategories.DefaultBlocked, StatusCategories.DefaultShowDirectly, StatusCategories.DefaultEssential,
                      StatusCategories.DefaultImportant, StatusCategories.DefaultAudioIndication, StatusCategories.DefaultPopUp, 0);
        }

        /// <summary>Raised with the ...Changed bits (StatusChange.cs) of what must be redrawn.</summary>
        public event NumberHandler Changed;

        /// <summary>The LEDs that show the active statuses (the message LED's policy), told of a change of them; null: none.</summary>
        public IStatusLeds Leds;

        public readonly StatusCategories Categories = new StatusCategories();
        /// <summary>Time a pop-up stays when its entry has no ":N" (setting status_popup_default_seconds).</summary>
        public int DefaultPopUpSeconds;

        /// <summary>The message on the status line, or <see cref="NoMessage"/> (then the line shows date and time).</summary>
        public int StatusLine => _statusLine;

        public int NotificationCount => _orderCount;

        /// <summary>The index-th entry of the notification list, newest first.</summary>
        public int Notification(int index) => _ids[OrderAt(index)];

        public int PopUp => _popUpCount > 0 ? _ids[0] : NoMessage;

        public bool IsActive(int id) => SlotOf(id) >= 0;

        /// <summary>The active message's parameter, a new string each time (null for none or not active).</summary>
        public string ParamOf(int id)
        {
            int slot = SlotOf(id);
            return slot < 0 ? null : ParamText(slot);
        }

        public string SourceOf(int id)
        {
            int slot = SlotOf(id);
            return slot < 0 ? null : SourceText(slot);
        }

        // ParamOf and SourceOf are asked by every redraw of the status line, pop-up and notices: their slots' fields are
        // read here in place, not through the small helpers (a call is a frame on nanoCLR's heap and ~1,000 of its
        // instructions).
        private string ParamText(int slot)
        {
            byte[] ids = _ids;
            int at = SlotsAt + 2 * _raisedAt.Length + 2 * slot;
            int stored = ids[at] << 8 | ids[at + 1];
            if (stored <= 1)
            {
                return stored == 0 ? null : string.Empty;
            }
            return Encoding.UTF8.GetString(_params, ParamStart(slot), stored - 1);
        }

        private string SourceText(int slot)
        {
            int source = _ids[SlotsAt + _raisedAt.Length + slot];
            return source == 0 ? null : _sources[source - 1];
        }

        /// <summary>When an active message was raised; 0 for one that is not active.</summary>
        public long RaisedAt(int id)
        {
            int slot = SlotOf(id);
            return slot < 0 ? 0 : _raisedAt[slot];
        }

        /// <summary>The active message's slot; -1 when it is not active (or not an ID).</summary>
        private int SlotOf(int id)
        {
            byte[] ids = _ids;
            int count = _slotCount;
            for (int slot = 0; slot < count; slot++)
            {
                if (ids[SlotsAt + slot] == id)
                {
                    return slot;
                }
            }
            return -1;
        }

        /// <summary>Applies the six setting strings; see <see cref="StatusCategories.Problems"/> for what was skipped.</summary>
        public void Configure(string blocked, string showDirectly, string essential, string important, string audio, string popUp, long nowMs)
        {
            Categories.Configure(blocked, showDirectly, essential, important, audio, popUp);
            RebuildOrder();
            for (int i = _popUpCount - 1; i >= 0; i--)
            {
                if (!Categories.IsIn(_ids[i], StatusCategories.PopUp) || Categories.IsIn(_ids[i], StatusCategories.Blocked))
                {
                    RemovePopUpAt(i, nowMs);
                }
            }
            _pending |= NotificationsChanged | IdleListChanged | LedsChanged;
            Recompute(nowMs);
        }

        /// <summary>Raises (without a parameter) or clears <paramref name="id"/>: for sources that only know on or off.</summary>
        public bool Set(int id, bool active, string source, long nowMs)
        {
            if (active)
            {
                return Raise(id, null, source, nowMs);
            }
            // The clear is done here, not through Clear: the calls' end clears the audio device's status under the BYE's
            // turn, and each level is a frame on nanoCLR's heap (docs/benchmarks.md, h-byeleds).
            if (SlotOf(id) < 0)
            {
                return false;
            }
            RemoveOrdered(id);
            RemoveSlot(id);
            for (int i = _popUpCount - 1; i >= 0; i--)
            {
                if (_ids[i] == id)
                {
                    RemovePopUpAt(i, nowMs);
                }
            }
            _pending |= NotificationsChanged | IdleListChanged | LedsChanged;
            Recompute(nowMs);
            return true;
        }

        /// <summary>
        /// Non-null while the heap is low (set by the phone's memory watch: its reserve's counts): a message raised now
        /// keeps no parameter, and one that would need the slots to grow is not raised (Raise answers false); each
        /// counted at <see cref="LeanCount"/> for the phone's low-memory report. One field, no array of its own.
        /// </summary>
        public int[] Lean;

        /// <summary>Where <see cref="Lean"/> counts the raises it kept without their parameter or refused.</summary>
        public const int LeanCount = 0;

        /// <summary>
        /// Raises a message (idempotent: raising an active one only updates its parameter). True if anything changed;
        /// false too for a new one refused while <see cref="Lean"/>.
        /// </summary>
        public bool Raise(int id, string param, string source, long nowMs)
        {
            if (!StatusCatalog.Valid(id))
            {
                return false;
            }
            int slot = SlotOf(id);
            if (slot >= 0)
            {
                if (SameParam(slot, param))
                {
                    return false;
                }
                SetParam(slot, param);
                _pending |= NotificationsChanged | IdleListChanged;
                if (_statusLine == id)
                {
                    _pending |= StatusLineChanged;
                }
                if (PopUp == id)
                {
                    _pending |= PopUpChanged;
                }
                Flush();
                return true;
            }
            int[] lean = Lean;
            if (lean != null && (_slotCount == _raisedAt.Length || (object)param != null))
            {
                // The heap is low: kept without its parameter (its description alone is drawn), or not raised when the
                // slots would have to grow; counted for the phone's low-memory report.
                lean[LeanCount]++;
                if (_slotCount == _raisedAt.Length)
                {
                    return false;
                }
                param = null;
            }
            int added = AddSlot(id);
            // A new slot's byte count is 0 (none): only a parameter needs SetParam (each call is a heap frame on nanoCLR).
            if ((object)param != null)
            {
                SetParam(added, param);
            }
            _ids[SlotsAt + _raisedAt.Length + added] = (byte)SourceIndex(source, lean != null);
            _raisedAt[added] = nowMs;
            bool blocked = Categories.IsIn(id, StatusCategories.Blocked);
            if (!blocked)
            {
                InsertOrdered(id);
                _pending |= NotificationsChanged | IdleListChanged;
                if (Categories.IsIn(id, StatusCategories.PopUp))
                {
                    EnqueuePopUp(id, nowMs);
                }
                if (Categories.IsIn(id, StatusCategories.AudioIndication) && (_audioAndDirect & 0xFF) < AudioQueueSize)
                {
                    _ids[AudioAt + (_audioAndDirect & 0xFF)] = (byte)id;
                    _audioAndDirect++;
                    _pending |= AudioChanged;
                }
            }
            _pending |= LedsChanged;
            Recompute(nowMs);
            return true;
        }

        public bool Clear(int id, long nowMs) => Set(id, false, null, nowMs);

        /// <summary>Ends the current pop-up (the dismiss key); the status itself stays active.</summary>
        public bool DismissPopUp(long nowMs)
        {
            if (_popUpCount == 0)
            {
                return false;
            }
            RemovePopUpAt(0, nowMs);
            Flush();
            return true;
        }

        /// <summary>The next message whose raise asked for a tone, or <see cref="NoMessage"/>.</summary>
        public int TakeAudioRequest()
        {
            int count = _audioAndDirect & 0xFF;
            if (count == 0)
            {
                return NoMessage;
            }
            int id = _ids[AudioAt];
            for (int i = AudioAt + 1; i < AudioAt + count; i++)
            {
                _ids[i - 1] = _ids[i];
            }
            _audioAndDirect--;
            return id;
        }

        /// <summary>Runs the ":N" clocks: status-line and show-directly presentations and pop-up timeouts.</summary>
        public void Tick(long nowMs)
        {
            if (_popUpCount > 0)
            {
                long limit = PopUpMs(_ids[0]);
                if (limit > 0 && nowMs - _popUpShownAt >= limit)
                {
                    RemovePopUpAt(0, nowMs);
                }
            }
            Recompute(nowMs);
        }

        public int ShowDirectlyCount(long nowMs)
        {
            int n = 0;
            // ShowsDirectly's test in this frame, not a frame of its own (204 B) under it: the answer to a ringing call
            // recomputes the status line under eleven frames of the calls and the scheduler, and the category's seconds
            // under ShowsDirectly under this loop were the deepest of it (11,524 B free shifted to the 80,896-byte board,
            // office at 81,096 B: tools/HeapCensus/sweep.sh, h-margin4). Walked from the last: no count's local, so the ID's
            // adds none to this frame.
            for (int i = _orderCount - 1; i >= 0; i--)
            {
                int id = _ids[OrderAt(i)];
                if (Categories.IsIn(id, StatusCategories.ShowDirectly) && !Expired(id, Categories.Seconds(id, StatusCategories.ShowDirectly), nowMs))
                {
                    n++;
                }
            }
            return n;
        }

        /// <summary>The index-th show-directly message on the idle screen, newest first.</summary>
        public int ShowDirectly(int index, long nowMs)
        {
            int count = _orderCount;
            for (int i = 0; i < count; i++)
            {
                int id = _ids[OrderAt(i)];
                if (ShowsDirectly(id, nowMs) && index-- == 0)
                {
                    return id;
                }
            }
            return NoMessage;
        }

        /// <summary>Why an ID is, or is not, on the status line (for the bench tool and the explain view).</summary>
        public string Explain(int id, long nowMs)
        {
            if (!StatusCatalog.Valid(id))
            {
                return "unknown status ID";
            }
            var sb = new StringBuilder();
            sb.Append(StatusCatalog.Name(id)).Append(": ").Append(StatusCatalog.Description(id)).Append(".\n");
            sb.Append("Categories: ");
            bool any = false;
            for (int c = 0; c < StatusCategories.Count; c++)
            {
                if (Categories.IsIn(id, c))
                {
                    sb.Append(any ? ", " : "").Append(StatusCategories.Name(c));
                    int s = Categories.Seconds(id, c);
                    if (s >= 0)
                    {
                        sb.Append(':').Append(s.ToString());
                    }
                    any = true;
                }
            }
            sb.Append(any ? ".\n" : "none (notification list only).\n");
            int slot = SlotOf(id);
            if (slot < 0)
            {
                return sb.Append("Not active.").ToString();
            }
            sb.Append("Active for ").Append(((nowMs - _raisedAt[slot]) / 1000).ToString()).Append(" s");
            string param = ParamText(slot);
            if (param != null)
            {
                sb.Append(", parameter '").Append(param).Append('\'');
            }
            string source = SourceText(slot);
            if (source != null)
            {
                sb.Append(", raised by ").Append(source);
            }
            sb.Append(".\n");
            if (StatusLine == id)
            {
                return sb.Append("On the status line.").ToString();
            }
            sb.Append("Not on the status line: ");
            if (Categories.IsIn(id, StatusCategories.Blocked))
            {
                sb.Append("it is blocked.");
            }
            else if (Categories.Rank(id) == 0)
            {
                sb.Append("it is in none of show directly, essential or important.");
            }
            else if (!OnStatusLine(id, nowMs))
            {
                sb.Append("its time on the status line is over.");
            }
            else
            {
                sb.Append(StatusCatalog.Name(StatusLine)).Append(Categories.Rank(StatusLine) > Categories.Rank(id)
                    ? " ranks higher." : " is listed before it in the same category.");
            }
            return sb.ToString();
        }

        private void Recompute(long nowMs)
        {
            int best = NoMessage;
            int count = _orderCount;
            for (int i = 0; i < count; i++)
            {
                int id = _ids[OrderAt(i)];
                // The order is newest first, so among equals the first seen (the newest) stays the best.
                if (OnStatusLine(id, nowMs) && (best == NoMessage || Beats(id, best)))
                {
                    best = id;
                }
            }
            if (best != _statusLine)
            {
                _statusLine = best;
                _pending |= StatusLineChanged;
            }
            int showDirectly = ShowDirectlyCount(nowMs);
            if (showDirectly != _audioAndDirect >> 8)
            {
                _audioAndDirect = (_audioAndDirect & 0xFF) | showDirectly << 8;
                _pending |= IdleListChanged;
            }
            // Flush's work, in place: a level less under every raise and clear (the BYE's turn, h-byeleds); the message
            // LED is set first (it was the first handler the core added), then the watchers are told.
            int changes = _pending;
            _pending = 0;
            if (changes == 0)
            {
                return;
            }
            // "?.", not locals: each local is 12 B more of this frame, under which the LEDs and the watchers run.
            if ((changes & LedsChanged) != 0)
            {
                Leds?.StatusesChanged();
            }
            Changed?.Invoke(changes);
        }

        private void Flush()
        {
            int changes = _pending;
            _pending = 0;
            if (changes == 0)
            {
                return;
            }
            NumberHandler handler = Changed;
            if (handler != null)
            {
                handler(changes);
            }
        }

        private bool Beats(int id, int other)
        {
            int rank = Categories.Rank(id);
            int otherRank = Categories.Rank(other);
            if (rank != otherRank)
            {
                return rank > otherRank;
            }
            return Categories.RankPosition(id) < Categories.RankPosition(other);
        }

        private static int RankCategory(int rank) =>
            rank == 3 ? StatusCategories.Essential : rank == 2 ? StatusCategories.Important : StatusCategories.ShowDirectly;

        private bool OnStatusLine(int id, long nowMs)
        {
            int rank = Categories.Rank(id);
            if (rank == 0)
            {
                return false;
            }
            return !Expired(id, Categories.Seconds(id, RankCategory(rank)), nowMs);
        }

        private bool ShowsDirectly(int id, long nowMs) => Categories.IsIn(id, StatusCategories.ShowDirectly)
            && !Expired(id, Categories.Seconds(id, StatusCategories.ShowDirectly), nowMs);

        // The category's seconds read by the caller, so that their search's frame is not one more under this one: a
        // call's end recomputes the status line under eight frames of the SIP stack and the phone's calls, and the
        // search under Expired under ShowsDirectly was the deepest of it (12,140 B free, office at 80,696 B,
        // docs/benchmarks.md margin3).
        private bool Expired(int id, int seconds, long nowMs) =>
            seconds > 0 && nowMs - _raisedAt[SlotOf(id)] >= seconds * 1000L;

        private long PopUpMs(int id)
        {
            int seconds = Categories.Seconds(id, StatusCategories.PopUp);
            return (seconds < 0 ? DefaultPopUpSeconds : seconds) * 1000L;
        }

        private void EnqueuePopUp(int id, long nowMs)
        {
            if (_popUpCount == PopUpQueueSize)
            {
                // Full: the oldest waiting pop-up gives way; the one on screen stays.
                RemovePopUpAt(1, nowMs);
            }
            _ids[_popUpCount++] = (byte)id;
            if (_popUpCount == 1)
            {
                _popUpShownAt = nowMs;
                _pending |= PopUpChanged;
            }
        }

        private void RemovePopUpAt(int index, long nowMs)
        {
            for (int i = index + 1; i < _popUpCount; i++)
            {
                _ids[i - 1] = _ids[i];
            }
            _popUpCount--;
            if (index == 0)
            {
                _popUpShownAt = nowMs;
                _pending |= PopUpChanged;
            }
        }

        private void RebuildOrder()
        {
            _orderCount = 0;
            // Slot order, not ID order: InsertOrdered places by raise sequence, so the result is the same.
            for (int slot = 0; slot < _slotCount; slot++)
            {
                int id = _ids[SlotsAt + slot];
                if (!Categories.IsIn(id, StatusCategories.Blocked))
                {
                    InsertOrdered(id);
                }
            }
        }

        private void InsertOrdered(int id)
        {
            int i = _orderCount;
            int seq = SlotOf(id);
            while (i > 0 && SlotOf(_ids[OrderAt(i - 1)]) < seq)
            {
                _ids[OrderAt(i)] = _ids[OrderAt(i - 1)];
                i--;
            }
            _ids[OrderAt(i)] = (byte)id;
            _orderCount++;
        }

        private int AddSlot(int id)
        {
            int slots = _raisedAt.Length;
            if (_slotCount == slots)
            {
                int size = _slotCount + FirstSlots;
                var ids = new byte[SlotsAt + SlotBytes * size];
                Array.Copy(_ids, ids, SlotsAt + _slotCount);
                Array.Copy(_ids, SlotsAt + slots, ids, SlotsAt + size, _slotCount);
                Array.Copy(_ids, SlotsAt + 2 * slots, ids, SlotsAt + 2 * size, 2 * _slotCount);
                Array.Copy(_ids, _ids.Length - _slotCount, ids, ids.Length - _slotCount, _slotCount);
                _ids = ids;
                _raisedAt = (long[])Grow(_raisedAt, new long[size]);
            }
            int slot = _slotCount++;
            _ids[SlotsAt + slot] = (byte)id;
            return slot;
        }

        /// <summary>
        /// The source's index + 1 in _sources (0 for none): the entry of an equal source another slot holds, else a free
        /// entry, else (not while <paramref name="lean"/>: 0) a new one.
        /// </summary>
        private int SourceIndex(string source, bool lean)
        {
            if ((object)source == null)
            {
                return 0;
            }
            string[] sources = _sources;
            int free = -1;
            int count = sources == null ? 0 : sources.Length;
            for (int k = 0; k < count; k++)
            {
                string held = sources[k];
                if ((object)held == null)
                {
                    free = free < 0 ? k : free;
                }
                else if (held == source)
                {
                    return k + 1;
                }
            }
            if (free < 0)
            {
                if (lean)
                {
                    return 0;
                }
                sources = new string[count + 2];
                if (count > 0)
                {
                    Array.Copy(_sources, sources, count);
                }
                _sources = sources;
                free = count;
            }
            sources[free] = source;
            return free + 1;
        }

        /// <summary>
        /// True when the slot's parameter is <paramref name="param"/>: its characters compared with the kept UTF-8 bytes
        /// as they are read (no string made, so that raising an active status again allocates nothing).
        /// </summary>
        private bool SameParam(int slot, string param)
        {
            int stored = StoredLength(slot);
            if ((object)param == null || stored == 0)
            {
                return (object)param == null && stored == 0;
            }
            byte[] bytes = _params;
            int at = ParamStart(slot);
            int end = at + stored - 1;
            int length = param.Length;
            for (int i = 0; i < length; i++)
            {
                int c = param[i];
                if (c < 0x80)
                {
                    if (at == end || bytes[at++] != c)
                    {
                        return false;
                    }
                    continue;
                }
                // UTF-8: a lead byte, then 6 bits a byte (a surrogate pair is one character of 4 bytes).
                int extra = 2;
                int lead = 0xE0;
                if (c < 0x800)
                {
                    extra = 1;
                    lead = 0xC0;
                }
                else if (c >= 0xD800 && c < 0xDC00 && i + 1 < length)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (param[++i] - 0xDC00);
                    extra = 3;
                    lead = 0xF0;
                }
                if (at == end || bytes[at++] != (lead | c >> (6 * extra)))
                {
                    return false;
                }
                for (int shift = 6 * (extra - 1); shift >= 0; shift -= 6)
                {
                    if (at == end || bytes[at++] != (0x80 | (c >> shift) & 0x3F))
                    {
                        return false;
                    }
                }
            }
            return at == end;
        }

        /// <summary>Keeps <paramref name="param"/> (null: none) as the slot's parameter, moving the later slots' bytes.</summary>
        private void SetParam(int slot, string param)
        {
            int stored = StoredLength(slot);
            if ((object)param == null && stored == 0)
            {
                return;
            }
            byte[] added = (object)param == null || param.Length == 0 ? null : Encoding.UTF8.GetBytes(param);
            int addedLength = added == null ? 0 : added.Length;
            if (addedLength > MaxParamBytes)
            {
                // Longer than any status's parameter is meant to be (a 64 KB text does not fit the phone's heap): cut at
                // a character's first byte.
                addedLength = MaxParamBytes;
                while ((added[addedLength] & 0xC0) == 0x80)
                {
                    addedLength--;
                }
            }
            int oldLength = stored == 0 ? 0 : stored - 1;
            int start = ParamStart(slot);
            int used = start + oldLength;
            for (int k = slot + 1; k < _slotCount; k++)
            {
                int other = StoredLength(k);
                used += other == 0 ? 0 : other - 1;
            }
            int tail = used - start - oldLength;
            int need = used - oldLength + addedLength;
            byte[] bytes = _params;
            if (need > (bytes == null ? 0 : bytes.Length))
            {
                bytes = new byte[need];
                if (start > 0)
                {
                    Array.Copy(_params, bytes, start);
                }
                if (tail > 0)
                {
                    Array.Copy(_params, start + oldLength, bytes, start + addedLength, tail);
                }
                _params = bytes;
            }
            else if (tail > 0 && oldLength != addedLength)
            {
                Array.Copy(bytes, start + oldLength, bytes, start + addedLength, tail);
            }
            if (addedLength > 0)
            {
                Array.Copy(added, 0, bytes, start, addedLength);
            }
            stored = (object)param == null ? 0 : addedLength + 1;
            int at = LengthAt(slot);
            _ids[at] = (byte)(stored >> 8);
            _ids[at + 1] = (byte)stored;
        }

        /// <summary>A parameter's most bytes (its count + 1 is kept in two bytes).</summary>
        private const int MaxParamBytes = 0xFFFE;

        private void RemoveSlot(int id)
        {
            int from = SlotOf(id);
            byte[] ids = _ids;
            int sourceAt = SlotsAt + _raisedAt.Length;
            int lengthAt = sourceAt + _raisedAt.Length;
            if ((ids[lengthAt + 2 * from] | ids[lengthAt + 2 * from + 1]) != 0)
            {
                SetParam(from, null);
            }
            int source = ids[sourceAt + from];
            int last = --_slotCount;
            int moved = last - from;
            if (moved > 0)
            {
                // The followers move up a slot in each region (native copies: fewer interpreted instructions than a loop).
                Array.Copy(ids, SlotsAt + from + 1, ids, SlotsAt + from, moved);
                Array.Copy(ids, sourceAt + from + 1, ids, sourceAt + from, moved);
                Array.Copy(ids, lengthAt + 2 * from + 2, ids, lengthAt + 2 * from, 2 * moved);
                Array.Copy(_raisedAt, from + 1, _raisedAt, from, moved);
            }
            ids[sourceAt + last] = 0;
            ids[lengthAt + 2 * last] = 0;
            ids[lengthAt + 2 * last + 1] = 0;
            if (source == 0)
            {
                return;
            }
            // The source's entry is emptied when no other active slot holds it.
            for (int slot = 0; slot < last; slot++)
            {
                if (ids[sourceAt + slot] == source)
                {
                    return;
                }
            }
            _sources[source - 1] = null;
        }

        private static System.Array Grow(System.Array from, System.Array to)
        {
            System.Array.Copy(from, to, from.Length);
            return to;
        }

        private void RemoveOrdered(int id)
        {
            for (int i = 0; i < _orderCount; i++)
            {
                if (_ids[OrderAt(i)] == id)
                {
                    for (int j = i + 1; j < _orderCount; j++)
                    {
                        _ids[OrderAt(j - 1)] = _ids[OrderAt(j)];
                    }
                    _orderCount--;
                    return;
                }
            }
        }
    }
}
