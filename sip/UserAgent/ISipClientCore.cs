using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// What a layer over the core (registration and events, like libre's sipreg and sipevent over sip) needs to send
    /// requests of its own: fresh tokens, the address and Contact it puts in them, the transport, the identities, and a
    /// slot for its client transaction, which the core then runs and matches responses to (with the identity's digest
    /// credentials when asked, <see cref="SendRequest"/>). The core implements it (<see cref="SipUserAgent"/>) and knows
    /// nothing of the layers that use it.
    /// </summary>
    public interface ISipClientCore
    {
        /// <summary>A fresh token for tags, branches and Call-IDs.</summary>
        string NewToken();

        /// <summary>The address the phone puts in Via and Contact.</summary>
        string LocalHost { get; }

        int LocalPort { get; }

        /// <summary>The transport the phone's own requests go out on; null: none (nothing is sent).</summary>
        ISipTransport Udp { get; }

        /// <summary>The Contact of an identity (with <c>;transport=tcp</c> for one over TCP).</summary>
        string ContactOf(SipIdentity identity);

        /// <summary>The transport an identity's own requests go out on (TCP for <see cref="SipIdentity.OverTcp"/>, else UDP).</summary>
        ISipTransport TransportOf(SipIdentity identity);

        /// <summary>The top Via of the phone's own request over <paramref name="transport"/>.</summary>
        string ViaOf(ISipTransport transport, string branch);

        /// <summary>Starts a client transaction; false when too many are in flight.</summary>
        bool Start(ClientTransaction transaction, long nowMs);

        /// <summary>Client transaction slots free now (a layer with requests waiting starts them as slots free up).</summary>
        int FreeClientTransactions { get; }

        /// <summary>Identity <paramref name="index"/> (1..12), null when it is not active.</summary>
        SipIdentity GetIdentity(int index);

        /// <summary>
        /// The last active object of identity <paramref name="index"/> once it was turned off (null while it is active
        /// or never was): a layer ends the identity's dialogs with it, as the server knows them.
        /// </summary>
        SipIdentity RetiredIdentity(int index);

        /// <summary>
        /// Sends a non-INVITE request of <paramref name="identity"/> to address:port, built by <paramref name="build"/>
        /// (again, with credentials, after a 401 or 407); <paramref name="done"/> gets the final answer (null: none
        /// came). False when it could not start.
        /// </summary>
        bool SendRequest(SipIdentity identity, string method, string uri, string address, int port, RequestBuilder build,
                         ResponseHandler done, long nowMs);
    }
}
