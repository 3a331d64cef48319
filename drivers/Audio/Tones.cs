namespace DeskPhone.Drivers.Audio
{
    /// <summary>The phone's built-in tones. Ringing follows the common 1 s on / 3 s off cadence with a
    /// two-tone warble so it is heard on a small buzzer.</summary>
    public static class Tones
    {
        public const int PriorityClick = 1;
        public const int PriorityIndication = 2;
        public const int PriorityRing = 3;

        public static readonly TonePattern KeyClick = new TonePattern("click", new int[] { 4000, 8 }, false, PriorityClick);

        /// <summary>Status audio indication (a status with an audible alert): three short beeps.</summary>
        public static readonly TonePattern StatusIndication = new TonePattern("indication",
            new int[] { 1400, 120, 0, 80, 1400, 120, 0, 80, 1400, 120 }, false, PriorityIndication);

        public static readonly TonePattern Ring = new TonePattern("ring",
            new int[] { 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 0, 3000 },
            true, PriorityRing);

        /// <summary>Call waiting: one short beep every 10 s while a second call rings.</summary>
        public static readonly TonePattern CallWaiting = new TonePattern("waiting", new int[] { 440, 200, 0, 9800 }, true, PriorityIndication);

        public static TonePattern ByName(string name)
        {
            // Each compared in turn: a table of the four would be one more array built at boot and kept (84 B).
            return Named(KeyClick, name) ?? Named(StatusIndication, name) ?? Named(Ring, name) ?? Named(CallWaiting, name);
        }

        private static TonePattern Named(TonePattern pattern, string name) => pattern.Name == name ? pattern : null;
    }
}
