using DeskPhone.Firmware.Status;

namespace DeskPhone.Firmware.Leds
{
    /// <summary>States a key (a monitored extension, a line, the own call) can be in, named as in the led_* settings.</summary>
    public static class KeyState
    {
        public const int None = -1;
        public const int Idle = 0;
        public const int Ringing = 1;
        public const int Connected = 2;
        public const int Holding = 3;
        public const int Parked = 4;
        public const int Busy = 5;
        public const int Dnd = 6;
        public const int Available = 7;
        public const int Away = 8;
        public const int Offline = 9;
        public const int Count = 10;

        private static readonly string[] Names =
        {
            "IDLE", "RINGING", "CONNECTED", "HOLDING", "PARKED", "BUSY", "DND", "AVAILABLE", "AWAY", "OFFLINE",
        };

        public static string Name(int state) => state >= 0 && state < Count ? Names[state] : "NONE";

        /// <summary>The state named by text[start, start+length) (case-sensitive, upper case); None if unknown.</summary>
        public static int Find(string text, int start, int length)
        {
            int state = NameTable.Find(Names, text, start, length);
            return state < 0 ? None : state;
        }

        public static int Parse(string name) => name == null ? None : Find(name, 0, name.Length);
    }
}
