namespace DeskPhone.Drivers.Audio
{
    /// <summary>The phone's built-in tones. Ringing follows the common 1 s on / 3 s off cadence with a
    /// two-tone warble so it is heard on a small buzzer.</summary>
    public static class Tones
    {
        public const int PriorityClick = 1;
        public const int PriorityIndication = 2;
        public const int PriorityRing = 3;

        // Each made at its first use, not by the static constructor nanoCLR runs for every type at boot: the four
        // patterns and their steps took 480 B of the heap before anything rang or clicked. Made once and kept, so a
        // pattern stays one object (PhoneCalls and the sequencer compare patterns by reference).
        private static TonePattern s_keyClick;
        private static TonePattern s_statusIndication;
        private static TonePattern s_ring;
        private static TonePattern s_callWaiting;

        public static TonePattern KeyClick =>
            s_keyClick ??= new TonePattern("click", new int[] { 4000, 8 }, false, PriorityClick);

        /// <summary>Status audio indication (a status with an audible alert): three short beeps.</summary>
        public static TonePattern StatusIndication => s_statusIndication ??= new TonePattern("indication",
            new int[] { 1400, 120, 0, 80, 1400, 120, 0, 80, 1400, 120 }, false, PriorityIndication);

        public static TonePattern Ring => s_ring ??= new TonePattern("ring",
            new int[] { 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 0, 3000 },
            true, PriorityRing);

        /// <summary>Call waiting: one short beep every 10 s while a second call rings.</summary>
        public static TonePattern CallWaiting =>
            s_callWaiting ??= new TonePattern("waiting", new int[] { 440, 200, 0, 9800 }, true, PriorityIndication);

        public static TonePattern ByName(string name)
        {
            // By name first, so only the pattern asked for is made (a table of the four would be one more array, 84 B).
            switch (name)
            {
                case "click": return KeyClick;
                case "indication": return StatusIndication;
                case "ring": return Ring;
                case "waiting": return CallWaiting;
                default: return null;
            }
        }
    }
}
