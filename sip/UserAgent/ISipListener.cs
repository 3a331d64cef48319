using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// One link of the user agent's chain (libre/baresip style): after the message checks and the server transaction
    /// dedupe, each request is offered to the listeners in order and the first that takes it answers it; a response
    /// no transaction of the agent matched is offered the same way. The identity routing (MESSAGE, NOTIFY, OPTIONS,
    /// 403/404/481) is always the last link; the call sessions sit before it.
    /// </summary>
    public interface ISipListener
    {
        /// <summary>True when this listener answered (or absorbed, for an ACK) the request.</summary>
        bool OnRequest(SipPacket packet, SipMessage request, long nowMs);

        /// <summary>True when the response belonged to this listener.</summary>
        bool OnResponse(SipMessage response, long nowMs);
    }
}
