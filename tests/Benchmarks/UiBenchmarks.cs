using BenchmarkDotNet.Attributes;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Benchmarks
{
    /// <summary>
    /// Cost of one change on the idle screen of the reference panel (docs/benchmarks.md, "Renderer"):
    /// time and allocation per render, and the bytes flushed, which is what the SPI bus pays on the device.
    /// </summary>
    [MemoryDiagnoser]
    public class UiBenchmarks
    {
        private SoftwarePanel _panel;
        private IdleScreen _screen;
        private SoftwareBandTarget _band;
        private BandedPanel _banded;
        private IdleScreen _bandedScreen;
        private bool _flip;

        /// <summary>Bytes the last benchmarked change flushed (also each benchmark's return value).</summary>
        public long LastFlushedBytes { get; private set; }

        /// <summary>Bands the last banded change sent.</summary>
        public int LastBands { get; private set; }

        /// <summary>Pixel memory the banded panel's band takes (the device's graphics heap adds the icons).</summary>
        public int BandBytes => _band.BandBytes;

        [GlobalSetup]
        public void Setup()
        {
            _panel = new SoftwarePanel(DisplayProfile.Color320x240);
            _screen = new IdleScreen(_panel, DisplayProfile.Color320x240);
            _screen.SetStatusLine("No administrator password is set", IconId.Security);
            _screen.SetIdentity("486 - Online");
            _screen.SetMessage("Lunch is ready in the canteen. Grüße aus der Küche, Ελλάδα, Привет!");
            _screen.SetFunctionKey(0, "bob", 0xF800);
            _screen.Render();

            // As on the board (board/Program.cs): a band the height of the status line, 64 calls of list.
            DisplayProfile p = DisplayProfile.Color320x240;
            _band = new SoftwareBandTarget(p, p.StatusHeight);
            _banded = new BandedPanel(_band, p.Height, 64);
            _bandedScreen = new IdleScreen(_banded, p);
            _bandedScreen.SetStatusLine("No administrator password is set", IconId.Security);
            _bandedScreen.SetIdentity("486 - Online");
            _bandedScreen.SetMessage("Lunch is ready in the canteen. Grüße aus der Küche, Ελλάδα, Привет!");
            _bandedScreen.SetFunctionKey(0, "bob", 0xF800);
            _bandedScreen.Render();
        }

        [Benchmark]
        public long StatusLineChange()
        {
            _flip = !_flip;
            _panel.ResetCounters();
            _screen.SetStatusLine(_flip ? "The Ethernet cable is unplugged" : "No administrator password is set",
                _flip ? IconId.Network : IconId.Security);
            _screen.Render();
            LastFlushedBytes = _panel.FlushedBytes;
            return LastFlushedBytes;
        }

        /// <summary>The same change through the banded panel (no frame buffer): recorded, replayed into one band, sent.</summary>
        [Benchmark]
        public long BandedStatusLineChange()
        {
            _flip = !_flip;
            _band.ResetCounters();
            _bandedScreen.SetStatusLine(_flip ? "The Ethernet cable is unplugged" : "No administrator password is set",
                _flip ? IconId.Network : IconId.Security);
            _bandedScreen.Render();
            LastFlushedBytes = _band.FlushedBytes;
            LastBands = _band.Bands;
            return LastFlushedBytes;
        }

        [Benchmark]
        public long DesktopMessageChange()
        {
            _flip = !_flip;
            _panel.ResetCounters();
            _screen.SetMessage(_flip ? "Fire drill at 11:00, meet in the car park behind building B."
                                     : "Lunch is ready in the canteen. Grüße aus der Küche, Ελλάδα, Привет!");
            _screen.Render();
            LastFlushedBytes = _panel.FlushedBytes;
            return LastFlushedBytes;
        }

        [Benchmark]
        public long FullFrame()
        {
            _panel.ResetCounters();
            _screen.SetStatusLine("S", IconId.Info);
            _screen.SetIdentity(_flip ? "486 - Online" : "486 - Do not disturb");
            _screen.SetMessage(_flip ? "a" : "b");
            _screen.SetFunctionKey(0, _flip ? "bob" : "carol", 0xF800);
            _flip = !_flip;
            _screen.Render();
            LastFlushedBytes = _panel.FlushedBytes;
            return LastFlushedBytes;
        }
    }
}
