namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// One UDP port of a call's media (RTP, or RTCP on the next port): <see cref="UdpRtpChannel"/> on the board and the
    /// simulator, a fake in tests. Nothing blocks: the media session polls it from the phone's loop.
    /// </summary>
    public interface IRtpChannel
    {
        /// <summary>Binds the local port; false when it cannot (taken, no network): the call then has no audio.</summary>
        bool Open(int localPort);

        /// <summary>Where <see cref="Send"/> goes until <see cref="Latch"/>: the address (a literal) and port from the SDP.</summary>
        bool Connect(string address, int port);

        void Send(byte[] data, int length);

        /// <summary>One waiting datagram into <paramref name="buffer"/>: its length, or 0 when none waits.</summary>
        int Receive(byte[] buffer);

        /// <summary>
        /// Symmetric RTP (RFC 4961): from now on send to where the last datagram <see cref="Receive"/> returned came
        /// from, if that differs from where sending goes (a NAT or a relay in between).
        /// </summary>
        void Latch();

        /// <summary>Releases the port (Open takes it again).</summary>
        void Close();
    }
}
