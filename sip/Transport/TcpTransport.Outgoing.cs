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
    }
}
