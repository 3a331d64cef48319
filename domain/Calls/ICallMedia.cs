namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// Where the call layer hands a call's audio over (issue #19 builds RTP and G.711 behind it): started when a call
    /// is connected with the other side's address, port and the agreed payload type (0 PCMU, 8 PCMA), stopped when
    /// it ends.
    /// </summary>
    public interface ICallMedia
    {
        void Start(int callId, string remoteAddress, int remotePort, int localPort, int codec);

        void Stop(int callId);
    }

    /// <summary>No audio yet: the call's signalling runs, nothing is sent or played.</summary>
    public sealed class NoCallMedia : ICallMedia
    {
        public void Start(int callId, string remoteAddress, int remotePort, int localPort, int codec)
        {
        }

        public void Stop(int callId)
        {
        }
    }
}
