namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// A UDP port that receives a multicast group's datagrams (paging, docs/media.md): <see cref="UdpMulticastChannel"/>
    /// on the board and the simulator, a fake in tests. Nothing blocks: the phone's loop polls it.
    /// </summary>
    public interface IMulticastChannel
    {
        /// <summary>Binds the port and joins the group (an IPv4 literal); false when either fails (nothing open then).</summary>
        bool Join(string group, int port);

        /// <summary>One waiting datagram into <paramref name="buffer"/>: its length, or 0 when none waits.</summary>
        int Receive(byte[] buffer);

        /// <summary>Leaves the group and releases the port.</summary>
        void Close();
    }
}
