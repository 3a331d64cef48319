using DeskPhone.Ui.Icons;

namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// Icon names an Infobox line may carry (case-insensitive); anything else shows the info icon. A part of
    /// <see cref="InfoBox"/>, not a class of its own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    public sealed partial class InfoBox
    {
        // Tables as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
        // literals would take heap from the start; a literal returned from code keeps its text in flash.
        private const int NamesCount = 18;

        private static string Names(int i)
        {
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            string name;
            switch (i)
            {
                case 0: name = "none"; break;
                case 1: name = "info"; break;
                case 2: name = "warning"; break;
                case 3: name = "error"; break;
                case 4: name = "message"; break;
                case 5: name = "voicemail"; break;
                case 6: name = "call"; break;
                case 7: name = "missed"; break;
                case 8: name = "dnd"; break;
                case 9: name = "forward"; break;
                case 10: name = "network"; break;
                case 11: name = "clock"; break;
                case 12: name = "lock"; break;
                case 13: name = "presence"; break;
                case 14: name = "park"; break;
                case 15: name = "announcement"; break;
                case 16: name = "security"; break;
                case 17: name = "calendar"; break;
                default: name = null; break;
            }
            return name;
        }

        private const int IconsCount = 18;

        private static int Icons(int i)
        {
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            int icon;
            switch (i)
            {
                case 0: icon = IconId.None; break;
                case 1: icon = IconId.Info; break;
                case 2: icon = IconId.Warning; break;
                case 3: icon = IconId.Error; break;
                case 4: icon = IconId.Messages; break;
                case 5: icon = IconId.Voicemail; break;
                case 6: icon = IconId.Call; break;
                case 7: icon = IconId.MissedCall; break;
                case 8: icon = IconId.Dnd; break;
                case 9: icon = IconId.Forwarding; break;
                case 10: icon = IconId.Network; break;
                case 11: icon = IconId.Clock; break;
                case 12: icon = IconId.Lock; break;
                case 13: icon = IconId.Presence; break;
                case 14: icon = IconId.Park; break;
                case 15: icon = IconId.Announcement; break;
                case 16: icon = IconId.Security; break;
                case 17: icon = IconId.Clock; break;
                default: icon = 0; break;
            }
            return icon;
        }

        /// <summary>The Infobox name of an icon (the first one that maps to it), e.g. "warning".</summary>
        public static string IconName(int icon)
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

        public static int FindIcon(string name)
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
