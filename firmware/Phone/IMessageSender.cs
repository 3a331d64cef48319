namespace DeskPhone.Firmware.Phone
{
    /// <summary>Sends a SIP MESSAGE for whoever drives the phone (the bench) and tells how the last one went.</summary>
    public interface IMessageSender
    {
        /// <summary>Starts sending; false (with the reason in <see cref="LastReason"/>) when it cannot.</summary>
        bool Send(int identity, string target, string text);

        /// <summary>0 while the last MESSAGE is on its way, then its final status (408 when nothing answered).</summary>
        int LastStatus { get; }

        string LastReason { get; }

        string LastTarget { get; }
    }
}
