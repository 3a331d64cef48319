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
        private bool _flip;

        /// <summary>Bytes the last benchmarked change flushed (also each benchmark's return value).</summary>
        public long LastFlushedBytes { get; private set; }

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
