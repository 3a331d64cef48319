using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Session
{
    /// <summary>What the phone decides about calls and learns from them (the firmware's call logic implements it).</summary>
    public interface ISessionHandler
    {
        /// <summary>
        /// A new incoming call: 180 to ring, or a final status to refuse it (486 for Do not disturb, 3xx to forward, for
        /// which <paramref name="contact"/> is the Contact value).
        /// </summary>
        int OnIncoming(SipCall call, SipMessage invite, out string contact);

        /// <summary>A call changed state (ringing, connected, ended); an ended call is out of the table already.</summary>
        void OnChanged(SipCall call, long nowMs);

        /// <summary>
        /// Whether the RTP port (and RTCP on the next) can be bound now: the media's probe (true: every port can). A port is
        /// offered in the SDP before the media binds it, so one taken by another socket (a page, a stale session, another
        /// program in the simulator) is skipped before it is offered (docs/calls.md). A method of the handler, not a
        /// delegate the media set (36 B and a field of every call, h-callobjs).
        /// </summary>
        bool PortBindable(int port);

        /// <summary>A connected call's INFO carried a DTMF key (application/dtmf-relay or application/dtmf; docs/media.md, "DTMF").</summary>
        void DtmfReceived(SipCall call, char key, long nowMs);
    }
}
