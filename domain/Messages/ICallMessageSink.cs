namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// Implemented by the call layer: shows a MESSAGE with the call whose Call-ID it carries. False when no current
    /// call has that Call-ID, so the text goes to the idle screen instead.
    /// </summary>
    public interface ICallMessageSink
    {
        bool TryShowCallMessage(string callId, string text);
    }
}
