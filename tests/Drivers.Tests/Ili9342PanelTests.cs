using System;
using System.Collections.Generic;
using System.Linq;
using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>
    /// The ILI9342C driver on a fake SPI bus that records each write as the panel sees it: "C" and the byte when the
    /// data/command line is low (a command), "D" and the bytes when it is high (parameters, pixels), with the reset
    /// line's levels and the waits in the same log.
    /// </summary>
    public class Ili9342PanelTests
    {
        [Fact]
        public void InitializeResetsThenSendsTheInitSequenceAndTurnsTheDisplayOn()
        {
            var bus = new Bus();
            var panel = new Ili9342Panel(bus, bus.DataCommand, bus.Reset, bus);

            panel.Initialize(0, true);

            Assert.Equal(new[] { "RST 1", "wait 5", "RST 0", "wait 10", "RST 1", "wait 120" }, bus.Log.Take(6));
            Assert.Equal(
                new[] { "C8", "C0", "C1", "C5", "B0", "F6", "3A", "E0", "E1", "B6", "36", "21", "11", "29" },
                bus.Log.Where(l => l.StartsWith("C ")).Select(l => l.Substring(2)));
            Assert.Equal("D FF 93 42", bus.After("C C8"));
            Assert.Equal("D 55", bus.After("C 3A")); // 16 bits a pixel
            Assert.Equal("D 08", bus.After("C 36")); // landscape as mounted, BGR
            Assert.Equal(15, bus.After("C E0").Split(' ').Length - 1);
            Assert.Equal("D 08 82 1D 04", bus.After("C B6"));
            Assert.Equal("wait 120", bus.After("C 11")); // sleep out needs 120 ms before the display is turned on
            Assert.Equal("C 29", bus.Log[^2]);
            Assert.True(bus.DataCommand.High, "the line is left high (data)");
        }

        [Fact]
        public void WithoutAResetLineUpsideDownAndNotInvertedIsASoftwareResetMirroredAndInversionOff()
        {
            var bus = new Bus();
            var panel = new Ili9342Panel(bus, bus.DataCommand, null, bus);

            panel.Initialize(2, false);

            Assert.Equal(new[] { "C 01", "wait 120" }, bus.Log.Take(2));
            Assert.Equal("D C8", bus.After("C 36"));
            Assert.Contains("C 20", bus.Log);
            Assert.DoesNotContain("C 21", bus.Log);
            Assert.Throws<ArgumentException>(() => panel.Initialize(1, false));
        }

        [Fact]
        public void WriteRectSetsTheWindowThenSendsEachRowOfThePixelsFromTheBand()
        {
            var bus = new Bus();
            var panel = new Ili9342Panel(bus, bus.DataCommand, bus.Reset, bus);
            // A band of 3 rows of 20 pixels, each byte its own low byte of the offset so slices are recognisable; its
            // column 0 is the screen's column 300.
            byte[] band = Enumerable.Range(0, 20 * 3 * 2).Select(i => (byte)(i * 7)).ToArray();

            panel.WriteRect(300, 236, 6, 2, band, 20);

            Assert.Equal(new[]
            {
                "C 2A", "D 01 2C 01 31", // columns 300..305
                "C 2B", "D 00 EC 00 ED", // rows 236..237
                "C 2C",
                "D " + Hex(band.Take(12)),
                "D " + Hex(band.Skip(20 * 2).Take(12)),
            }, bus.Log);
        }

        [Fact]
        public void ABandAsWideAsItsColumnsIsOnePixelWriteAtAnyColumn()
        {
            var bus = new Bus();
            var panel = new Ili9342Panel(bus, bus.DataCommand, bus.Reset, bus);
            byte[] band = Enumerable.Range(0, 8 * 2 * 2).Select(i => (byte)(i * 3)).ToArray();

            panel.WriteRect(120, 40, 8, 2, band, 8);

            Assert.Equal(new[] { "C 2A", "D 00 78 00 7F", "C 2B", "D 00 28 00 29", "C 2C", "D " + Hex(band) }, bus.Log);
        }

        [Fact]
        public void AFullWidthRectangleIsOnePixelWrite()
        {
            var bus = new Bus();
            var panel = new Ili9342Panel(bus, bus.DataCommand, bus.Reset, bus);
            byte[] band = Enumerable.Range(0, 320 * 4 * 2).Select(i => (byte)i).ToArray();

            panel.WriteRect(0, 0, 320, 4, band, 320);
            panel.WriteRect(0, 0, 0, 4, band, 320);

            Assert.Equal(new[] { "C 2A", "D 00 00 01 3F", "C 2B", "D 00 00 00 03", "C 2C", "D " + Hex(band) }, bus.Log);
        }

        private static string Hex(IEnumerable<byte> bytes) => string.Join(" ", bytes.Select(b => b.ToString("X2")));

        private sealed class Bus : ISpiBus, IClock
        {
            public Bus()
            {
                DataCommand = new Pin(null);
                Reset = new Pin(Log);
            }

            public List<string> Log { get; } = new List<string>();
            public Pin DataCommand { get; }
            public Pin Reset { get; }
            public long NowMs { get; private set; }

            public void Write(byte[] data, int offset, int count)
            {
                Assert.True(count > 0, "an empty SPI write");
                Log.Add((DataCommand.High ? "D " : "C ") + Hex(data.Skip(offset).Take(count)));
            }

            public void Delay(int milliseconds)
            {
                NowMs += milliseconds;
                Log.Add("wait " + milliseconds);
            }

            /// <summary>The log entry right after the first <paramref name="entry"/>.</summary>
            public string After(string entry) => Log[Log.IndexOf(entry) + 1];
        }

        private sealed class Pin : IDigitalOutput
        {
            private readonly List<string> _log;

            public Pin(List<string> log)
            {
                _log = log;
            }

            public bool High { get; private set; }

            public void Write(bool high)
            {
                High = high;
                _log?.Add("RST " + (high ? 1 : 0));
            }
        }
    }
}
