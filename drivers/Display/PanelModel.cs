namespace DeskPhone.Drivers.Display
{
    /// <summary>The SPI panel controllers we drive.</summary>
    public enum PanelModel
    {
        Ili9341 = 1,
        Ili9342 = 2,
        St7789 = 3,
    }

    /// <summary>
    /// What differs between panel controllers on the generic SPI path: native size, the MADCTL byte for each
    /// rotation (0, 90, 180, 270 degrees clockwise) and RAM offsets for glass smaller than the controller.
    /// </summary>
    public sealed class PanelSpec
    {
        public readonly PanelModel Model;
        public readonly int NativeWidth;
        public readonly int NativeHeight;
        public readonly byte[] Madctl;
        public readonly int ColumnOffset;
        public readonly int RowOffset;

        public PanelSpec(PanelModel model, int nativeWidth, int nativeHeight, byte[] madctl, int columnOffset, int rowOffset)
        {
            Model = model;
            NativeWidth = nativeWidth;
            NativeHeight = nativeHeight;
            Madctl = madctl;
            ColumnOffset = columnOffset;
            RowOffset = rowOffset;
        }

        // MADCTL bits: MY 0x80, MX 0x40, MV 0x20 (row/column exchange), BGR 0x08.
        public static PanelSpec For(PanelModel model)
        {
            switch (model)
            {
                case PanelModel.Ili9342:
                    // Landscape-native (M5Stack Core): rotation 0 is 320x240.
                    return new PanelSpec(model, 320, 240, new byte[] { 0x08, 0x68, 0xC8, 0xA8 }, 0, 0);
                case PanelModel.St7789:
                    // RGB order, portrait-native 240x320.
                    return new PanelSpec(model, 240, 320, new byte[] { 0x00, 0x60, 0xC0, 0xA0 }, 0, 0);
                default:
                    return new PanelSpec(PanelModel.Ili9341, 240, 320, new byte[] { 0x48, 0x28, 0x88, 0xE8 }, 0, 0);
            }
        }

        public static string Name(PanelModel model)
        {
            switch (model)
            {
                case PanelModel.Ili9341: return "ILI9341";
                case PanelModel.Ili9342: return "ILI9342";
                case PanelModel.St7789: return "ST7789";
                default: return "unknown";
            }
        }
    }
}
