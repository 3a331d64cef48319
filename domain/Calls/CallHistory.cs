using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Signals;

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
        public readonly CallList Missed = new CallList();
        public readonly CallList Received = new CallList();
        public readonly CallList Dialled = new CallList();

        /// <summary>Missed calls since the user last looked (the PhoneHasMissedCalls parameter).</summary>
        public int MissedCount;

        /// <summary>The id of the last call of a call layer let go: the next layer's calls go on from it (bench call ids).</summary>
        public int LastCallId;

        private bool _inCall;

        public bool InCall => _inCall;

        public event FlagHandler Changed;

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
