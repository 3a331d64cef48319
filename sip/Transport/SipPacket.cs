namespace DeskPhone.Sip.Transport
{
    /// <summary>One received message (a datagram, or one framed message of a stream) and where it came from.</summary>
    // Its plain state (Data) is public fields, not properties: no accessor method in the runtime tables, image and
    // calls on the device (issue #17).
    public sealed class SipPacket
    {
        public SipPacket(int capacity)
        {
            // One byte more than a message may have: a datagram that fills it is larger than a packet (UdpTransport).
            Data = new byte[capacity + 1];
        }

        /// <summary>
        /// The bytes; a message is at most <see cref="SipInbox.PacketBytes"/> long (the last byte is the over-size probe).
        /// Once posted, a short message has an array of its own length (<see cref="SipInbox.Post"/>).
        /// </summary>
        public byte[] Data;
        public int Length;
        public string RemoteHost;
        public int RemotePort;

        /// <summary>The transport to answer on.</summary>
        public ISipTransport Transport;

        /// <summary>For stream transports, the connection it arrived on (responses go back on it); null for UDP.</summary>
        public object Connection;

        /// <summary>
        /// Non-zero when the transport has already judged the message: larger than a packet (513, the bytes are cut) or
        /// a stream whose framing is lost (400, 413, 513). The user agent then answers this status, when the start line
        /// and the Via can be read from the bytes kept, and never handles the message.
        /// </summary>
        public int RefuseStatus;
    }
}
