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

        // The names in state order, each ended by '\n'. Held by one static (24 B for good): every ldstr makes a new
        // 12-byte string object on nanoCLR, and a name per probe made up to ten of them per token when the LED policy
        // parsed its lists at boot.
        private static readonly string Names = "IDLE\nRINGING\nCONNECTED\nHOLDING\nPARKED\nBUSY\nDND\nAVAILABLE\nAWAY\nOFFLINE\n";

        /// <summary>The state named by text[start, start+length) (case-sensitive, upper case); None if unknown. Allocates nothing.</summary>
        public static int Find(string text, int start, int length)
        {
            string names = Names;
            int state = 0;
            int at = 0;
            while (state < Count)
            {
                int i = 0;
                while (i < length && names[at + i] != '\n' && names[at + i] == text[start + i])
                {
                    i++;
                }
                if (i == length && names[at + i] == '\n')
                {
                    return state;
                }
                while (names[at] != '\n')
                {
                    at++;
                }
                at++;
                state++;
            }
            return None;
        }

        public static int Parse(string name) => name == null ? None : Find(name, 0, name.Length);
    }
}
