using System.Net;
using System.Net.Sockets;
using System.Threading;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// SIP over TCP: accepts up to <see cref="MaxConnections"/> connections, frames each stream with the parser
    /// (several messages or half of one per read), posts complete messages to the inbox and answers on the same
    /// connection. A stream whose framing is lost (bad Content-Length) is closed, as RFC 3261 18.3 asks.
    /// </summary>
    public sealed class TcpTransport : ISipTransport
    {
        public const int MaxConnections = 8;

        private readonly SipInbox _inbox;
        private readonly Socket[] _connections = new Socket[MaxConnections];
        private Socket _listener;
        private bool _running;

        public TcpTransport(SipInbox inbox)
        {
            _inbox = inbox;
        }

        public string Name => "TCP";

        public int LocalPort { get; private set; }

        public void Start(string address, int port)
        {
            _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(IPAddress.Parse(address), port));
            _listener.Listen(4);
            LocalPort = ((IPEndPoint)_listener.LocalEndPoint).Port;
            _running = true;
            new Thread(Accept).Start();
        }

        public void Stop()
        {
            _running = false;
            if (_listener != null)
            {
                _listener.Close();
            }
            lock (_connections)
            {
                for (int i = 0; i < MaxConnections; i++)
                {
                    if (_connections[i] != null)
                    {
                        _connections[i].Close();
                        _connections[i] = null;
                    }
                }
            }
        }

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            var socket = connection as Socket;
            if (socket == null)
            {
                return false;
            }
            try
            {
                int sent = 0;
                while (sent < length)
                {
                    sent += socket.Send(data, sent, length - sent, SocketFlags.None);
                }
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
            catch (System.ObjectDisposedException)
            {
                return false;
            }
        }

        private void Accept()
        {
            while (_running)
            {
                Socket client;
                try
                {
                    client = _listener.Accept();
                }
                catch (SocketException)
                {
                    continue;
                }
                catch (System.ObjectDisposedException)
                {
                    return;
                }
                int slot = -1;
                lock (_connections)
                {
                    for (int i = 0; i < MaxConnections && slot < 0; i++)
                    {
                        if (_connections[i] == null)
                        {
                            slot = i;
                            _connections[i] = client;
                        }
                    }
                }
                if (slot < 0)
                {
                    client.Close();
                    continue;
                }
                var reader = new ConnectionReader(this, client, slot);
                new Thread(reader.Run).Start();
            }
        }

        private void Closed(int slot, Socket socket)
        {
            lock (_connections)
            {
                if (_connections[slot] == socket)
                {
                    _connections[slot] = null;
                }
            }
            socket.Close();
        }

        private sealed class ConnectionReader
        {
            private readonly TcpTransport _owner;
            private readonly Socket _socket;
            private readonly int _slot;

            public ConnectionReader(TcpTransport owner, Socket socket, int slot)
            {
                _owner = owner;
                _socket = socket;
                _slot = slot;
            }

            public void Run()
            {
                var buffer = new byte[_owner._inbox.PacketBytes * 2];
                int filled = 0;
                var parser = new SipParser { MaxBodyBytes = _owner._inbox.PacketBytes };
                var message = new SipMessage();
                var result = new ParseResult();
                var remote = (IPEndPoint)_socket.RemoteEndPoint;
                string host = remote.Address.ToString();
                try
                {
                    while (_owner._running)
                    {
                        int n = _socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                        if (n <= 0)
                        {
                            break;
                        }
                        filled += n;
                        int start = 0;
                        while (start < filled)
                        {
                            parser.Parse(buffer, start, filled - start, true, message, result);
                            if (result.Code == ParseResult.Incomplete)
                            {
                                break;
                            }
                            if (result.Code == ParseResult.Invalid && message.Length == 0)
                            {
                                // The framing is lost: nothing after this point can be trusted.
                                _owner.Closed(_slot, _socket);
                                return;
                            }
                            int length = message.Length > 0 ? message.Offset - start + message.Length : result.Consumed;
                            SipPacket packet = length <= _owner._inbox.PacketBytes ? _owner._inbox.Rent() : null;
                            if (packet != null)
                            {
                                System.Array.Copy(buffer, start, packet.Data, 0, length);
                                packet.Length = length;
                                packet.RemoteHost = host;
                                packet.RemotePort = remote.Port;
                                packet.Transport = _owner;
                                packet.Connection = _socket;
                                _owner._inbox.Post(packet);
                            }
                            start += result.Consumed;
                        }
                        if (start > 0)
                        {
                            System.Array.Copy(buffer, start, buffer, 0, filled - start);
                            filled -= start;
                        }
                        if (filled == buffer.Length)
                        {
                            break;
                        }
                    }
                }
                catch (SocketException)
                {
                }
                catch (System.ObjectDisposedException)
                {
                }
                _owner.Closed(_slot, _socket);
            }
        }
    }
}
