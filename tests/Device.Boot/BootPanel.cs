using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Hal;
using DeskPhone.Firmware.Phone;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The board's panel path (board/Program.cs StartPanel): BandedPanel in front of Rgb565BandTarget (the managed
    /// band of <see cref="DeviceSizing.PanelBandRows"/> rows, glyphs through GlyphRows from the board's 8x16 font
    /// resource, linked into this assembly by Fonts.resx), sending each band to the ILI9342C driver over a recording
    /// SPI bus instead of the board's SpiDevice and GPIO pins. The recording band in between lets the boot script check
    /// what is drawn; the heap figures count the band, the glyph rows and the driver as the board holds them. The load
    /// profiles, which check no drawn text, get the board's chain exactly: the band target straight behind the panel,
    /// no recorder frame under every band's drawing and sending (it was office's lowest collection, a frame under the
    /// band's DrawText at ringing; docs/benchmarks.md, h-redraw4).
    /// </summary>
    internal static class BootPanel
    {
        private static System.Resources.ResourceManager s_resources;

        /// <param name="record">Puts the recording band between the panel and its target (the boot's checks of what is
        /// drawn); else <paramref name="recorder"/> is null.</param>
        public static BandedPanel Build(DisplayProfile profile, bool record, out RecordingBand recorder, out RecordingSpiBus spi)
        {
            spi = new RecordingSpiBus();
            var panel = new Ili9342Panel(spi, new FakeOutput(), new FakeOutput(), new FakeClock());
            panel.Initialize(0, true);
            // Only the 8x16 font: the colour profile never draws with the 6x12 one (the board passes it the same way).
            var glyphs = new GlyphRows(ReadLarge);
            var band = new Rgb565BandTarget(profile.Width, DeviceSizing.PanelBandRows, profile.IsColor, glyphs, glyphs, panel.WriteRect);
            recorder = record ? new RecordingBand(band) : null;
            return new BandedPanel(record ? recorder : (IBandTarget)band, profile.Height, IdleScreen.MostCallsPerFlush(profile));
        }

        /// <summary>Not cast: with the heap short nanoCLR may hand back the count instead of the array (GlyphRows checks).</summary>
        private static object ReadLarge(int offset, int count)
        {
            if (s_resources == null)
            {
                s_resources = new System.Resources.ResourceManager("DeskPhone.Boot.Fonts", typeof(BootPanel).Assembly);
            }
            return nanoFramework.Runtime.Native.ResourceUtility.GetObject(s_resources, FontResources.Fixed8x16, offset, count);
        }

        /// <summary>The resource generator's id for the name (as board/Display/DeviceResources.Designer.cs).</summary>
        private enum FontResources : short
        {
            Fixed8x16 = 12070,
        }
    }

    /// <summary>The panel's SPI device: counts the bytes and writes that reach it (the board's SpiPanelBus sends them).</summary>
    internal sealed class RecordingSpiBus : ISpiBus
    {
        public int Bytes;
        public int Writes;

        public void Write(byte[] data, int offset, int count)
        {
            Bytes += count;
            Writes++;
        }
    }

    /// <summary>The panel driver's delays (reset, sleep-out) take no virtual time: the script's clock runs on its own.</summary>
    internal sealed class FakeClock : IClock
    {
        public long NowMs => 0;

        public void Delay(int milliseconds)
        {
        }
    }
}
