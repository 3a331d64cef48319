using System.Net.Sockets;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// The connections the phone opens itself (an identity over TCP, issue #18): found by address, else placed like an
    /// accepted one and connected by the transport's thread (<see cref="TcpConnection.Connect"/>).
    /// </summary>
    public sealed partial class TcpTransport
    {
        /// <summary>
        /// The open connection to host:port, else a new one the thread connects (taking the slot of the one idle the
        /// longest when all are taken); null when the transport is not started or no socket can be had.
        /// </summary>
        private TcpConnection Outgoing(string host, int port)
        {
            lock (_connections)
            {
                for (int i = 0; i < _connections.Length; i++)
                {
                    TcpConnection open = _connections[i];
                    if (open != null && !open.Closed && open.Port == port && open.Host == host)
                    {
                        return open;
                    }
                }
                Socket socket;
                try
                {
                    socket = IpAddresses.Open(_local, SocketType.Stream, ProtocolType.Tcp, DualStack);
                }
                catch (System.Exception)
                {
                    return null; // not started, or no socket free: the request fails, its sender tries again later
                }
                return Place(socket, host, port, true);
            }
        }

        /// <summary>
        /// The link went away or changed: the phone's own connections were made on it, so each is closed (and told as
        /// lost); the next request opens a new one. Accepted connections are the peers' to close.
        /// </summary>
        public void CloseOwn()
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c != null && c.Outgoing)
                {
                    Close(c);
                }
            }
        }
    }
}
