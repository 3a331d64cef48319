namespace DeskPhone.Sip.Transport
{
    /// <summary>
    /// Whether the heap has room for what a transport is about to take in (the phone's heap reserve, issue #17). An
    /// interface its owner implements, not delegates: each delegate is 36 B of the board's heap at rest.
    /// </summary>
    public interface IHeapRoom
    {
        /// <summary>
        /// Whether the request in data[0, length) may be taken in, parsed and handled: 0 when it may, else the status it
        /// is answered from its first bytes (503 with Retry-After for want of heap, 486 for a new call without room for
        /// what a call holds). Asked before a datagram's packet is made when the socket told its size (data null: only
        /// its length known), and before a message in a packet is parsed: a response (it starts "SIP/") is always taken
        /// in, as the answer to the phone's own transaction frees it.
        /// </summary>
        int Refusal(byte[] data, int length);

        /// <summary>Whether a peer's TCP connection with <paramref name="bytes"/> of buffers may be taken on; false: closed at once.</summary>
        bool AdmitConnection(long bytes);

        /// <summary>
        /// The heap is short (below the reserve, or something is refused): what only helps someone look (the SIP trace's
        /// ring) is not made now.
        /// </summary>
        bool Short { get; }
    }
}
