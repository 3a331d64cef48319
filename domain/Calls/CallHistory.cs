using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Signals;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// What the user sees of the calls after they end, kept while the call layer comes and goes (firmware/App/CallLayer
    /// lets it go when the phone has been idle a while and builds it again on the next call): the three call lists, the
    /// missed calls not seen yet, and whether a call is in progress, which the phone core follows (own status Busy).
    /// The core attaches to this object once, so a layer let go leaves no handler of its own behind in the core.
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

        /// <summary>Missed calls since the user last looked (the PhoneHasMissedCalls parameter).</summary>
        public int MissedCount;

        /// <summary>The id of the last call of a call layer let go: the next layer's calls go on from it (bench call ids).</summary>
        public int LastCallId;

        /// <summary>Where the lists are kept across a restart (<see cref="CallListFile"/>; null: in memory only), set by the owner.</summary>
        public ISettingsMedium Medium;

        private bool _inCall;

        public bool InCall => _inCall;

        public event FlagHandler Changed;

        /// <summary>
        /// A list got an entry: the three are written to <see cref="Medium"/>. Without heap for their text now (a call's
        /// end is told from deep under its BYE's handling: issue #18 on the 80,896-byte board) they stay in memory and the
        /// next change saves them all.
        /// </summary>
        public void ListsChanged()
        {
            if (Medium == null)
            {
                return;
            }
            try
            {
                CallListFile.Save(this);
            }
            catch (System.OutOfMemoryException)
            {
            }
        }

        /// <summary>The calls' layer says whether a call is made, received or held; the change is raised once.</summary>
        public void SetInCall(bool inCall)
        {
            if (inCall == _inCall)
            {
                return;
            }
            _inCall = inCall;
            FlagHandler changed = Changed;
            if (changed != null)
            {
                changed(inCall);
            }
        }
    }
}
