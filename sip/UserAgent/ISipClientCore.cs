using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// What a layer over the core (registration, like libre's sipreg over sip) needs to send requests of its own: fresh
    /// tokens, the address and Contact it puts in them, the transport, and a slot for its client transaction, which
    /// the core then runs and matches responses to. The core implements it (<see cref="SipUserAgent"/>) and knows
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

        /// <summary>The Contact of an identity.</summary>
        string ContactOf(SipIdentity identity);

        /// <summary>Starts a client transaction; false when too many are in flight.</summary>
        bool Start(ClientTransaction transaction, long nowMs);
    }
}
