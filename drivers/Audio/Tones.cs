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

        // The steps are string constants, each (hertz + 1, milliseconds + 1) two chars (TonePattern): a constant stays
        // in the assembly, where an int[] of the steps was heap (the ring's 108 B) and an array initializer a static
        // data field nanoCLR keeps from boot with a 12-byte value object (docs/benchmarks.md, h-tables, h-callmedia).

        /// <summary>A key click: 4000 Hz for 8 ms.</summary>
        public static TonePattern KeyClick =>
            s_keyClick ??= new TonePattern("click", "\u0FA1\u0009", false, PriorityClick);

        /// <summary>Status audio indication (a status with an audible alert): three beeps of 1400 Hz, 120 ms, 80 ms apart.</summary>
        public static TonePattern StatusIndication =>
            s_statusIndication ??= new TonePattern("indication", "\u0579\u0079\u0001\u0051\u0579\u0079\u0001\u0051\u0579\u0079", false,
                                                   PriorityIndication);

        /// <summary>Ringing: 1000 and 1250 Hz in turn, ten tones of 50 ms, then 3 s off.</summary>
        public static TonePattern Ring => s_ring ??= new TonePattern("ring",
            "\u03E9\u0033\u04E3\u0033\u03E9\u0033\u04E3\u0033\u03E9\u0033\u04E3\u0033\u03E9\u0033\u04E3\u0033\u03E9\u0033\u04E3\u0033\u0001\u0BB9",
            true, PriorityRing);

        /// <summary>Call waiting: one beep of 440 Hz, 200 ms, every 10 s while a second call rings.</summary>
        public static TonePattern CallWaiting =>
            s_callWaiting ??= new TonePattern("waiting", "\u01B9\u00C9\u0001\u2649", true, PriorityIndication);

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
