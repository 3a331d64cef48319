namespace DeskPhone.Firmware.Bench
{
    /// <summary>The screen as the bench shows it: the renderer's text and, where the panel can give it, a PNG.</summary>
    public interface IScreenSource
    {
        string GetScreenText();

        /// <summary>The current frame as PNG, or null where the panel cannot read back (the device's native driver).</summary>
        byte[] GetScreenPng();
    }
}
