using System.Net;
using System.Net.Sockets;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Domain.Time
{
    /// <summary>
    /// <see cref="INtpChannel"/> over a UDP socket (System.Net.Sockets, the same API on the board), opened on the first
    /// request for the server's address family and bound to a port the stack picks.
    /// </summary>
    public sealed class UdpNtpChannel : INtpChannel
    {
        private Socket _socket;
        private IPEndPoint _server;
        private EndPoint _from;

        public bool Send(string host, int port, byte[] data, int length)
        {
            string address = HostResolver.Resolve(host);
            if (address == null)
            {
                return false;
            }
            try
            {
                IPAddress ip = IPAddress.Parse(address);
                if (_socket == null || _server.AddressFamily != ip.AddressFamily)
                {
                    Close();
                    _socket = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                    IPAddress any = ip.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
                    _socket.Bind(new IPEndPoint(any, 0));
                    _from = new IPEndPoint(any, 0);
                }
                _server = new IPEndPoint(ip, port);
                _socket.SendTo(data, 0, length, SocketFlags.None, _server);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public int Receive(byte[] buffer)
        {
            Socket socket = _socket;
            if (socket == null)
            {
                return 0;
            }
            try
            {
                // A few datagrams at most per turn: anything not from the server is dropped, without letting a flood
                // of them hold the loop.
                for (int i = 0; i < 4 && socket.Poll(0, SelectMode.SelectRead); i++)
                {
                    int n = socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref _from);
                    var from = (IPEndPoint)_from;
                    if (from.Port == _server.Port && from.Address.Equals(_server.Address))
                    {
                        return n;
                    }
                }
            }
            catch (SocketException)
            {
                // An ICMP port unreachable from an earlier request surfaces here on some stacks: no answer.
            }
            return 0;
        }

        public void Close()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }
    }
}
