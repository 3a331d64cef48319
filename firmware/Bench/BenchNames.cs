using DeskPhone.Drivers.Leds;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>Text names of LED colours and patterns (enum names are numbers on nanoFramework).</summary>
    public static class BenchNames
    {
        private static readonly string[] Colors = { "off", "red", "green", "orange", "yellow", "blue", "white" };
        private static readonly string[] Patterns = { "off", "on", "blink-slow", "blink-medium", "blink-fast", "short-off" };

        public static string Color(LedColor color)
        {
            int i = (int)color;
            return i >= 0 && i < Colors.Length ? Colors[i] : "?";
        }

        public static string Pattern(LedPattern pattern)
        {
            int i = (int)pattern;
            return i >= 0 && i < Patterns.Length ? Patterns[i] : "?";
        }
    }
}
