namespace DeskPhone.Firmware.Status
{
    /// <summary>The six categories of the status_msgs_* settings, with their setting names.</summary>
    public static class StatusCategory
    {
        public const int Blocked = 0;
        public const int ShowDirectly = 1;
        public const int Essential = 2;
        public const int Important = 3;
        public const int AudioIndication = 4;
        public const int PopUp = 5;
        public const int Count = 6;

        private static readonly string[] Settings =
        {
            "status_msgs_that_are_blocked", "status_msgs_that_show_directly", "status_msgs_that_are_essential",
            "status_msgs_that_are_important", "status_msgs_with_audio_indication", "status_msgs_to_pop_up",
        };

        private static readonly string[] Names = { "blocked", "show directly", "essential", "important", "audio indication", "pop-up" };

        public static string SettingName(int category) => Settings[category];

        public static string Name(int category) => Names[category];
    }
}
