namespace DeskPhone.Sip.Transport
{
    /// <summary>One received message (a datagram, or one framed message of a stream) and where it came from.</summary>
    public sealed class SipPacket
    {
        public SipPacket(int capacity)
        {
            Data = new byte[capacity];
        }

        public byte[] Data { get; }
        public int Length { get; set; }
        public string RemoteHost { get; set; }
        public int RemotePort { get; set; }

        /// <summary>The transport to answer on.</summary>
        public ISipTransport Transport { get; set; }

        /// <summary>For stream transports, the connection it arrived on (responses go back on it); null for UDP.</summary>
        public object Connection { get; set; }
    }
}
