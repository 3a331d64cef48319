namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The heap the phone keeps free before it takes on long-lived state (issue #17): an identity's registration, a
    /// BLF key's subscription. What would leave less than <see cref="ReserveBytes"/> free is refused, not taken on:
    /// its owner reports it (<see cref="Report"/>, said by PhoneHasLowMemory), keeps its settings, and takes it on
    /// when <see cref="RoomAgain"/> asks again (<see cref="MemoryWatch"/>, every period while something is refused).
    /// The free heap is measured with a full collection only at such an admission moment, at most once a loop turn,
    /// which takes on at most one part: 45 keys from one provisioning are taken on over 45 turns, each measured with
    /// what the one before built (its SUBSCRIBE in flight) in the heap.
    /// Without a heap to ask (the simulator, host tests without a fake) the phone has none and everything is taken on.
    /// </summary>
    // A reserve rather than catching OutOfMemoryException where the state is built: nanoCLR has faults of its own near
    // a full heap (docs/benchmarks.md), and a reserve keeps the transients (a REGISTER, a SUBSCRIBE, a call's INVITE) room.
    public sealed class HeapReserve
    {
        /// <summary>
        /// Free bytes kept after an admission: an idle phone's REGISTER transaction takes 6.3 KB above its rest on the
        /// board's heap (docs/benchmarks.md), the largest transient an admitted identity or key brings.
        /// </summary>
        public const int ReserveBytes = 6144;

        /// <summary>What an identity's registration holds (its client, identity, mailbox and feature subscriptions).</summary>
        public const int IdentityBytes = 1536;

        /// <summary>What a BLF key's subscription holds at rest and while its SUBSCRIBE waits its turn.</summary>
        public const int KeyBytes = 640;

        /// <summary>The reports' slots: one per owner, said together as PhoneHasLowMemory's parameter.</summary>
        public const int Identities = 0;
        public const int Keys = 1;

        private readonly IFreeMemory _memory;
        private readonly string[] _reports = new string[2];
        private long _measuredMs = -1;
        private bool _tookOne;
        private bool _busy;
        private bool _open;
        // The identities' retry, before RoomAgain's: a registration matters more than a key's lamp.
        private PhoneSignalHandler _retryIdentities;

        /// <param name="memory">The heap to ask.</param>
        public HeapReserve(IFreeMemory memory)
        {
            _memory = memory;
        }

        /// <summary>
        /// The identities' registrations taken on only while the heap keeps its reserve (the first active identities
        /// first), the refused ones tried again with the keys and said ("9 of 12 identities not registered").
        /// </summary>
        public void Govern(DeskPhone.Sip.Registration.Registrations registrations, PhoneCore phone)
        {
            registrations.Admit = nowMs => Admit(IdentityBytes, nowMs);
            _retryIdentities = () =>
            {
                registrations.Retry(phone.Now);
                int refused = registrations.RefusedCount;
                Report(Identities, refused == 0 ? null
                    : refused.ToString() + " of " + (refused + registrations.Count).ToString() + " identities not registered");
            };
        }

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
            _tookOne = _memory.FreeAfterCollection() - bytes >= ReserveBytes;
            return _tookOne;
        }

        /// <summary>A part was deferred to the next turn (another was taken on this one): <see cref="Retry"/> then.</summary>
        public bool Busy => _busy;

        /// <summary>An owner's refusal said in words ("12 of 45 BLF keys not monitored"), null when it refuses nothing.</summary>
        public void Report(int slot, string text)
        {
            string was = _reports[slot];
            if ((object)text == null ? (object)was == null : (object)was != null && text == was)
            {
                return;
            }
            _reports[slot] = text;
            PhoneSignalHandler handler = Changed;
            if (handler != null)
            {
                handler();
            }
        }

        /// <summary>What is refused changed (<see cref="Refused"/>): MemoryWatch says it.</summary>
        public event PhoneSignalHandler Changed;

        /// <summary>Whether anything is refused (no string made).</summary>
        public bool Refusing => (object)_reports[Identities] != null || (object)_reports[Keys] != null;

        /// <summary>What is refused, the owners' reports joined; null when nothing is.</summary>
        public string Refused
        {
            get
            {
                string a = _reports[Identities];
                string b = _reports[Keys];
                return (object)a == null ? b : (object)b == null ? a : a + ", " + b;
            }
        }

        /// <summary>Lets admissions in (the first call) and asks the refused parts to try again.</summary>
        public void Retry()
        {
            _open = true;
            _busy = false;
            if (_retryIdentities != null)
            {
                _retryIdentities();
            }
            PhoneSignalHandler handler = RoomAgain;
            if (handler != null)
            {
                handler();
            }
        }
    }
}
