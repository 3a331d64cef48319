namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// What the call layer tells the phone core about calls: whether any call is being made, received (ringing) or
    /// in progress. The own status shows Busy while <see cref="InCall"/> is true: the core reads it when it attaches, the
    /// call layer tells the own presence of each change (no event the core keeps a delegate on, h-callobjs).
    /// </summary>
    public interface ICallState
    {
        bool InCall { get; }
    }
}
