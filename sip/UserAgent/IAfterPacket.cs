namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// Work a handler leaves for after its packet (<see cref="SipUserAgent.AfterPacket"/>): the agent runs it once the
    /// packet is handled and let go, in the same turn, so that it runs without the handling's frames, the parsed
    /// message's header objects and the packet under it (docs/benchmarks.md, h-callfit: a new call's ringing).
    /// </summary>
    public interface IAfterPacket
    {
        void AfterPacket(long nowMs);
    }
}
