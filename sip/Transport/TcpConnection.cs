using System.Net.Sockets;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// One TCP connection as <see cref="TcpTransport"/> serves it, accepted or opened by the phone: the socket, the bytes
    /// read and not yet framed, and the clocks of its limits. Only the transport's thread connects, reads and frames;
    /// answers and the phone's requests are written from the phone's loop, pongs from the transport's thread, one at a
    /// time. While the phone's own connection is being opened, <see cref="Buffer"/> holds the requests to write once it
    /// is up.
    /// </summary>
    internal sealed class TcpConnection
    {
        public readonly Socket Socket;

        /// <summary>Opened by the phone (to its registrar or proxy): its loss is told (<see cref="TcpTransport.Lost"/>).</summary>
        public bool Outgoing;

        /// <summary>The phone's own connection is not up yet: the transport's thread connects it, then writes what waits.</summary>
        public bool Connecting;
        public readonly int Slot;
        public readonly string Host;
        public readonly int Port;

        /// <summary>Two packets: a message (at most one packet, the parser's limits) and the start of the next.</summary>
        public readonly byte[] Buffer;
        public int Filled;

        /// <summary>Traffic stamp of the transport (grows with every message, keep-alive or answer): the lowest is shed first.</summary>
        public int LastActivity;

        /// <summary>Without traffic for this long (messages read, keep-alives, answers sent).</summary>
        public int IdleMs;

        /// <summary>The bytes waiting in <see cref="Buffer"/> have been the start of a message for this long.</summary>
        public int PartialMs;

        /// <summary>A complete message waits in the buffer for a free inbox packet: the socket is not read meanwhile.</summary>
        public bool Blocked;

        /// <summary>The framing was lost and the error answer posted: the connection ends once it went out (and a short drain).</summary>
        public bool Closing;
        public SipPacket Answer;
        public int ClosingMs;
        public int QuietMs;

        public bool Closed;
        private readonly object _sendGate = new object();

        public TcpConnection(Socket socket, int slot, string host, int port, int bufferBytes)
        {
            Socket = socket;
            Slot = slot;
            Host = host;
            Port = port;
            Buffer = new byte[bufferBytes];
        }

        /// <summary>
        /// Writes all bytes (one writer at a time), or while connecting keeps them to write once connected; false on
        /// failure, when the peer does not take them in time, or when what waits would not fit.
        /// </summary>
        public bool Write(byte[] data, int length)
        {
            lock (_sendGate)
            {
                if (Connecting)
                {
                    if (Filled + length > Buffer.Length)
                    {
                        return false;
                    }
                    System.Array.Copy(data, 0, Buffer, Filled, length);
                    Filled += length;
                    return true;
                }
                try
                {
                    int sent = 0;
                    while (sent < length)
                    {
                        int n = Socket.Send(data, sent, length - sent, SocketFlags.None);
                        if (n <= 0)
                        {
                            return false;
                        }
                        sent += n;
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
        }

        /// <summary>
        /// Connects (blocking: on the transport's thread, never the loop) and writes what waited; false when the peer
        /// cannot be reached or does not take it.
        /// </summary>
        public bool Connect(System.Net.EndPoint remote)
        {
            Socket.Connect(remote);
            lock (_sendGate)
            {
                Connecting = false;
                int waiting = Filled;
                Filled = 0;
                return Write(Buffer, waiting);
            }
        }
    }
}
