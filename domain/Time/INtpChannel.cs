namespace DeskPhone.Domain.Time
{
    /// <summary>
    /// The UDP socket the SNTP client talks through (<see cref="UdpNtpChannel"/> on the board and the simulator, a fake
    /// in tests). Nothing blocks: the client polls from the phone's loop.
    /// </summary>
    public interface INtpChannel
    {
        /// <summary>Sends to host:port (a name is resolved here); false when the host cannot be resolved or reached.</summary>
        bool Send(string host, int port, byte[] data, int length);

        /// <summary>
        /// One waiting datagram from the host:port of the last <see cref="Send"/> into <paramref name="buffer"/>: its
        /// length, or 0 when none waits. Datagrams from anywhere else are dropped.
        /// </summary>
        int Receive(byte[] buffer);

        /// <summary>Releases the socket (the next Send opens one again).</summary>
        void Close();
    }
}
