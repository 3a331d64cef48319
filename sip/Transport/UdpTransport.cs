using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace DeskPhone.Sip.Transport
{
    /// <summary>SIP over UDP (System.Net.Sockets, the same API on the device): a receive thread posts datagrams to the inbox.</summary>
    public sealed class UdpTransport : ISipTransport
    {
        private readonly SipInbox _inbox;
        private Socket _socket;
        private Thread _thread;
        private bool _running;

        public UdpTransport(SipInbox inbox)
        {
            _inbox = inbox;
        }

        public string Name => "UDP";

        public int LocalPort { get; private set; }

        /// <summary>Binds address:port (port 0 picks a free one); throws SocketException when the port is taken.</summary>
        public void Start(string address, int port)
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(IPAddress.Parse(address), port));
            LocalPort = ((IPEndPoint)_socket.LocalEndPoint).Port;
            _running = true;
            _thread = new Thread(Receive);
            _thread.Start();
        }

        public void Stop()
        {
            _running = false;
            if (_socket != null)
            {
                _socket.Close();
            }
        }

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            try
            {
                _socket.SendTo(data, 0, length, SocketFlags.None, new IPEndPoint(IPAddress.Parse(host), port));
                return true;
            }
            catch (System.Exception)
            {
                // A closed socket, an unreachable or malformed address: the transaction layer sees a failed send.
                return false;
            }
        }

        private void Receive()
        {
            var scratch = new byte[_inbox.PacketBytes];
            while (_running)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n;
                try
                {
                    n = _socket.ReceiveFrom(scratch, 0, scratch.Length, SocketFlags.None, ref from);
                }
                catch (SocketException)
                {
                    // ICMP port unreachable from an earlier send shows up here on some stacks; keep listening.
                    continue;
                }
                catch (System.ObjectDisposedException)
                {
                    return;
                }
                SipPacket packet = _inbox.Rent();
                if (packet == null || n == 0)
                {
                    continue;
                }
                System.Array.Copy(scratch, packet.Data, n);
                var remote = (IPEndPoint)from;
                packet.Length = n;
                packet.RemoteHost = remote.Address.ToString();
                packet.RemotePort = remote.Port;
                packet.Transport = this;
                _inbox.Post(packet);
            }
        }
    }
}
