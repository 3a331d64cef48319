using System.Net;
using System.Net.Sockets;

namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// <see cref="IMulticastChannel"/> over a UDP socket (System.Net.Sockets, the same API on the board and the host):
    /// bound to any address on the port (a socket bound to the group's address would not get datagrams on some stacks),
    /// address reuse on (other programs may listen to the same page), the group joined on the interface of the phone's
    /// address (the simulator's loopback address; the board's only interface when none is given).
    /// </summary>
    public sealed class UdpMulticastChannel : IMulticastChannel
    {
        private readonly string _interface;
        private Socket _socket;
        private EndPoint _from = new IPEndPoint(IPAddress.Any, 0);

        /// <param name="iface">The address of the interface to join on (a literal); null: the stack's default.</param>
        public UdpMulticastChannel(string iface)
        {
            _interface = iface;
        }

        public bool Join(string group, int port)
        {
            Close();
            try
            {
                _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                _socket.Bind(new IPEndPoint(IPAddress.Any, port));
                // struct ip_mreq: the group, then the interface's address (0.0.0.0: the default), network order both.
                byte[] request = new byte[8];
                IPAddress.Parse(group).GetAddressBytes().CopyTo(request, 0);
                (_interface == null ? IPAddress.Any : IPAddress.Parse(_interface)).GetAddressBytes().CopyTo(request, 4);
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, request);
                return true;
            }
            catch (System.Exception)
            {
                // The port is taken without reuse, the group is no literal, or the interface cannot join: no paging there.
                Close();
                return false;
            }
        }

        public int Receive(byte[] buffer) => UdpRtpChannel.ReceiveWaiting(_socket, buffer, ref _from);

        public void Close()
        {
            if (_socket != null)
            {
                // Closing the socket leaves its groups.
                _socket.Close();
                _socket = null;
            }
        }
    }
}
