namespace DeskPhone.Domain.Settings
{
    /// <summary>admin_mode_password or http_pass became set or empty (drives PhoneHasNoAdminPassword / PhoneHasNoHttpPassword).</summary>
    public delegate void PasswordStateHandler(string name, bool isSet);

    /// <summary>Why a text is refused, or null when it is good.</summary>
    public delegate string TextCheck(string text);
}
