using DeskPhone.Sip.Session;

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

        /// <summary>
        /// Sends keys (0-9, *, #, A-D) in the call's media as RFC 4733 events; null when they are queued, else why not
        /// (no media, the other side takes no telephone-event, a character that is no DTMF key).
        /// </summary>
        string SendDigits(int callId, string digits);

        /// <summary>
        /// A DTMF key went down (<paramref name="down"/>) in a call, or up (any call: the key held ends): its event lasts
        /// as long as the key is held (RFC 4733 updates, SIP INFO with the held time).
        /// </summary>
        void DigitKey(int callId, char key, bool down, long nowMs);

        /// <summary>Whether a call's RTP port (and RTCP on the next) can be bound before it is offered (CallSessions asks).</summary>
        bool PortBindable(int port);

        /// <summary>A DTMF key a connected call's SIP INFO carried: kept with the RFC 4733 ones (the call screen).</summary>
        void InfoDigit(SipCall call, char key, long nowMs);
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

        public string SendDigits(int callId, string digits) => "the call has no media";

        public void DigitKey(int callId, char key, bool down, long nowMs)
        {
        }

        public bool PortBindable(int port) => true;

        public void InfoDigit(SipCall call, char key, long nowMs)
        {
        }
    }
}
