namespace DeskPhone.Domain.Settings
{
    /// <summary>A setting changed; idx is 0 for a global setting. needsReboot: the new value takes effect only after a reboot.</summary>
    public delegate void SettingChangedHandler(string name, int idx, bool needsReboot);

    /// <summary>admin_mode_password or http_pass became set or empty (drives PhoneHasNoAdminPassword / PhoneHasNoHttpPassword).</summary>
    public delegate void PasswordStateHandler(string name, bool isSet);

    /// <summary>A change that needs a reboot was made (the glue raises PhoneWantsReboot).</summary>
    public delegate void RebootRequiredHandler();

    /// <summary>Why a text is refused, or null when it is good.</summary>
    public delegate string TextCheck(string text);
}
