using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.UserAgent;

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
        /// events layer (<see cref="Events"/>) the others.
        /// <paramref name="fromRegistrar"/>: it came from the registrar or outbound proxy of the identity.
        /// </summary>
        int OnNotify(int identity, SipMessage request, bool fromRegistrar);

        /// <summary>
        /// The events layer: the routing offers it every NOTIFY first, from its own frame (a level less under every BLF
        /// key's dialog-info parse, docs/benchmarks.md h-flatnotify); null: every NOTIFY goes to <see cref="OnNotify"/>.
        /// Asked, not kept by the routing: two fields less at rest.
        /// </summary>
        Subscriptions Events { get; }

        /// <summary>
        /// What the agent runs after the packet of a NOTIFY the events layer took (the monitored keys' LEDs and events,
        /// MonitoredExtensions.AfterPacket), so that it runs without the request's handling under it; null: nothing.
        /// </summary>
        IAfterPacket AfterNotify { get; }
    }
}
