namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// The six categories of the status_msgs_* settings, with their setting names: a part of
    /// <see cref="StatusCategories"/>, not a class of its own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    public sealed partial class StatusCategories
    {
        public const int Blocked = 0;
        public const int ShowDirectly = 1;
        public const int Essential = 2;
        public const int Important = 3;
        public const int AudioIndication = 4;
        public const int PopUp = 5;
        public const int Count = 6;

        // Tables as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
        // literals would take heap from the start; a literal returned from code keeps its text in flash.
        public static string SettingName(int category)
        {
            switch (category)
            {
                case 0: return "status_msgs_that_are_blocked";
                case 1: return "status_msgs_that_show_directly";
                case 2: return "status_msgs_that_are_essential";
                case 3: return "status_msgs_that_are_important";
                case 4: return "status_msgs_with_audio_indication";
                case 5: return "status_msgs_to_pop_up";
                default: return null;
            }
        }

        public static string Name(int category)
        {
            switch (category)
            {
                case 0: return "blocked";
                case 1: return "show directly";
                case 2: return "essential";
                case 3: return "important";
                case 4: return "audio indication";
                case 5: return "pop-up";
                default: return null;
            }
        }
    }
}
