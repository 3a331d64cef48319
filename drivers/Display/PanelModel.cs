namespace DeskPhone.Drivers.Display
{
    /// <summary>The SPI panel controllers a board profile can name (the board drives the ILI9342C itself: Ili9342Panel).</summary>
    public enum PanelModel
    {
        Ili9341 = 1,
        Ili9342 = 2,
        St7789 = 3,
    }
}
