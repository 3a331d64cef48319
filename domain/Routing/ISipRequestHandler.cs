using DeskPhone.Sip.Message;

namespace DeskPhone.Domain.Routing
{
    /// <summary>
    /// What the phone does with the requests <see cref="IdentityRouting"/> routed to an identity; each method returns
    /// the SIP status to answer.
    /// </summary>
    public interface ISipRequestHandler
    {
        /// <summary>An out-of-dialog MESSAGE with text/plain (other types were answered 415 already).</summary>
        int OnMessage(int identity, SipMessage request);

        /// <summary>
        /// A NOTIFY in no subscription's dialog (Infobox, unsolicited message-summary, check-sync): the routing gives the
        /// events layer (<see cref="IdentityRouting.Events"/>) the others.
        /// <paramref name="fromRegistrar"/>: it came from the registrar or outbound proxy of the identity.
        /// </summary>
        int OnNotify(int identity, SipMessage request, bool fromRegistrar);
    }
}
