namespace DeskPhone.Ui.Icons
{
    /// <summary>
    /// Icons the renderer can draw, one per status-message group and category.
    /// The status catalogue (firmware) names one of these for every status ID; the Infobox maps its icon names here.
    /// </summary>
    public static class IconId
    {
        public const int None = 0;
        public const int Network = 1;
        public const int Registration = 2;
        public const int Messages = 3;
        public const int Voicemail = 4;
        public const int Forwarding = 5;
        public const int Dnd = 6;
        public const int AudioDevice = 7;
        public const int Mute = 8;
        public const int UsbHid = 9;
        public const int ExpansionModule = 10;
        public const int Provisioning = 11;
        public const int Firmware = 12;
        public const int Security = 13;
        public const int Bluetooth = 14;
        public const int Wlan = 15;
        public const int Call = 16;
        public const int MissedCall = 17;
        public const int Lock = 18;
        public const int Clock = 19;
        public const int Info = 20;
        public const int Warning = 21;
        public const int Error = 22;
        public const int Presence = 23;
        public const int Location = 24;
        public const int Memory = 25;
        public const int Ringer = 26;
        public const int Park = 27;
        public const int Announcement = 28;
        public const int Vpn = 29;
        public const int CategoryEssential = 30;
        public const int CategoryImportant = 31;
        public const int CategoryShowDirectly = 32;
        public const int CategoryPopUp = 33;
        public const int CategoryAudio = 34;
        public const int CategoryBlocked = 35;
        public const int Count = 36;
    }
}
