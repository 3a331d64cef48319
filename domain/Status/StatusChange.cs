namespace DeskPhone.Domain.Status
{
    /// <summary>Bits of <see cref="StatusScheduler.Changed"/>: which presentation must be redrawn.</summary>
    public static class StatusChange
    {
        public const int StatusLine = 1;
        public const int Notifications = 2;
        public const int PopUp = 4;
        public const int Audio = 8;
        public const int Leds = 16;
        public const int IdleList = 32;
    }
}
