using DeskPhone.Ui.Icons;

namespace DeskPhone.Firmware.Messages
{
    /// <summary>Icon names an Infobox line may carry (case-insensitive); anything else shows the info icon.</summary>
    public static class InfoBoxIcons
    {
        private static readonly string[] Names =
        {
            "none", "info", "warning", "error", "message", "voicemail", "call", "missed", "dnd", "forward",
            "network", "clock", "lock", "presence", "park", "announcement", "security", "calendar",
        };

        private static readonly int[] Icons =
        {
            IconId.None, IconId.Info, IconId.Warning, IconId.Error, IconId.Messages, IconId.Voicemail, IconId.Call,
            IconId.MissedCall, IconId.Dnd, IconId.Forwarding, IconId.Network, IconId.Clock, IconId.Lock, IconId.Presence,
            IconId.Park, IconId.Announcement, IconId.Security, IconId.Clock,
        };

        /// <summary>The Infobox name of an icon (the first one that maps to it), e.g. "warning".</summary>
        public static string Name(int icon)
        {
            for (int i = 0; i < Icons.Length; i++)
            {
                if (Icons[i] == icon)
                {
                    return Names[i];
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
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == lower)
                {
                    return Icons[i];
                }
            }
            return IconId.Info;
        }
    }
}
