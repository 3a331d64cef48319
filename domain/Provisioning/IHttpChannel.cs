namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// The TCP connection an HTTP fetch talks through (<see cref="TcpHttpChannel"/> on the board and the simulator, with
    /// TLS for https where the host has a TLS channel: docs/provisioning.md "HTTPS"; a fake in tests). Nothing blocks the caller: <see cref="Open"/> only starts the connection (name lookup and
    /// connect happen off the loop), and the fetch polls <see cref="State"/> and <see cref="Receive"/> from the
    /// phone's loop.
    /// </summary>
    public interface IHttpChannel
    {
        /// <summary>
        /// Starts connecting to host:port (a name is resolved off the loop), over TLS when <paramref name="tls"/> (the
        /// server's certificate verified against the CA of <c>custom_certificates</c> and its name); false when no
        /// connection can start now (the previous one has not finished closing).
        /// </summary>
        bool Open(string host, int port, bool tls);

        /// <summary>Why the last connection failed when the channel knows (a TLS refusal: the certificate, no CA), else null.</summary>
        string Error { get; }

        /// <summary>One of <see cref="HttpChannelState"/>.</summary>
        int State { get; }

        /// <summary>Sends on the open connection; false when it failed.</summary>
        bool Send(byte[] data, int offset, int length);

        /// <summary>
        /// Bytes waiting, without waiting for any: how many were copied into buffer[offset..offset+count), 0 when
        /// none waits, -1 when the server closed the connection or it failed.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count);

        /// <summary>Closes the connection (and gives up one still being made).</summary>
        void Close();
    }
}
