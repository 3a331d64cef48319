using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// What the user sees of the calls after they end, kept while the call layer comes and goes (firmware/App/CallLayer
    /// lets it go when the phone has been idle a while and builds it again on the next call): the three call lists, the
    /// missed calls not seen yet, and whether a call is in progress, which the phone core reads (the calls tell the own
    /// status, Busy, when it changes). The core attaches to this object once, so a layer let go leaves nothing of its
    /// own behind in the core.
    /// </summary>
    public sealed class CallHistory : ICallState
    {
        // Each list made by its first entry or reader: a call holds none until it ends, and a phone that never missed (or
        // received, or dialled) a call holds no list of it (48 B each on nanoCLR, the three 144 B of every call before
        // h-callstream).
        private CallList _missed;
        private CallList _received;
        private CallList _dialled;

        public CallList Missed => _missed ?? (_missed = new CallList());

        public CallList Received => _received ?? (_received = new CallList());

        public CallList Dialled => _dialled ?? (_dialled = new CallList());

        /// <summary>The list of a kind ('m' missed, 'r' received, else dialled) if it was made, null if not: what the file saves without making the others.</summary>
        public CallList Made(char kind) => kind == 'm' ? _missed : kind == 'r' ? _received : _dialled;

        // Missed calls since the user last looked (above the two low bits), whether the lists are owed to the medium (the
        // second bit) and whether a call is in progress (the low bit), in one field: an object field costs 12 B on
        // nanoCLR (h-callobjs).
        private int _state;

        private const int SaveOwedBit = 2;
        private const int MissedShift = 2;

        /// <summary>Missed calls since the user last looked (the PhoneHasMissedCalls parameter).</summary>
        public int MissedCount => _state >> MissedShift;

        /// <summary>One more missed call: the count now.</summary>
        public int AddMissed()
        {
            _state += 1 << MissedShift;
            return _state >> MissedShift;
        }

        /// <summary>The user saw the missed calls.</summary>
        public void ClearMissed()
        {
            _state &= (1 << MissedShift) - 1;
        }

        /// <summary>The id of the last call of a call layer let go: the next layer's calls go on from it (bench call ids).</summary>
        public int LastCallId;

        /// <summary>Where the lists are kept across a restart (<see cref="CallListFile"/>; null: in memory only), set by the owner.</summary>
        public ISettingsMedium Medium;

        public bool InCall => (_state & 1) != 0;

        /// <summary>
        /// A list got an entry: the three are owed to <see cref="Medium"/>, written by <see cref="Save"/> at the call
        /// layer's poll of the same loop turn. A call's end is told from deep under its BYE's handling (14 frames, 2,904 B
        /// under the text's StringBuilder: the office profile's collection under 12 KB at the call's end,
        /// docs/benchmarks.md h-calllines; issue #18 on the 80,896-byte board).
        /// </summary>
        public void ListsChanged()
        {
            if (Medium != null)
            {
                _state |= SaveOwedBit;
            }
        }

        /// <summary>
        /// Writes the lists when a change owes them (<see cref="ListsChanged"/>), from the call layer's poll. Without heap
        /// for their text now they stay in memory and the next change saves them all.
        /// </summary>
        public void Save()
        {
            if ((_state & SaveOwedBit) == 0)
            {
                return;
            }
            _state &= ~SaveOwedBit;
            try
            {
                CallListFile.Save(this);
            }
            catch (System.OutOfMemoryException)
            {
            }
        }

        /// <summary>
        /// The calls' layer says whether a call is made, received or held; true when that changed (the layer tells the own
        /// presence then: no event whose delegate the core kept, 48 B, h-callobjs).
        /// </summary>
        public bool SetInCall(bool inCall)
        {
            if (inCall == InCall)
            {
                return false;
            }
            _state ^= 1;
            return true;
        }
    }
}
