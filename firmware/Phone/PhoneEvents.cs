namespace DeskPhone.Firmware.Phone
{
    /// <summary>Something a watcher (the bench event stream, the renderer) may want to redraw or log.</summary>
    public delegate void PhoneEventHandler(string kind, string detail);

    /// <summary>Kinds of <see cref="PhoneCore.Event"/>.</summary>
    public static class PhoneEventKind
    {
        public const string Status = "status";
        public const string Leds = "leds";
        public const string Screen = "screen";
        public const string Registration = "registration";
        public const string Message = "message";
        public const string Key = "key";
        public const string Link = "link";
        public const string Usb = "usb";
        public const string Module = "module";
        public const string Presence = "presence";
        public const string Settings = "settings";
        public const string Call = "call";
    }
}
