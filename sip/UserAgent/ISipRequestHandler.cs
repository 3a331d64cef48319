using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// What the firmware does with the requests the user agent routed to an identity; each method returns the SIP
    /// status to answer.
    /// </summary>
    public interface ISipRequestHandler
    {
        /// <summary>An out-of-dialog MESSAGE with text/plain (other types were answered 415 already).</summary>
        int OnMessage(int identity, SipMessage request);

        /// <summary>
        /// An out-of-dialog NOTIFY (Infobox, unsolicited message-summary). <paramref name="fromRegistrar"/>: it came
        /// from the registrar or outbound proxy of a registered identity.
        /// </summary>
        int OnNotify(int identity, SipMessage request, bool fromRegistrar);
    }
}
