using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Registration
{
    /// <summary>
    /// The registration layer over the core: one <see cref="RegistrationClient"/> per identity that has a registrar
    /// (at most <see cref="SipUserAgent.MaxIdentities"/>), run by <see cref="Poll"/> every loop turn, each reporting
    /// through <see cref="Changed"/>. It sends through <see cref="ISipClientCore"/>; the core does not know it.
    /// </summary>
    public sealed class Registrations
    {
        // Bit i: identity i has a registrar but its registration was refused for lack of heap (Admit), to be tried again.
        private int _refused;

        // Identity index i's at [i - 1], up to the highest that has had a client (a one-identity phone keeps 1 slot, 36 B,
        // not 13, 180 B; docs/benchmarks.md, h-idle2 and h-officerest).
        private RegistrationClient[] _clients = new RegistrationClient[1];

        public Registrations(ISipClientCore core)
        {
            Core = core;
        }

        /// <summary>The core the clients send through (theirs to ask, so each keeps no reference of its own).</summary>
        internal readonly ISipClientCore Core;
        /// <summary>
        /// Raised when an identity registers or loses its registration: from <see cref="Poll"/> (the user agent's poll
        /// before it handled the answer), or at once when the phone stops the registration (<see cref="Update"/>).
        /// </summary>
        public event RegistrationChangedHandler Changed;

        /// <summary>
        /// Asked by <see cref="Admits"/> before an identity's registration is taken on; false refuses it (no identity in
        /// the agent, no client: it stays unregistered and <see cref="IsRefused"/> until it is admitted). Null: all are taken on.
        /// </summary>
        public LongTest Admit;

        /// <summary>
        /// Whether the identity's registration may be taken on now (<see cref="Admit"/>), asked before its
        /// <see cref="SipIdentity"/> is made: a refused one is marked (<see cref="IsRefused"/>) and its host keeps only its
        /// settings until it asks again (issue #17: 12 identities' objects held 1.7 KB of the board's heap before any was admitted).
        /// </summary>
        public bool Admits(int index, long nowMs)
        {
            if (Get(index) != null || Admit == null || Admit(nowMs))
            {
                _refused &= ~(1 << index);
                return true;
            }
            _refused |= 1 << index;
            return false;
        }

        /// <summary>Whether the identity's registration was refused (the host's heap reserve).</summary>
        public bool IsRefused(int index) => (_refused & (1 << index)) != 0;

        /// <summary>How many identities were refused, and how many have a client (registering or registered).</summary>
        public int RefusedCount => Bits(_refused);

        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i] != null)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        private static int Bits(int set)
        {
            int n = 0;
            for (; set != 0; set &= set - 1)
            {
                n++;
            }
            return n;
        }

        /// <summary>Registers the identity with its registrar (or stops when it has none or is inactive); admitted before (<see cref="Admits"/>).</summary>
        public void Update(SipIdentity identity, long nowMs)
        {
            // The index and registrar read once into locals (DeskPhone.Sip's byte code).
            int index = identity.Index;
            string registrar = identity.Registrar;
            RegistrationClient old = Get(index);
            if (old != null)
            {
                old.Stop(nowMs);
                _clients[index - 1] = null;
            }
            _refused &= ~(1 << index);
            if (!identity.Active || registrar == null || registrar.Length == 0 || Core.Udp == null)
            {
                return;
            }
            var client = new RegistrationClient(Core, identity, this);
            if (index > _clients.Length)
            {
                _clients = (RegistrationClient[])ArrayGrowth.Grow(_clients, new RegistrationClient[index]);
            }
            _clients[index - 1] = client;
            client.Start(nowMs);
        }

        public RegistrationClient Get(int index) => index >= 1 && index <= _clients.Length ? _clients[index - 1] : null;

        /// <summary>The network is back: every identity registers again at once.</summary>
        public void NetworkRestored(long nowMs)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i] != null)
                {
                    _clients[i].NetworkRestored(nowMs);
                }
            }
        }

        /// <summary>Refreshes and retries that are due; call every loop turn, after the core's.</summary>
        public void Poll(long nowMs)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i] != null)
                {
                    _clients[i].Poll(nowMs);
                }
            }
        }

        internal void OnChanged(int identity, bool registered, int status, string reason)
        {
            RegistrationChangedHandler handler = Changed;
            if (handler != null)
            {
                handler(identity, registered, status, reason);
            }
        }
    }
}
