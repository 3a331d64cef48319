using DeskPhone.Media.Rtp;

namespace DeskPhone.Boot
{
    /// <summary>
    /// A call's media port in the interpreter (no sockets): what the phone sends is counted, not kept, and on the RTP port
    /// (even) the other side's voice arrives, one PCMU packet of 20 ms (160 samples of silence) each 20 ms of virtual
    /// time, as a phone at 10.0.0.7 would send it. The RTCP port (odd) receives nothing. The board passes its UDP channels:
    /// this object stands in for one of them.
    /// </summary>
    internal sealed class RecordingRtpChannel : IRtpChannel
    {
        private const int FrameMs = 20;
        private const int PayloadBytes = 160;
        private const uint Ssrc = 0x5EED0001;

        private int _port = -1;
        private long _nextMs = -1;
        private int _sequence;

        // The RTP figures, counted over all the phone's media ports (numbers in two static fields: the script kept a list
        // of its channels to add theirs up, h-harness); zeroed for each phone (BootProgram.Build).

        /// <summary>Datagrams the phone sent on its media ports.</summary>
        internal static int Sent;

        /// <summary>Datagrams the phone received on its media ports.</summary>
        internal static int Received;

        public bool Open(int localPort)
        {
            _port = localPort;
            _nextMs = -1;
            return true;
        }

        public bool Connect(string address, int port) => true;

        public void Send(byte[] data, int length)
        {
            Sent++;
        }

        public int Receive(byte[] buffer)
        {
            if (_port < 0 || _port % 2 != 0)
            {
                return 0;
            }
            long now = BootProgram.NowMs;
            if (_nextMs < 0)
            {
                _nextMs = now;
            }
            if (now < _nextMs)
            {
                return 0;
            }
            _nextMs += FrameMs;
            // Written straight into the phone's buffer: the board's UdpRtpChannel holds no packet of its own either, so the
            // scenario's answered call holds no buffer the board does not have (h-callfit3, h-callthrough).
            int length = RtpPacket.HeaderBytes + PayloadBytes;
            RtpPacket.Write(buffer, 0, _sequence == 0, 0, _sequence & 0xFFFF, (uint)(_sequence * PayloadBytes), Ssrc);
            for (int i = RtpPacket.HeaderBytes; i < length; i++)
            {
                buffer[i] = 0xFF;
            }
            _sequence++;
            Received++;
            return length;
        }

        public void Latch()
        {
        }

        public void Close()
        {
            _port = -1;
        }
    }
}
