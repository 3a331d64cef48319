using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// Which of the phone's identities an out-of-dialog request is for: the application's policy (the phone's identity
    /// routing and filter_registrar), asked by the layers over the core that take requests themselves (the INVITE
    /// sessions). The core only carries it (<see cref="SipUserAgent.Router"/>).
    /// </summary>
    public interface IIdentityRouter
    {
        /// <summary>The identity (1 to <see cref="SipUserAgent.MaxIdentities"/>), or 0 when the request is for none or refused: the router answers it then.</summary>
        int IdentityFor(SipPacket packet, SipMessage request);
    }
}
