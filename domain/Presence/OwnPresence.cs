namespace DeskPhone.Domain.Presence
{
    public delegate void PresenceChangedHandler(int state, bool lostRegistration);

    /// <summary>
    /// The own-status state machine. Manual choice (Online, Do not disturb, At the desk) is kept as the user's intent;
    /// what is shown is derived from it and from registration, calls and idle time, in this order of precedence:
    /// not registered (Available on PBX when other registrations of the user exist, else Offline), Do not disturb,
    /// Busy (a call in progress), At the desk, Available (idle long enough, when enabled), Online.
    /// </summary>
    public sealed class OwnPresence
    {
        private int _manual = PresenceState.Online;
        private int _state = PresenceState.Offline;

        // The flags in one int: each field of an object is a 12-byte block on the device (12 fields were 156 B, now 7
        // are 96 B).
        private int _flags;
        private const int RegisteredBit = 1;
        private const int EverRegisteredBit = 2;
        private const int OtherRegistrationsBit = 4;
        private const int InCallBit = 8;
        private const int LostBit = 16;
        private const int AutoAvailableBit = 32;

        private long _lastActivityMs;

        public OwnPresence(long nowMs)
        {
            _lastActivityMs = nowMs;
            AvailableIdleMs = 15 * 60 * 1000;
            AutoAvailable = true;
            AtTheDeskDelayMs = 10 * 1000;
        }

        private bool Flag(int bit) => (_flags & bit) != 0;

        private void SetFlag(int bit, bool on) => _flags = on ? _flags | bit : _flags & ~bit;

        public event PresenceChangedHandler Changed;

        /// <summary>What the phone shows and publishes now.</summary>
        public int State => _state;

        /// <summary>The manual choice, restored once the automatic reasons go away.</summary>
        public int ManualChoice => _manual;

        /// <summary>A registration that had succeeded is lost: the renderer draws a mark beside the status.</summary>
        public bool LostRegistration => Flag(LostBit);

        public long AvailableIdleMs;

        /// <summary>Off for phones with a parallel registration, whose idleness says nothing about the user.</summary>
        public bool AutoAvailable
        {
            get => Flag(AutoAvailableBit);
            set => SetFlag(AutoAvailableBit, value);
        }

        public long AtTheDeskDelayMs;

        /// <summary>Chooses a manual status; false (and nothing changes) for an automatic-only state.</summary>
        public bool Choose(int state, long nowMs)
        {
            if (!PresenceState.IsManual(state))
            {
                return false;
            }
            _manual = state;
            _lastActivityMs = nowMs;
            Update(nowMs);
            return true;
        }

        public void SetRegistered(bool registered, long nowMs)
        {
            SetFlag(RegisteredBit, registered);
            if (registered)
            {
                SetFlag(EverRegisteredBit, true);
            }
            Update(nowMs);
        }

        /// <summary>From the reg event package (RFC 3680): other contacts of this user are registered on the PBX.</summary>
        public void SetOtherRegistrations(bool any, long nowMs)
        {
            SetFlag(OtherRegistrationsBit, any);
            Update(nowMs);
        }

        public void SetInCall(bool inCall, long nowMs)
        {
            SetFlag(InCallBit, inCall);
            _lastActivityMs = nowMs;
            Update(nowMs);
        }

        public void KeyPressed(long nowMs)
        {
            _lastActivityMs = nowMs;
            Update(nowMs);
        }

        public void Tick(long nowMs) => Update(nowMs);

        /// <summary>How an incoming call is treated under the current status.</summary>
        public int IncomingCall(bool forwardConfigured)
        {
            if (_state == PresenceState.DoNotDisturb)
            {
                return forwardConfigured ? IncomingCallAction.Forward : IncomingCallAction.Reject;
            }
            return _state == PresenceState.AtTheDesk && AtTheDeskDelayMs > 0
                ? IncomingCallAction.AlertDelayed
                : IncomingCallAction.Alert;
        }

        private void Update(long nowMs)
        {
            int state = Derive(nowMs);
            bool lost = Flag(EverRegisteredBit) && !Flag(RegisteredBit);
            if (state == _state && lost == Flag(LostBit))
            {
                return;
            }
            _state = state;
            SetFlag(LostBit, lost);
            PresenceChangedHandler handler = Changed;
            if (handler != null)
            {
                handler(state, lost);
            }
        }

        private int Derive(long nowMs)
        {
            if (!Flag(RegisteredBit))
            {
                return Flag(OtherRegistrationsBit) ? PresenceState.AvailableOnPbx : PresenceState.Offline;
            }
            if (_manual == PresenceState.DoNotDisturb)
            {
                return PresenceState.DoNotDisturb;
            }
            if (Flag(InCallBit))
            {
                return PresenceState.Busy;
            }
            if (_manual == PresenceState.AtTheDesk)
            {
                return PresenceState.AtTheDesk;
            }
            if (AutoAvailable && nowMs - _lastActivityMs >= AvailableIdleMs)
            {
                return PresenceState.Available;
            }
            return PresenceState.Online;
        }
    }
}
