using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// A stream transport held to one connection: a call that came in over TCP sends its own requests in the dialog
    /// (BYE, re-INVITE and its ACK, UPDATE) on the connection its INVITE came on (RFC 3261 18.1.1 lets a UA reuse
    /// it), through the transport's public Send; the transactions that take an <see cref="ISipTransport"/> need not
    /// know about connections.
    /// </summary>
    internal sealed class ConnectionTransport : ISipTransport
    {
        private readonly ISipTransport _transport;
        private readonly object _connection;

        public ConnectionTransport(ISipTransport transport, object connection)
        {
            _transport = transport;
            _connection = connection;
        }

        public string Name => _transport.Name;

        public int LocalPort => _transport.LocalPort;

        public bool Send(byte[] data, int length, string host, int port, object connection) =>
            _transport.Send(data, length, host, port, _connection);
    }
}
