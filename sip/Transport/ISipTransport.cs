namespace DeskPhone.Sip.Transport
{
    /// <summary>A way to send SIP bytes: UDP, TCP, or a fake channel in tests.</summary>
    public interface ISipTransport
    {
        /// <summary>"UDP" or "TCP", as written in Via.</summary>
        string Name { get; }

        int LocalPort { get; }

        /// <summary>
        /// Sends to host:port (on a stream transport through <paramref name="connection"/> when given); false on failure.
        /// The bytes are sent or copied before it returns: the agent writes its next answer into the same buffer.
        /// </summary>
        bool Send(byte[] data, int length, string host, int port, object connection);
    }
}
