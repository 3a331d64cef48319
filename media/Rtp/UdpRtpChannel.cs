using System.Net;
using System.Net.Sockets;

namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// <see cref="IRtpChannel"/> over a UDP socket (System.Net.Sockets, the same API on the board and the host), bound
    /// to the call's local port on the phone's address (the simulator's loopback address, or any on the board).
    /// </summary>
    public sealed class UdpRtpChannel : IRtpChannel
    {
        private readonly string _bind;
        private Socket _socket;
        private AddressFamily _family;
        private IPEndPoint _remote;
        private EndPoint _from;

        /// <param name="bind">The local address to bind (a literal); null binds any address of the family of the remote side.</param>
        public UdpRtpChannel(string bind)
        {
            _bind = bind;
        }

        public bool Open(int localPort)
        {
            Close();
            try
            {
                IPAddress local = _bind == null ? IPAddress.Any : IPAddress.Parse(_bind);
                _family = local.AddressFamily;
                _socket = new Socket(_family, SocketType.Dgram, ProtocolType.Udp);
                _socket.Bind(new IPEndPoint(local, localPort));
                _from = new IPEndPoint(local.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                return true;
            }
            catch (SocketException)
            {
                Close();
                return false;
            }
        }

        public bool Connect(string address, int port)
        {
            try
            {
                _remote = new IPEndPoint(IPAddress.Parse(address), port);
                return _socket != null && _remote.AddressFamily == _family;
            }
            catch (System.Exception)
            {
                // Not an address literal (the SDP's c= line names a host): no media.
                return false;
            }
        }

        public void Send(byte[] data, int length)
        {
            Socket socket = _socket;
            if (socket == null || _remote == null)
            {
                return;
            }
            try
            {
                socket.SendTo(data, 0, length, SocketFlags.None, _remote);
            }
            catch (SocketException)
            {
                // An ICMP unreachable from an earlier packet, or no route: the next frame tries again.
            }
        }

        public int Receive(byte[] buffer) => ReceiveWaiting(_socket, buffer, ref _from);

        /// <summary>
        /// One datagram already waiting on <paramref name="socket"/> into <paramref name="buffer"/> and its sender into
        /// <paramref name="from"/>; 0 when none waits or the socket is closed (the loop never blocks on media).
        /// </summary>
        internal static int ReceiveWaiting(Socket socket, byte[] buffer, ref EndPoint from)
        {
            if (socket == null)
            {
                return 0;
            }
            try
            {
                if (socket.Poll(0, SelectMode.SelectRead))
                {
                    return socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref from);
                }
            }
            catch (SocketException)
            {
                // Port unreachable from an earlier send surfaces here on some stacks: nothing waits.
            }
            return 0;
        }

        public void Latch()
        {
            var from = _from as IPEndPoint;
            if (from != null && (_remote == null || from.Port != _remote.Port || !from.Address.Equals(_remote.Address)))
            {
                _remote = new IPEndPoint(from.Address, from.Port);
            }
        }

        public void Close()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
            _remote = null;
        }
    }
}
