using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// One link of the user agent's chain (libre/baresip style): after the message checks and the server transaction
    /// dedupe, each request is offered to the listeners in order and the first that takes it answers it; a response
    /// no transaction of the agent matched is offered the same way. The phone's chain: the call sessions, then its
    /// identity routing (domain/Routing); what none takes gets the core's own answer.
    /// </summary>
    public interface ISipListener
    {
        /// <summary>True when this listener answered (or absorbed, for an ACK) the request.</summary>
        bool OnRequest(SipPacket packet, SipMessage request, long nowMs);

        /// <summary>True when the response belonged to this listener.</summary>
        bool OnResponse(SipMessage response, long nowMs);
    }
}
