namespace DeskPhone.Domain.Presence
{
    /// <summary>What the own status makes of an incoming call.</summary>
    public static class IncomingCallAction
    {
        /// <summary>Alert now.</summary>
        public const int Alert = 0;

        /// <summary>Alert after <see cref="OwnPresence.AtTheDeskDelayMs"/> (At the desk).</summary>
        public const int AlertDelayed = 1;

        /// <summary>Refuse with 486 Busy Here and record a missed call (Do not disturb, no forward set).</summary>
        public const int Reject = 2;

        /// <summary>Redirect to the forward target (Do not disturb with a forward set).</summary>
        public const int Forward = 3;
    }
}
