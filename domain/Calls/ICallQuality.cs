namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The voice quality of a call for its screen (issue #19: loss, jitter and round trip on the call screen as in the
    /// bench API): the media that carries the calls implements it beside <see cref="ICallMedia"/>; a phone without
    /// media shows no figures.
    /// </summary>
    public interface ICallQuality
    {
        /// <summary>"Loss 0% Jitter 3ms RTT 12ms" for a call whose media has received packets, else null.</summary>
        string Figures(int callId);
    }
}
