using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// <see cref="IHttpChannel"/> over a TCP socket (System.Net.Sockets, the same API on the board). nanoFramework's
    /// Socket.Connect always blocks (it has no non-blocking mode) and a DNS lookup may take seconds, so both run on a
    /// thread of their own, one at a time; the loop only reads <see cref="State"/> and polls the socket. Closing while
    /// connecting closes the socket under the connect, which makes it fail; until that thread has returned, no
    /// new connection starts. No TLS: an https connection fails with <see cref="Error"/> saying so (the simulator and
    /// the board wrap this channel in their TLS channel).
    /// </summary>
    public sealed class TcpHttpChannel : IHttpChannel
    {
        private readonly object _sync = new object();
        private Socket _socket;
        private Socket _connectingSocket;
        private int _state = HttpChannelState.Failed;
        private bool _connectRunning;
        private int _generation;
        private string _host;
        private int _port;

        public int State => _state;

        public string Error { get; private set; }

        public bool Open(string host, int port, bool tls)
        {
            lock (_sync)
            {
                if (_connectRunning)
                {
                    return false;
                }
                CloseLocked();
                Error = tls ? "https is not available on this phone (no TLS channel): use http://" : null;
                if (tls)
                {
                    return true;
                }
                _host = host;
                _port = port;
                _generation++;
                _state = HttpChannelState.Connecting;
                _connectRunning = true;
            }
            new Thread(Connect).Start();
            return true;
        }

        public bool Send(byte[] data, int offset, int length)
        {
            Socket socket = _socket;
            if (socket == null)
            {
                return false;
            }
            try
            {
                while (length > 0)
                {
                    int n = socket.Send(data, offset, length, SocketFlags.None);
                    offset += n;
                    length -= n;
                }
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            Socket socket = _socket;
            if (socket == null)
            {
                return -1;
            }
            try
            {
                if (!socket.Poll(0, SelectMode.SelectRead))
                {
                    return 0;
                }
                // Readable with nothing to read is the server's close.
                int n = socket.Receive(buffer, offset, count, SocketFlags.None);
                return n > 0 ? n : -1;
            }
            catch (SocketException)
            {
                return -1;
            }
        }

        public void Close()
        {
            lock (_sync)
            {
                CloseLocked();
            }
        }

        private void CloseLocked()
        {
            _state = HttpChannelState.Failed;
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
            if (_connectingSocket != null)
            {
                // Makes the blocked Connect fail, so the thread returns.
                _connectingSocket.Close();
                _connectingSocket = null;
            }
        }

        private void Connect()
        {
            int generation;
            string host;
            int port;
            lock (_sync)
            {
                generation = _generation;
                host = _host;
                port = _port;
            }
            Socket socket = null;
            bool connected = false;
            try
            {
                string address = HostResolver.Resolve(host);
                if (address != null)
                {
                    IPAddress ip = IPAddress.Parse(address);
                    socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    lock (_sync)
                    {
                        if (generation != _generation || _state != HttpChannelState.Connecting)
                        {
                            // Closed while the name was looked up.
                            socket.Close();
                            _connectRunning = false;
                            return;
                        }
                        _connectingSocket = socket;
                    }
                    socket.Connect(new IPEndPoint(ip, port));
                    connected = true;
                }
            }
            catch (Exception)
            {
                // Refused, unreachable, or closed under the connect: the state says Failed.
            }
            lock (_sync)
            {
                _connectRunning = false;
                bool current = generation == _generation && _state == HttpChannelState.Connecting;
                if (current)
                {
                    _connectingSocket = null;
                    _socket = connected ? socket : null;
                    _state = connected ? HttpChannelState.Connected : HttpChannelState.Failed;
                }
                if ((!current || !connected) && socket != null)
                {
                    socket.Close();
                }
            }
        }
    }
}
