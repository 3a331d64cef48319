using DeskPhone.Domain.Signals;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// What the call layer tells the phone core about calls: whether any call is being made, received (ringing) or
    /// in progress. The own status shows Busy while <see cref="InCall"/> is true.
    /// </summary>
    public interface ICallState
    {
        bool InCall { get; }

        /// <summary>Raised from the main loop whenever <see cref="InCall"/> changes.</summary>
        event FlagHandler Changed;
    }
}
