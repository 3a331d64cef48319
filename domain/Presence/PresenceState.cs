namespace DeskPhone.Domain.Presence
{
    /// <summary>The user's own status, as the phone shows it and publishes it.</summary>
    public static class PresenceState
    {
        public const int Offline = 0;
        public const int Online = 1;
        public const int Busy = 2;
        public const int DoNotDisturb = 3;
        public const int AtTheDesk = 4;
        public const int Available = 5;
        public const int AvailableOnPbx = 6;
        public const int Count = 7;

        // Enum names are numbers on nanoFramework, so the labels live here.
        // Tables as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
        // literals would take heap from the start; a literal returned from code keeps its text in flash.
        private static string Labels(int i)
        {
            switch (i)
            {
                case 0: return "Offline";
                case 1: return "Online";
                case 2: return "Busy";
                case 3: return "Do not disturb";
                case 4: return "At the desk";
                case 5: return "Available";
                case 6: return "Available on PBX";
                default: return null;
            }
        }

        private static string Tokens(int i)
        {
            switch (i)
            {
                case 0: return "offline";
                case 1: return "online";
                case 2: return "busy";
                case 3: return "dnd";
                case 4: return "at-the-desk";
                case 5: return "available";
                case 6: return "available-on-pbx";
                default: return null;
            }
        }

        public static string Label(int state) => state >= 0 && state < Count ? Labels(state) : "?";

        /// <summary>Stable machine name (bench JSON, settings, tests).</summary>
        public static string Token(int state) => state >= 0 && state < Count ? Tokens(state) : "unknown";

        /// <summary>Parses a token or a label (case-insensitive); -1 when unknown.</summary>
        public static int Parse(string text)
        {
            if (text == null)
            {
                return -1;
            }
            string lower = text.ToLower();
            for (int i = 0; i < Count; i++)
            {
                if (Tokens(i) == lower || Labels(i).ToLower() == lower)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Only these can be chosen in the menu; the others follow registration, calls and idle time.</summary>
        public static bool IsManual(int state) =>
            state == Online || state == DoNotDisturb || state == AtTheDesk;
    }
}
