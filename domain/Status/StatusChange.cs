namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// Bits of <see cref="StatusScheduler.Changed"/>: which presentation must be redrawn. Constants of the scheduler, not
    /// a class of their own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    public sealed partial class StatusScheduler
    {
        public const int StatusLineChanged = 1;
        public const int NotificationsChanged = 2;
        public const int PopUpChanged = 4;
        public const int AudioChanged = 8;
        public const int LedsChanged = 16;
        public const int IdleListChanged = 32;
    }
}
