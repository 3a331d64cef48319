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

        // The names in state order, one packed literal: every ldstr makes a new 12-byte string object on nanoCLR, and a
        // name per probe made up to ten of them per token when the LED policy parsed its lists at boot.
        // The second literal is each name's length (PackedText.Lengths; StatusCatalogTextTests checks it against the names).
        internal const string NameList = "IDLE\nRINGING\nCONNECTED\nHOLDING\nPARKED\nBUSY\nDND\nAVAILABLE\nAWAY\nOFFLINE\n";
        internal const string NameLengths = "\u0024\u0027\u0029\u0027\u0026\u0024\u0023\u0029\u0024\u0027";

        /// <summary>
        /// The state named by text[start, start+length), by default the whole text (case-sensitive, upper case); None if
        /// unknown or null. Allocates nothing. One method with optional parameters, not two overloads (h-domslim).
        /// </summary>
        public static int Parse(string text, int start = 0, int length = -1)
        {
            if (text == null)
            {
                return None;
            }
            return PackedText.Find(NameList, NameLengths, text, start, length < 0 ? text.Length - start : length);
        }
    }
}
