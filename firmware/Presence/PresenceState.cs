namespace DeskPhone.Firmware.Presence
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
        private static readonly string[] Labels =
        {
            "Offline", "Online", "Busy", "Do not disturb", "At the desk", "Available", "Available on PBX",
        };

        private static readonly string[] Tokens =
        {
            "offline", "online", "busy", "dnd", "at-the-desk", "available", "available-on-pbx",
        };

        public static string Label(int state) => state >= 0 && state < Count ? Labels[state] : "?";

        /// <summary>Stable machine name (bench JSON, settings, tests).</summary>
        public static string Token(int state) => state >= 0 && state < Count ? Tokens[state] : "unknown";

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
                if (Tokens[i] == lower || Labels[i].ToLower() == lower)
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
