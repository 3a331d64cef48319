using DeskPhone.Drivers;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// The own-status state machine. Manual choice (Online, Do not disturb, At the desk) is kept as the user's intent;
    /// what is shown is derived from it and from registration, calls and idle time, in this order of precedence:
    /// not registered (Available on PBX when other registrations of the user exist, else Offline), Do not disturb,
    /// Busy (a call in progress), At the desk, Available (idle long enough, when enabled), Online.
    /// </summary>
    public sealed class OwnPresence
    {
        // The flags, the manual choice (bits 8-15) and the state shown (bits 16-23) in the low 24 bits, and the time of
        // the last activity (ms since boot, 40 bits: 34 years) above them, in one long: each field of an object is a
        // 12-byte block on the device (12 fields were 156 B, 4 with the two delays 60 B, docs/benchmarks.md h-officerest;
        // now 3, 48 B, h-officerest4).
        private long _flagsAndActivity = (PresenceState.Online << ManualShift) | (PresenceState.Offline << StateShift);
        private const int ActivityShift = 24;

        private long LastActivityMs
        {
            get => _flagsAndActivity >> ActivityShift;
            set => _flagsAndActivity = value << ActivityShift | (_flagsAndActivity & ((1L << ActivityShift) - 1));
        }
        private const int ManualShift = 8;
        private const int StateShift = 16;
        private const int RegisteredBit = 1;
        private const int EverRegisteredBit = 2;
        private const int OtherRegistrationsBit = 4;
        private const int InCallBit = 8;
        private const int LostBit = 16;
        private const int AutoAvailableBit = 32;


        public OwnPresence(long nowMs)
        {
            LastActivityMs = nowMs;
            AvailableIdleMs = 15 * 60 * 1000;
            AutoAvailable = true;
            AtTheDeskDelayMs = 10 * 1000;
        }

        // The flags are read and written in the one field, the manual choice and the state shown through their public
        // properties: no private accessors beside them (each accessor is a method on the device, h-domslim).
        private bool Flag(int bit) => (_flagsAndActivity & bit) != 0;

        private void SetFlag(int bit, bool on) => _flagsAndActivity = on ? _flagsAndActivity | (long)bit : _flagsAndActivity & ~(long)bit;

        /// <summary>The state shown changed: the new state, and whether the registration was lost.</summary>
        public event NumberFlagHandler Changed;

        /// <summary>What the phone shows and publishes now.</summary>
        public int State
        {
            get => (int)(_flagsAndActivity >> StateShift) & 0xFF;
            private set => _flagsAndActivity = (_flagsAndActivity & ~(0xFFL << StateShift)) | ((long)(value & 0xFF) << StateShift);
        }

        /// <summary>The manual choice, restored once the automatic reasons go away.</summary>
        public int ManualChoice
        {
            get => (int)(_flagsAndActivity >> ManualShift) & 0xFF;
            private set => _flagsAndActivity = (_flagsAndActivity & ~(0xFFL << ManualShift)) | ((long)(value & 0xFF) << ManualShift);
        }

        /// <summary>A registration that had succeeded is lost: the renderer draws a mark beside the status.</summary>
        public bool LostRegistration => Flag(LostBit);

        // AvailableIdleMs (low 32 bits) and AtTheDeskDelayMs (high 32 bits), each under 25 days, in one field.
        private long _delays;

        /// <summary>Idle time after which the state is Available (when <see cref="AutoAvailable"/>), in ms (under 25 days).</summary>
        public long AvailableIdleMs
        {
            get => (int)_delays;
            set => _delays = (_delays & ~0xFFFFFFFFL) | (uint)(int)value;
        }

        /// <summary>Off for phones with a parallel registration, whose idleness says nothing about the user.</summary>
        public bool AutoAvailable
        {
            get => Flag(AutoAvailableBit);
            set => SetFlag(AutoAvailableBit, value);
        }

        /// <summary>How long At the desk lets a call ring silently, in ms (under 25 days).</summary>
        public long AtTheDeskDelayMs
        {
            get => (int)(_delays >> 32);
            set => _delays = (_delays & 0xFFFFFFFFL) | ((long)(int)value << 32);
        }

        /// <summary>Chooses a manual status; false (and nothing changes) for an automatic-only state.</summary>
        public bool Choose(int state, long nowMs)
        {
            if (!PresenceState.IsManual(state))
            {
                return false;
            }
            ManualChoice = state;
            LastActivityMs = nowMs;
            Tick(nowMs);
            return true;
        }

        public void SetRegistered(bool registered, long nowMs)
        {
            SetFlag(RegisteredBit, registered);
            if (registered)
            {
                SetFlag(EverRegisteredBit, true);
            }
            Tick(nowMs);
        }

        /// <summary>From the reg event package (RFC 3680): other contacts of this user are registered on the PBX.</summary>
        public void SetOtherRegistrations(bool any, long nowMs)
        {
            SetFlag(OtherRegistrationsBit, any);
            Tick(nowMs);
        }

        public void SetInCall(bool inCall, long nowMs)
        {
            SetFlag(InCallBit, inCall);
            LastActivityMs = nowMs;
            Tick(nowMs);
        }

        public void KeyPressed(long nowMs)
        {
            LastActivityMs = nowMs;
            Tick(nowMs);
        }

        /// <summary>How an incoming call is treated under the current status.</summary>
        public int IncomingCall(bool forwardConfigured)
        {
            if (State == PresenceState.DoNotDisturb)
            {
                return forwardConfigured ? IncomingCallAction.Forward : IncomingCallAction.Reject;
            }
            return State == PresenceState.AtTheDesk && AtTheDeskDelayMs > 0
                ? IncomingCallAction.AlertDelayed
                : IncomingCallAction.Alert;
        }

        /// <summary>Derives the state again (idle time, calls, registration), raising Changed when it changes.</summary>
        public void Tick(long nowMs)
        {
            int state = Derive(nowMs);
            bool lost = Flag(EverRegisteredBit) && !Flag(RegisteredBit);
            if (state == State && lost == Flag(LostBit))
            {
                return;
            }
            State = state;
            SetFlag(LostBit, lost);
            NumberFlagHandler handler = Changed;
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
            if (ManualChoice == PresenceState.DoNotDisturb)
            {
                return PresenceState.DoNotDisturb;
            }
            if (Flag(InCallBit))
            {
                return PresenceState.Busy;
            }
            if (ManualChoice == PresenceState.AtTheDesk)
            {
                return PresenceState.AtTheDesk;
            }
            if (AutoAvailable && nowMs - LastActivityMs >= AvailableIdleMs)
            {
                return PresenceState.Available;
            }
            return PresenceState.Online;
        }
    }
}
