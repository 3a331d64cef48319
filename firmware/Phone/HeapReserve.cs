using DeskPhone.Sip.Registration;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The heap the phone keeps free before it takes on long-lived state (issue #17): an identity's registration, a
    /// BLF key's subscription. What would leave less than <see cref="KeepBytes"/> free (<c>low_memory_threshold</c>,
    /// 8,192 B by default: what would make the phone low on memory is not taken on) is refused, not taken on:
    /// its owner reports it (<see cref="Report"/>, said by PhoneHasLowMemory), keeps its settings, and takes it on
    /// when <see cref="Retry"/> asks again (<see cref="MemoryWatch"/>, every period while something is refused).
    /// The free heap is measured with a full collection only at such an admission moment, at most once a loop turn,
    /// which takes on at most one part: 45 keys from one provisioning are taken on over 45 turns, each measured with
    /// what the one before built (its SUBSCRIBE in flight) in the heap.
    /// A phone without a heap to ask (the simulator, host tests without a fake) has none and takes everything on.
    /// </summary>
    // A reserve rather than catching OutOfMemoryException where the state is built: nanoCLR has faults of its own near
    // a full heap (docs/benchmarks.md), and a reserve keeps the transients (a REGISTER, a SUBSCRIBE, a call's INVITE) room.
    // Fields, not delegates and closures, where the reserve calls its owners: each delegate is 36 B of the board's heap.
    public sealed class HeapReserve
    {
        /// <summary>
        /// Free bytes kept after an admission: <c>low_memory_threshold</c> (MemoryWatch sets it at each of its periods;
        /// 0 turns the reserve off). The default 8,192 B covers what an admitted part brings on top of what it holds: an
        /// idle phone's REGISTER takes 6.3 KB above its rest on the board's heap, and a key's NOTIFY needs an inbox packet
        /// of 3 KB beside its SUBSCRIBE's transaction (docs/benchmarks.md, h-refuse: 6 KB let a key in that then left the
        /// NOTIFY no packet).
        /// </summary>
        public int KeepBytes = 8192;

        /// <summary>What an identity's registration holds (its client, identity, mailbox and feature subscriptions).</summary>
        public const int IdentityBytes = 1536;

        /// <summary>What a BLF key's subscription holds at rest and while its SUBSCRIBE waits its turn.</summary>
        public const int KeyBytes = 640;

        /// <summary>The reports' slots (<see cref="Report"/>), said together as PhoneHasLowMemory's parameter.</summary>
        public const int Identities = 0;
        public const int Keys = 1;

        private readonly IFreeMemory _memory;
        // The identities the reserve governs (Govern), asked again before the keys: a registration matters more than a key's lamp.
        private SipBinding _identities;
        private string _identitiesRefused;
        private string _keys;
        private long _measuredMs = -1;
        private bool _tookOne;
        private bool _busy;
        private bool _open;

        /// <param name="memory">The heap to ask.</param>
        public HeapReserve(IFreeMemory memory)
        {
            _memory = memory;
        }

        /// <summary>Counts the changes of what is refused (<see cref="Refused"/>): MemoryWatch says it when it moved.</summary>
        public int Changes;

        /// <summary>
        /// The identities taken on only while the heap keeps its reserve (the first active identities first; a refused one
        /// is kept as its settings only), the refused ones tried again before the keys and said ("9 of 12 identities not registered").
        /// </summary>
        internal void Govern(SipBinding identities)
        {
            _identities = identities;
            identities.Registrations.Admit = AdmitIdentity;
        }

        private bool AdmitIdentity(long nowMs) => Admit(IdentityBytes, nowMs);

        /// <summary>Asks the refused keys to try again, after the identities (from <see cref="MemoryWatch"/>: its first poll, then every period while one is refused).</summary>
        public event PhoneSignalHandler RoomAgain;

        /// <summary>
        /// Whether <paramref name="bytes"/> more may be taken on now: one part a loop turn, each on a measurement of its
        /// own, so that what the last one built (its REGISTER or SUBSCRIBE in flight) is in the next one's figure. A part
        /// asked after the turn's first is deferred (<see cref="Busy"/>: asked again next turn). While the phone is being
        /// built (before the first <see cref="Retry"/>) nothing is taken on: what the rest of the build needs is not in the
        /// heap yet.
        /// </summary>
        public bool Admit(int bytes, long nowMs)
        {
            if (!_open)
            {
                return false;
            }
            if (nowMs == _measuredMs)
            {
                // One measurement a turn: after a part was taken on the others wait their turn; after a refusal they are
                // refused too (no room for the smallest, no room for the next).
                _busy |= _tookOne;
                return false;
            }
            _measuredMs = nowMs;
            _tookOne = _memory.FreeAfterCollection() - bytes >= KeepBytes;
            return _tookOne;
        }

        /// <summary>A part was deferred to the next turn (another was taken on this one): <see cref="Retry"/> then.</summary>
        public bool Busy => _busy;

        /// <summary>An owner's refusal said in words ("12 of 45 BLF keys not monitored"), null when it refuses nothing.</summary>
        public void Report(int slot, string text)
        {
            string was = slot == Identities ? _identitiesRefused : _keys;
            if ((object)text == null ? (object)was == null : (object)was != null && text == was)
            {
                return;
            }
            if (slot == Identities)
            {
                _identitiesRefused = text;
            }
            else
            {
                _keys = text;
            }
            Changes++;
        }

        /// <summary>Whether anything is refused (no string made).</summary>
        public bool Refusing => (object)_identitiesRefused != null || (object)_keys != null;

        /// <summary>What is refused, the owners' reports joined; null when nothing is.</summary>
        public string Refused =>
            (object)_identitiesRefused == null ? _keys : (object)_keys == null ? _identitiesRefused : _identitiesRefused + ", " + _keys;

        /// <summary>Lets admissions in (the first call) and asks the refused parts to try again, the identities first.</summary>
        public void Retry(long nowMs)
        {
            _open = true;
            _busy = false;
            if (_identities != null)
            {
                _identities.RetryRefused();
                Registrations registrations = _identities.Registrations;
                int refused = registrations.RefusedCount;
                Report(Identities, refused == 0 ? null
                    : refused.ToString() + " of " + (refused + registrations.Count).ToString() + " identities not registered");
            }
            PhoneSignalHandler handler = RoomAgain;
            if (handler != null)
            {
                handler();
            }
        }
    }
}
