namespace DeskPhone.Domain.Settings
{
    /// <summary>Why a text is refused, or null when it is good.</summary>
    public delegate string TextCheck(string text);
}
