using System.Collections.Generic;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Framing;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class ExpansionChainTests
    {
        private readonly SimulatedModuleChain _sim = new SimulatedModuleChain();
        private readonly ExpansionChain _chain;
        private readonly List<string> _events = new List<string>();
        private readonly List<string> _keys = new List<string>();
        private readonly List<string> _errors = new List<string>();
        private readonly Labels _labels = new Labels();
        private long _now;

        /// <summary>The phone's labels as the chain reads them when it sends one.</summary>
        private sealed class Labels : IKeyLabels
        {
            public readonly Dictionary<int, string> Text = new Dictionary<int, string>();

            public string LabelOf(int module, int key) => Text.TryGetValue(module * 100 + key, out string text) ? text : null;
        }

        /// <summary>A key's label changed on the phone's side: the chain is told and sends it if the module is there.</summary>
        private void SetLabel(int module, int key, string text)
        {
            _labels.Text[module * 100 + key] = text;
            _chain.Relabel(module, key);
        }

        public ExpansionChainTests()
        {
            _chain = new ExpansionChain(_sim, ExpansionProtocol.Version(1, 2));
            _chain.Labels = _labels;
            _chain.ChainEvent += (kind, module, reason) => _events.Add(ExpansionEventNames.Name(kind) + " " + module);
            _chain.KeyEvent += (code, action) => _keys.Add(KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
            _chain.LinkError += (error, detail) => _errors.Add(FrameErrorNames.Name(error) + " " + detail);
        }

        private void RunFor(int ms)
        {
            for (int t = 0; t < ms; t += 10)
            {
                _chain.Tick(_now);
                _now += 10;
            }
        }

        [Fact]
        public void ModulesAreEnumeratedInChainOrder()
        {
            _sim.Plug(1, 2);
            _sim.Plug(1, 3);
            RunFor(300);
            Assert.Equal(new[] { "connected 0", "connected 1" }, _events);
            Assert.Equal(2, _chain.ModuleCount);
            Assert.Equal(1, _sim.Modules[0].Address);
            Assert.Equal(2, _sim.Modules[1].Address);
            Assert.Equal(ExpansionProtocol.Version(1, 3), _chain.FirmwareOf(1));
            Assert.False(_chain.CablingBroken);
            Assert.Empty(_errors);
            Assert.Empty(_sim.Rejected);
        }

        [Fact]
        public void EnumerateFrameIsByteExact()
        {
            var uart = new FakeUart();
            var chain = new ExpansionChain(uart, 0);
            chain.Tick(0);
            // A5 5A | 01 | 02 | 00 01 | CRC-8(01 02 00 01)
            Assert.Equal("A55A01020001C7", System.Convert.ToHexString(uart.TakeWritten()));
        }

        [Fact]
        public void HeartbeatKeepsModulesAndSilenceMeansCablingBroken()
        {
            _sim.Plug();
            _sim.Plug();
            RunFor(3000);
            Assert.True(_sim.Modules[0].PingsAnswered >= 2);
            _events.Clear();
            _sim.CutCable(1);
            RunFor(4000);
            Assert.Equal(new[] { "lost 1" }, _events);
            Assert.True(_chain.CablingBroken);
            Assert.True(_chain.IsPresent(0));
            Assert.False(_chain.IsPresent(1));
            _sim.RepairCable();
            RunFor(6000);
            Assert.Equal(new[] { "lost 1", "connected 1" }, _events);
            Assert.False(_chain.CablingBroken);
        }

        [Fact]
        public void FourthModuleExceedsTheLimitAndIsIgnored()
        {
            for (int i = 0; i < 4; i++) _sim.Plug();
            RunFor(300);
            Assert.Equal(new[] { "connected 0", "connected 1", "connected 2", "limit-exceeded -1" }, _events);
            Assert.True(_chain.LimitExceeded);
            Assert.Equal(3, _chain.ModuleCount);
            _sim.PressKey(3, 0);
            RunFor(50);
            Assert.Empty(_keys);
            _sim.Unplug(3);
            RunFor(5000);
            Assert.Equal("limit-cleared -1", _events[^1]);
            Assert.False(_chain.LimitExceeded);
        }

        [Fact]
        public void NewModuleAppearsAtNextEnumeration()
        {
            _sim.Plug();
            RunFor(300);
            _sim.Plug();
            RunFor(ExpansionChain.EnumerateEveryMs + 300);
            Assert.Equal(new[] { "connected 0", "connected 1" }, _events);
        }

        [Fact]
        public void UnpluggingAMiddleModuleMovesTheNextOneUpAndRefreshesIt()
        {
            var bank = new LedBank(ExpansionProtocol.MaxModules * ExpansionProtocol.KeysPerModule, _chain);
            for (int i = 0; i < 3; i++) _sim.Plug();
            SetLabel(1, 0, "Bob");
            SetLabel(2, 0, "Carol");
            bank.Set(18, LedColor.Red, LedPattern.On);
            RunFor(300);
            bank.Tick(_now);
            uint third = _chain.SerialOf(2);
            Assert.Equal(_sim.Modules[2].Serial, third);
            _events.Clear();

            _sim.Unplug(1); // the third module is now second in the chain
            RunFor(ExpansionChain.EnumerateEveryMs + 300);
            // Position 2 stops answering pings first; the next enumeration finds the third module there.
            Assert.Equal(new[] { "lost 1", "connected 1", "lost 2" }, _events);
            Assert.Equal(third, _chain.SerialOf(1));
            // It now shows position 2's label and LEDs, not what it showed before.
            Assert.Equal("Bob", _sim.Modules[1].Labels[0]);
            Assert.Equal(LedColor.Red, _sim.Modules[1].Leds[0]);
        }

        [Fact]
        public void OldFirmwareIsReported()
        {
            _sim.Plug(1, 1);
            RunFor(300);
            Assert.Equal(new[] { "connected 0", "firmware-outdated 0" }, _events);
            Assert.True(_chain.IsOutdated(0));
            RunFor(ExpansionChain.EnumerateEveryMs * 2);
            Assert.Equal(2, _events.Count); // reported once, not on every enumeration
        }

        [Fact]
        public void KeysBecomeExpansionKeyCodesWithLongPress()
        {
            _sim.Plug();
            _sim.Plug();
            RunFor(300);
            _sim.PressKey(1, 4);
            RunFor(50);
            _sim.ReleaseKey(1, 4);
            RunFor(50);
            _sim.PressKey(0, 17);
            RunFor(1000);
            Assert.Equal(new[] { "X2.5:press", "X2.5:release", "X1.18:press", "X1.18:long" }, _keys);
            Assert.Equal(KeyCode.ExpansionKeyBase + KeyCode.ExpansionModuleStride + 4, KeyCode.Parse("X2.5"));
        }

        [Fact]
        public void LedsAndLabelsReachTheModulesIncludingLateOnes()
        {
            var bank = new LedBank(ExpansionProtocol.MaxModules * ExpansionProtocol.KeysPerModule, _chain);
            SetLabel(1, 2, "Anna Müller – Sales, long label text here");
            _sim.Plug();
            RunFor(300);
            bank.Set(3, LedColor.Red, LedPattern.On);
            bank.Set(18 + 2, LedColor.Green, LedPattern.BlinkFast);
            bank.Tick(_now);
            Assert.Equal(LedColor.Red, _sim.Modules[0].Leds[3]);

            _sim.Plug();
            RunFor(ExpansionChain.EnumerateEveryMs + 300);
            // The late module gets its current LEDs and labels on connect.
            Assert.Equal(LedColor.Green, _sim.Modules[1].Leds[2]);
            string label = _sim.Modules[1].Labels[2];
            Assert.StartsWith("Anna Müller", label);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(label) <= ExpansionProtocol.MaxLabelBytes);
            Assert.Equal(_labels.LabelOf(1, 2).Substring(0, label.Length), label);
            SetLabel(0, 0, "Reception");
            Assert.Equal("Reception", _sim.Modules[0].Labels[0]);
            Assert.Empty(_sim.Rejected);
        }

        [Fact]
        public void LedsSetBeforeAnyModuleAnsweredReachTheFirstModule()
        {
            // The chain makes its module tables only when a module answers: LEDs set on a chain with nothing plugged
            // must still be kept and sent then, and module keys must reach the KeyEvent subscribed at construction.
            var bank = new LedBank(ExpansionProtocol.MaxModules * ExpansionProtocol.KeysPerModule, _chain);
            bank.Set(5, LedColor.Orange, LedPattern.On);
            bank.Tick(_now);
            RunFor(ExpansionChain.EnumerateEveryMs + 300);
            Assert.Equal(0, _chain.ModuleCount);
            Assert.False(_chain.CablingBroken);

            _sim.Plug();
            RunFor(ExpansionChain.EnumerateEveryMs + 300);
            Assert.Equal(1, _chain.ModuleCount);
            Assert.Equal(LedColor.Orange, _sim.Modules[0].Leds[5]);
            _sim.PressKey(0, 4);
            RunFor(50);
            Assert.Equal(new[] { "X1.5:press" }, _keys);
        }

        [Fact]
        public void CorruptTruncatedAndUnexpectedFramesAreReportedNotFatal()
        {
            _sim.Plug();
            RunFor(300);
            _sim.Inject(0xA5, 0x5A, ExpansionProtocol.Key, 0x03, 0x01, 0x00, 0x01, 0x00); // bad CRC
            _sim.Reply(ExpansionProtocol.Key, 1, 18, 1);        // key 18 does not exist
            _sim.Reply(0x7E);                                   // unknown type
            _sim.Reply(ExpansionProtocol.Hello, 1, 18, 1, 2, 0, 0, 0, 9); // hello outside enumeration
            RunFor(20);
            _sim.Inject(0xA5, 0x5A, ExpansionProtocol.Key, 0x03, 0x01); // stops mid-frame
            RunFor(100);
            Assert.Equal(new[] { "bad-check 131", "garbage 7", "unexpected 131", "unexpected 126", "unexpected 129", "truncated 5" }, _errors);
            Assert.Empty(_keys);
            _sim.PressKey(0, 0);
            RunFor(20);
            Assert.Equal(new[] { "X1.1:press" }, _keys);
            Assert.True(_chain.IsPresent(0));
        }
    }
}
