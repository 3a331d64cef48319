namespace DeskPhone.Sip.Transport
{
    /// <summary>A way to send SIP bytes: UDP, TCP, or a fake channel in tests.</summary>
    public interface ISipTransport
    {
        /// <summary>"UDP" or "TCP", as written in Via.</summary>
        string Name { get; }

        int LocalPort { get; }

        /// <summary>Sends to host:port (on a stream transport through <paramref name="connection"/> when given); false on failure.</summary>
        bool Send(byte[] data, int length, string host, int port, object connection);
    }
}
