using DeskPhone.Ui.Icons;

namespace DeskPhone.Domain.Messages
{
    /// <summary>Icon names an Infobox line may carry (case-insensitive); anything else shows the info icon.</summary>
    public static class InfoBoxIcons
    {
        // Tables as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
        // literals would take heap from the start; a literal returned from code keeps its text in flash.
        private const int NamesCount = 18;

        private static string Names(int i)
        {
            switch (i)
            {
                case 0: return "none";
                case 1: return "info";
                case 2: return "warning";
                case 3: return "error";
                case 4: return "message";
                case 5: return "voicemail";
                case 6: return "call";
                case 7: return "missed";
                case 8: return "dnd";
                case 9: return "forward";
                case 10: return "network";
                case 11: return "clock";
                case 12: return "lock";
                case 13: return "presence";
                case 14: return "park";
                case 15: return "announcement";
                case 16: return "security";
                case 17: return "calendar";
                default: return null;
            }
        }

        private const int IconsCount = 18;

        private static int Icons(int i)
        {
            switch (i)
            {
                case 0: return IconId.None;
                case 1: return IconId.Info;
                case 2: return IconId.Warning;
                case 3: return IconId.Error;
                case 4: return IconId.Messages;
                case 5: return IconId.Voicemail;
                case 6: return IconId.Call;
                case 7: return IconId.MissedCall;
                case 8: return IconId.Dnd;
                case 9: return IconId.Forwarding;
                case 10: return IconId.Network;
                case 11: return IconId.Clock;
                case 12: return IconId.Lock;
                case 13: return IconId.Presence;
                case 14: return IconId.Park;
                case 15: return IconId.Announcement;
                case 16: return IconId.Security;
                case 17: return IconId.Clock;
                default: return 0;
            }
        }

        /// <summary>The Infobox name of an icon (the first one that maps to it), e.g. "warning".</summary>
        public static string Name(int icon)
        {
            for (int i = 0; i < IconsCount; i++)
            {
                if (Icons(i) == icon)
                {
                    return Names(i);
                }
            }
            return "info";
        }

        public static int Find(string name)
        {
            if (name == null || name.Length == 0)
            {
                return IconId.None;
            }
            string lower = name.Trim().ToLower();
            for (int i = 0; i < NamesCount; i++)
            {
                if (Names(i) == lower)
                {
                    return Icons(i);
                }
            }
            return IconId.Info;
        }
    }
}
