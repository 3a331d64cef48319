using System.Collections;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The phone's own TCP connections (issue #18) as the phone sees them: which identities send over TCP, and what a
    /// lost connection does. The TCP transport tells a loss on its thread (or the loop's); <see cref="Take"/> hands it
    /// to the loop, which fails the requests waiting on it and, for a connection that was up, registers again (a new
    /// connection, as after a network loss). One that could not be made is not retried here: the registration's
    /// back-off does that.
    /// </summary>
    public sealed class OwnConnections
    {
        private readonly TcpTransport _tcp;

        // Losses not yet handled, oldest first (made on the first loss; a few at most: one per connection).
        private ArrayList _lost;

        public OwnConnections(TcpTransport tcp)
        {
            _tcp = tcp;
            tcp.Lost = OnLost;
        }

        /// <summary>
        /// The network went away or the phone changed links: its connections were made on the old one and are closed
        /// (their losses are then handled as any), so the next REGISTER opens a new one instead of waiting on a dead one.
        /// </summary>
        public void NetworkLost() => _tcp.CloseOwn();

        /// <summary>
        /// Whether an identity sends over TCP: its first hop (the outbound proxy, else the registrar) says
        /// <c>;transport=tcp</c> (RFC 3261 19.1.1), as a Snom phone's <c>user_outbound</c> does.
        /// </summary>
        public static bool OverTcp(string outbound, string registrar)
        {
            string hop = outbound != null && outbound.Length > 0 ? outbound : registrar;
            return hop != null && hop.ToLower().IndexOf(";transport=tcp") >= 0;
        }

        private void OnLost(string host, int port, bool established)
        {
            lock (this)
            {
                if (_lost == null)
                {
                    _lost = new ArrayList();
                }
                _lost.Add(new Loss(host, port, established));
            }
        }

        /// <summary>The oldest loss not yet handled, or null (the list is let go once empty).</summary>
        public Loss Take()
        {
            lock (this)
            {
                if (_lost == null)
                {
                    return null;
                }
                var loss = (Loss)_lost[0];
                _lost.RemoveAt(0);
                if (_lost.Count == 0)
                {
                    _lost = null;
                }
                return loss;
            }
        }

        /// <summary>One lost connection: where it went, and whether it had been up.</summary>
        public sealed class Loss
        {
            public readonly string Host;
            public readonly int Port;
            public readonly bool Established;

            public Loss(string host, int port, bool established)
            {
                Host = host;
                Port = port;
                Established = established;
            }
        }
    }
}
