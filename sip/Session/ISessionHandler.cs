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
    }
}
