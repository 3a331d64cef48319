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
        // One exit in Label and Token: a return per case made nanoFramework's MetadataProcessor count a stack slot per
        // case in the frame of every call (docs/benchmarks.md, h-frames).
        public static string Label(int state)
        {
            string label;
            switch (state)
            {
                case 0: label = "Offline"; break;
                case 1: label = "Online"; break;
                case 2: label = "Busy"; break;
                case 3: label = "Do not disturb"; break;
                case 4: label = "At the desk"; break;
                case 5: label = "Available"; break;
                case 6: label = "Available on PBX"; break;
                default: label = "?"; break;
            }
            return label;
        }

        /// <summary>Stable machine name (bench JSON, settings, tests).</summary>
        public static string Token(int state)
        {
            string token;
            switch (state)
            {
                case 0: token = "offline"; break;
                case 1: token = "online"; break;
                case 2: token = "busy"; break;
                case 3: token = "dnd"; break;
                case 4: token = "at-the-desk"; break;
                case 5: token = "available"; break;
                case 6: token = "available-on-pbx"; break;
                default: token = "unknown"; break;
            }
            return token;
        }

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
                if (Token(i) == lower || Label(i).ToLower() == lower)
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
