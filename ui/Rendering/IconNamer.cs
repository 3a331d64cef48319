namespace DeskPhone.Ui.Rendering
{
    /// <summary>The name a text description gives an icon (DeskPhone.Ui.Icons.IconId), e.g. "warning".</summary>
    public delegate string IconNamer(int icon);
}
