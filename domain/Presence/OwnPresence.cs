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
        private bool _registered;
        private bool _everRegistered;
        private bool _otherRegistrations;
        private bool _inCall;
        private long _lastActivityMs;
        private int _state = PresenceState.Offline;
        private bool _lost;

        public OwnPresence(long nowMs)
        {
            _lastActivityMs = nowMs;
            AvailableIdleMs = 15 * 60 * 1000;
            AutoAvailable = true;
            AtTheDeskDelayMs = 10 * 1000;
        }

        public event PresenceChangedHandler Changed;

        /// <summary>What the phone shows and publishes now.</summary>
        public int State => _state;

        /// <summary>The manual choice, restored once the automatic reasons go away.</summary>
        public int ManualChoice => _manual;

        /// <summary>A registration that had succeeded is lost: the renderer draws a mark beside the status.</summary>
        public bool LostRegistration => _lost;

        public long AvailableIdleMs { get; set; }

        /// <summary>Off for phones with a parallel registration, whose idleness says nothing about the user.</summary>
        public bool AutoAvailable { get; set; }

        public long AtTheDeskDelayMs { get; set; }

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
            _registered = registered;
            if (registered)
            {
                _everRegistered = true;
            }
            Update(nowMs);
        }

        /// <summary>From the reg event package (RFC 3680): other contacts of this user are registered on the PBX.</summary>
        public void SetOtherRegistrations(bool any, long nowMs)
        {
            _otherRegistrations = any;
            Update(nowMs);
        }

        public void SetInCall(bool inCall, long nowMs)
        {
            _inCall = inCall;
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
            bool lost = _everRegistered && !_registered;
            if (state == _state && lost == _lost)
            {
                return;
            }
            _state = state;
            _lost = lost;
            PresenceChangedHandler handler = Changed;
            if (handler != null)
            {
                handler(state, lost);
            }
        }

        private int Derive(long nowMs)
        {
            if (!_registered)
            {
                return _otherRegistrations ? PresenceState.AvailableOnPbx : PresenceState.Offline;
            }
            if (_manual == PresenceState.DoNotDisturb)
            {
                return PresenceState.DoNotDisturb;
            }
            if (_inCall)
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
