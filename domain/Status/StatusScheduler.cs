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
    /// allocate nothing.
    /// </summary>
    public sealed class StatusScheduler
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
        // int per slot less).
        // A slot's parameter at 2 slot, its source at 2 slot + 1 (one array: 36 B less than two, issue #17).
        private string[] _texts = new string[2 * FirstSlots];
        private long[] _raisedAt = new long[FirstSlots];
        private int _slotCount;

        // Active, non-blocked message IDs (all below 256), newest first: never more than the slots, so it grows with them
        // (4 bytes at idle instead of one per ID).
        private int _orderCount;

        // Message IDs (all below 256), a byte each, in one array (five were 84 B more with their fields, issue #17): the
        // pop-up queue from 0, the audio queue from AudioAt, the slots' IDs from SlotsAt, and the order (above) from
        // the end backwards, entry i at Order(i); the slots and the order grow together, so the array is SlotsAt and
        // twice the slots long.
        private byte[] _ids = new byte[SlotsAt + 2 * FirstSlots];
        private const int AudioAt = PopUpQueueSize;
        private const int SlotsAt = PopUpQueueSize + AudioQueueSize;

        /// <summary>The slots the arrays hold now.</summary>
        private int Slots => (_ids.Length - SlotsAt) >> 1;

        /// <summary>Where entry i of the order is in _ids.</summary>
        private int OrderAt(int i) => _ids.Length - 1 - i;
        private int _popUpCount;
        private long _popUpShownAt;

        private int _audioCount;

        private int _statusLine = NoMessage;
        private int _showDirectlyCount;
        private int _pending;

        public StatusScheduler()
        {
            DefaultPopUpSeconds = 10;
            Configure(StatusCategoryDefaults.Blocked, StatusCategoryDefaults.ShowDirectly, StatusCategoryDefaults.Essential,
                      StatusCategoryDefaults.Important, StatusCategoryDefaults.AudioIndication, StatusCategoryDefaults.PopUp, 0);
        }

        /// <summary>Raised with the <see cref="StatusChange"/> bits of what must be redrawn.</summary>
        public event NumberHandler Changed;

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

        public string ParamOf(int id)
        {
            int slot = SlotOf(id);
            return slot < 0 ? null : _texts[2 * slot];
        }

        public string SourceOf(int id)
        {
            int slot = SlotOf(id);
            return slot < 0 ? null : _texts[2 * slot + 1];
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
            for (int slot = 0; slot < _slotCount; slot++)
            {
                if (_ids[SlotsAt + slot] == id)
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
                if (!Categories.IsIn(_ids[i], StatusCategory.PopUp) || Categories.IsIn(_ids[i], StatusCategory.Blocked))
                {
                    RemovePopUpAt(i, nowMs);
                }
            }
            _pending |= StatusChange.Notifications | StatusChange.IdleList | StatusChange.Leds;
            Recompute(nowMs);
        }

        /// <summary>Raises (without a parameter) or clears <paramref name="id"/>: for sources that only know on or off.</summary>
        public bool Set(int id, bool active, string source, long nowMs) =>
            active ? Raise(id, null, source, nowMs) : Clear(id, nowMs);

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
                if (_texts[2 * slot] == param)
                {
                    return false;
                }
                _texts[2 * slot] = param;
                _pending |= StatusChange.Notifications | StatusChange.IdleList;
                if (_statusLine == id)
                {
                    _pending |= StatusChange.StatusLine;
                }
                if (PopUp == id)
                {
                    _pending |= StatusChange.PopUp;
                }
                Flush();
                return true;
            }
            int[] lean = Lean;
            if (lean != null && (_slotCount == Slots || (object)param != null))
            {
                // The heap is low: kept without its parameter (its description alone is drawn), or not raised when the
                // slots would have to grow; counted for the phone's low-memory report.
                lean[LeanCount]++;
                if (_slotCount == Slots)
                {
                    return false;
                }
                param = null;
            }
            int added = AddSlot(id);
            _texts[2 * added] = param;
            _texts[2 * added + 1] = SharedSource(source);
            _raisedAt[added] = nowMs;
            bool blocked = Categories.IsIn(id, StatusCategory.Blocked);
            if (!blocked)
            {
                InsertOrdered(id);
                _pending |= StatusChange.Notifications | StatusChange.IdleList;
                if (Categories.IsIn(id, StatusCategory.PopUp))
                {
                    EnqueuePopUp(id, nowMs);
                }
                if (Categories.IsIn(id, StatusCategory.AudioIndication) && _audioCount < AudioQueueSize)
                {
                    _ids[AudioAt + _audioCount++] = (byte)id;
                    _pending |= StatusChange.Audio;
                }
            }
            _pending |= StatusChange.Leds;
            Recompute(nowMs);
            return true;
        }

        public bool Clear(int id, long nowMs)
        {
            if (!IsActive(id))
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
            _pending |= StatusChange.Notifications | StatusChange.IdleList | StatusChange.Leds;
            Recompute(nowMs);
            return true;
        }

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
            if (_audioCount == 0)
            {
                return NoMessage;
            }
            int id = _ids[AudioAt];
            for (int i = AudioAt + 1; i < AudioAt + _audioCount; i++)
            {
                _ids[i - 1] = _ids[i];
            }
            _audioCount--;
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
            for (int i = 0; i < _orderCount; i++)
            {
                if (ShowsDirectly(_ids[OrderAt(i)], nowMs))
                {
                    n++;
                }
            }
            return n;
        }

        /// <summary>The index-th show-directly message on the idle screen, newest first.</summary>
        public int ShowDirectly(int index, long nowMs)
        {
            for (int i = 0; i < _orderCount; i++)
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
            for (int c = 0; c < StatusCategory.Count; c++)
            {
                if (Categories.IsIn(id, c))
                {
                    sb.Append(any ? ", " : "").Append(StatusCategory.Name(c));
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
            if (_texts[2 * slot] != null)
            {
                sb.Append(", parameter '").Append(_texts[2 * slot]).Append('\'');
            }
            if (_texts[2 * slot + 1] != null)
            {
                sb.Append(", raised by ").Append(_texts[2 * slot + 1]);
            }
            sb.Append(".\n");
            if (_statusLine == id)
            {
                return sb.Append("On the status line.").ToString();
            }
            sb.Append("Not on the status line: ");
            if (Categories.IsIn(id, StatusCategory.Blocked))
            {
                sb.Append("it is blocked.");
            }
            else if (Rank(id) == 0)
            {
                sb.Append("it is in none of show directly, essential or important.");
            }
            else if (!OnStatusLine(id, nowMs))
            {
                sb.Append("its time on the status line is over.");
            }
            else
            {
                sb.Append(StatusCatalog.Name(_statusLine)).Append(Rank(_statusLine) > Rank(id)
                    ? " ranks higher." : " is listed before it in the same category.");
            }
            return sb.ToString();
        }

        private void Recompute(long nowMs)
        {
            int best = NoMessage;
            for (int i = 0; i < _orderCount; i++)
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
                _pending |= StatusChange.StatusLine;
            }
            int showDirectly = ShowDirectlyCount(nowMs);
            if (showDirectly != _showDirectlyCount)
            {
                _showDirectlyCount = showDirectly;
                _pending |= StatusChange.IdleList;
            }
            Flush();
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
            int rank = Rank(id);
            int otherRank = Rank(other);
            if (rank != otherRank)
            {
                return rank > otherRank;
            }
            return Categories.RankPosition(id) < Categories.RankPosition(other);
        }

        private int Rank(int id) => Categories.Rank(id);

        private static int RankCategory(int rank) =>
            rank == 3 ? StatusCategory.Essential : rank == 2 ? StatusCategory.Important : StatusCategory.ShowDirectly;

        private bool OnStatusLine(int id, long nowMs)
        {
            int rank = Rank(id);
            if (rank == 0)
            {
                return false;
            }
            return !Expired(id, RankCategory(rank), nowMs);
        }

        private bool ShowsDirectly(int id, long nowMs) =>
            Categories.IsIn(id, StatusCategory.ShowDirectly) && !Expired(id, StatusCategory.ShowDirectly, nowMs);

        private bool Expired(int id, int category, long nowMs)
        {
            int seconds = Categories.Seconds(id, category);
            return seconds > 0 && nowMs - _raisedAt[SlotOf(id)] >= seconds * 1000L;
        }

        private long PopUpMs(int id)
        {
            int seconds = Categories.Seconds(id, StatusCategory.PopUp);
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
                _pending |= StatusChange.PopUp;
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
                _pending |= StatusChange.PopUp;
            }
        }

        private void RebuildOrder()
        {
            _orderCount = 0;
            // Slot order, not ID order: InsertOrdered places by raise sequence, so the result is the same.
            for (int slot = 0; slot < _slotCount; slot++)
            {
                int id = _ids[SlotsAt + slot];
                if (!Categories.IsIn(id, StatusCategory.Blocked))
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
            if (_slotCount == Slots)
            {
                int size = _slotCount + FirstSlots;
                var ids = new byte[SlotsAt + 2 * size];
                System.Array.Copy(_ids, ids, SlotsAt + _slotCount);
                System.Array.Copy(_ids, _ids.Length - _slotCount, ids, ids.Length - _slotCount, _slotCount);
                _ids = ids;
                _texts = (string[])Grow(_texts, new string[2 * size]);
                _raisedAt = (long[])Grow(_raisedAt, new long[size]);
            }
            int slot = _slotCount++;
            _ids[SlotsAt + slot] = (byte)id;
            return slot;
        }

        /// <summary>
        /// The equal source another slot holds already, else <paramref name="source"/>: the phone's parts raise with a
        /// few literal names, and on the device every raise brings a string object of its own (12 B a slot for a
        /// literal, more for a made one), kept while the status is active.
        /// </summary>
        private string SharedSource(string source)
        {
            if ((object)source == null)
            {
                return null;
            }
            for (int slot = 0; slot < _slotCount; slot++)
            {
                string held = _texts[2 * slot + 1];
                if ((object)held != null && held == source)
                {
                    return held;
                }
            }
            return source;
        }

        private void RemoveSlot(int id)
        {
            int from = SlotOf(id);
            int last = --_slotCount;
            for (int slot = from; slot < last; slot++)
            {
                _ids[SlotsAt + slot] = _ids[SlotsAt + slot + 1];
                _raisedAt[slot] = _raisedAt[slot + 1];
            }
            System.Array.Copy(_texts, 2 * from + 2, _texts, 2 * from, 2 * (last - from));
            _texts[2 * last] = null;
            _texts[2 * last + 1] = null;
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
