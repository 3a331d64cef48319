using System.Net.Sockets;

namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// One accepted TCP connection as <see cref="TcpTransport"/> serves it: the socket, the bytes read and not yet
    /// framed, and the clocks of its limits. Only the transport's thread reads and frames; answers are written from the
    /// phone's loop, pongs from the transport's thread, one at a time.
    /// </summary>
    internal sealed class TcpConnection
    {
        public readonly Socket Socket;
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

        /// <summary>Writes all bytes (one writer at a time); false on failure or when the peer does not take them in time.</summary>
        public bool Write(byte[] data, int length)
        {
            lock (_sendGate)
            {
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
    }
}
