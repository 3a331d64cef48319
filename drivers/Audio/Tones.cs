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
        public static TonePattern StatusIndication =>
            s_statusIndication ??= new TonePattern("indication", Beeps(1400, 120, 80, 3, 0), false, PriorityIndication);

        /// <summary>Ringing: 1000 and 1250 Hz in turn, ten tones of 50 ms, then 3 s off.</summary>
        public static TonePattern Ring => s_ring ??= new TonePattern("ring", Warble(1000, 1250, 50, 10, 3000), true, PriorityRing);

        /// <summary>Call waiting: one short beep every 10 s while a second call rings.</summary>
        public static TonePattern CallWaiting =>
            s_callWaiting ??= new TonePattern("waiting", Beeps(440, 200, 0, 1, 9800), true, PriorityIndication);

        // The steps are made from arguments, not array initializers of constants: each of those would be a static data
        // field nanoCLR keeps from boot with a 12-byte value object (docs/benchmarks.md, h-tables).

        /// <summary><paramref name="count"/> beeps separated by <paramref name="gapMs"/> of silence, then
        /// <paramref name="restMs"/> of silence (none if 0).</summary>
        private static int[] Beeps(int hertz, int ms, int gapMs, int count, int restMs)
        {
            int[] steps = new int[(count * 2 - 1 + (restMs > 0 ? 1 : 0)) * 2];
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    steps[n++] = 0;
                    steps[n++] = gapMs;
                }
                steps[n++] = hertz;
                steps[n++] = ms;
            }
            if (restMs > 0)
            {
                steps[n++] = 0;
                steps[n] = restMs;
            }
            return steps;
        }

        /// <summary><paramref name="tones"/> tones of <paramref name="ms"/>, <paramref name="hertz1"/> and
        /// <paramref name="hertz2"/> in turn, then <paramref name="restMs"/> of silence.</summary>
        private static int[] Warble(int hertz1, int hertz2, int ms, int tones, int restMs)
        {
            int[] steps = new int[tones * 2 + 2];
            for (int i = 0; i < tones; i++)
            {
                steps[i * 2] = i % 2 == 0 ? hertz1 : hertz2;
                steps[i * 2 + 1] = ms;
            }
            steps[tones * 2 + 1] = restMs;
            return steps;
        }

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
