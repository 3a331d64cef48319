namespace DeskPhone.Drivers.Expansion
{
    /// <summary>Chain changes the firmware glue maps to statuses.</summary>
    public enum ExpansionEventKind
    {
        /// <summary>A module answered enumeration at a position that was empty or lost (status UxmConnected; clears cabling broken for it).</summary>
        Connected = 1,
        /// <summary>A known module stopped answering (status ExpDeviceCabelingBroken).</summary>
        Lost = 2,
        /// <summary>More than three modules answered; the extra ones are ignored (status ExpDeviceLimitExceeded).</summary>
        LimitExceeded = 3,
        /// <summary>Three or fewer modules again.</summary>
        LimitCleared = 4,
        /// <summary>A module runs firmware older than the phone requires (expansion-module-needs-update status).</summary>
        FirmwareOutdated = 5,
    }

    /// <param name="module">0-based chain position, -1 for chain-wide events.</param>
    public delegate void ExpansionEventHandler(ExpansionEventKind kind, int module, string reason);

    public static class ExpansionEventNames
    {
        public static string Name(ExpansionEventKind kind)
        {
            switch (kind)
            {
                case ExpansionEventKind.Connected: return "connected";
                case ExpansionEventKind.Lost: return "lost";
                case ExpansionEventKind.LimitExceeded: return "limit-exceeded";
                case ExpansionEventKind.LimitCleared: return "limit-cleared";
                case ExpansionEventKind.FirmwareOutdated: return "firmware-outdated";
                default: return "unknown";
            }
        }
    }
}
