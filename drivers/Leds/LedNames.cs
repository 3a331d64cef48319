namespace DeskPhone.Drivers.Leds
{
    /// <summary>Text names of LED colours and patterns (enum names are numbers on nanoFramework), as the bench API and its events give them.</summary>
    public static class LedNames
    {
        // Tables as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
        // literals would take heap from the start; a literal returned from code keeps its text in flash.
        private const int ColorsCount = 7;

        private static string Colors(int i)
        {
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            string color;
            switch (i)
            {
                case 0: color = "off"; break;
                case 1: color = "red"; break;
                case 2: color = "green"; break;
                case 3: color = "orange"; break;
                case 4: color = "yellow"; break;
                case 5: color = "blue"; break;
                case 6: color = "white"; break;
                default: color = null; break;
            }
            return color;
        }
        private const int PatternsCount = 6;

        private static string Patterns(int i)
        {
            switch (i)
            {
                case 0: return "off";
                case 1: return "on";
                case 2: return "blink-slow";
                case 3: return "blink-medium";
                case 4: return "blink-fast";
                case 5: return "short-off";
                default: return null;
            }
        }

        public static string Color(LedColor color)
        {
            int i = (int)color;
            return i >= 0 && i < ColorsCount ? Colors(i) : "?";
        }

        public static string Pattern(LedPattern pattern)
        {
            int i = (int)pattern;
            return i >= 0 && i < PatternsCount ? Patterns(i) : "?";
        }
    }
}
