using DeskPhone.Domain.Status;

namespace DeskPhone.Domain.Leds
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

        // Tables as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
        // literals would take heap from the start; a literal returned from code keeps its text in flash.
        private static string Names(int i)
        {
            switch (i)
            {
                case 0: return "IDLE";
                case 1: return "RINGING";
                case 2: return "CONNECTED";
                case 3: return "HOLDING";
                case 4: return "PARKED";
                case 5: return "BUSY";
                case 6: return "DND";
                case 7: return "AVAILABLE";
                case 8: return "AWAY";
                case 9: return "OFFLINE";
                default: return null;
            }
        }

        public static string Name(int state) => state >= 0 && state < Count ? Names(state) : "NONE";

        /// <summary>The state named by text[start, start+length) (case-sensitive, upper case); None if unknown.</summary>
        public static int Find(string text, int start, int length)
        {
            for (int state = 0; state < Count; state++)
            {
                if (NameTable.Matches(Names(state), text, start, length))
                {
                    return state;
                }
            }
            return None;
        }

        public static int Parse(string name) => name == null ? None : Find(name, 0, name.Length);
    }
}
