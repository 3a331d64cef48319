namespace DeskPhone.Drivers.Input
{
    /// <summary>Key timing in milliseconds. Defaults follow common deskphone behaviour: 20 ms debounce,
    /// 800 ms long press, auto-repeat after 500 ms every 120 ms (navigation and volume keys only).</summary>
    public sealed class KeyTiming
    {
        public int DebounceMs = 20;
        public int LongPressMs = 800;
        public int RepeatDelayMs = 500;
        public int RepeatIntervalMs = 120;

        /// <summary>Keys that auto-repeat while held: moving in lists and changing the volume.</summary>
        public static bool Repeats(int keyCode)
        {
            return keyCode == KeyCode.Up || keyCode == KeyCode.Down || keyCode == KeyCode.Left || keyCode == KeyCode.Right
                || keyCode == KeyCode.VolumeUp || keyCode == KeyCode.VolumeDown;
        }
    }
}
