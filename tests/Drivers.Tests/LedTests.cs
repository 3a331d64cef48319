using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Leds;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class LedTests
    {
        [Theory]
        [InlineData(LedPattern.On, new[] { 0, 999, 1000, 1999 }, new[] { true, true, true, true })]
        [InlineData(LedPattern.Off, new[] { 0, 500 }, new[] { false, false })]
        [InlineData(LedPattern.BlinkSlow, new[] { 0, 999, 1000, 1999, 2000 }, new[] { true, true, false, false, true })]
        [InlineData(LedPattern.BlinkMedium, new[] { 0, 499, 500, 999, 1000 }, new[] { true, true, false, false, true })]
        [InlineData(LedPattern.BlinkFast, new[] { 0, 124, 125, 249, 250 }, new[] { true, true, false, false, true })]
        [InlineData(LedPattern.ShortOff, new[] { 0, 899, 900, 999, 1000 }, new[] { true, true, false, false, true })]
        public void PatternsFollowTheDocumentedPhases(LedPattern pattern, int[] times, bool[] lit)
        {
            for (int i = 0; i < times.Length; i++)
            {
                Assert.Equal(lit[i], LedBlink.IsLit(pattern, times[i]));
            }
        }

        /// <summary>A sink whose first commits find no heap (the strip's RMT items), as nanoCLR throws before it compacts.</summary>
        private sealed class ShortOfHeapSink : ILedSink
        {
            public int Failures;
            public int Commits;

            public void Show(int index, LedColor color)
            {
            }

            public void Commit()
            {
                if (Failures > 0)
                {
                    Failures--;
                    throw new System.OutOfMemoryException();
                }
                Commits++;
            }
        }

        [Fact]
        public void ACommitWithoutHeapIsSentAgainAtTheNextTick()
        {
            var sink = new ShortOfHeapSink { Failures = 1 };
            var bank = new LedBank(LedMap.Count, sink);
            bank.Set(LedMap.Message, LedColor.Red, LedPattern.On);
            bank.Tick(0);
            Assert.Equal(0, sink.Commits);
            // Nothing changed since: the strip still gets the frame it missed, once.
            bank.Tick(20);
            Assert.Equal(1, sink.Commits);
            bank.Tick(40);
            Assert.Equal(1, sink.Commits);
        }

        [Fact]
        public void LedsSetAtDifferentTimesBlinkInPhase()
        {
            var sink = new RecordingLedSink(LedMap.Count);
            var bank = new LedBank(LedMap.Count, sink);
            bank.Set(LedMap.Message, LedColor.Red, LedPattern.BlinkMedium);
            bank.Tick(100);
            bank.Set(LedMap.FunctionKey(3), LedColor.Green, LedPattern.BlinkMedium);
            for (long t = 100; t < 5000; t += 20)
            {
                bank.Tick(t);
                Assert.Equal(bank.IsLit(LedMap.Message), bank.IsLit(LedMap.FunctionKey(3)));
            }
            Assert.Equal(LedColor.Green, bank.ColorOf(LedMap.FunctionKey(3)));
            Assert.Equal(LedPattern.BlinkMedium, bank.PatternOf(LedMap.FunctionKey(3)));
        }

        [Fact]
        public void QuietTicksSkipTheLedsButNotASetOrABlink()
        {
            var sink = new RecordingLedSink(LedMap.Count);
            var bank = new LedBank(LedMap.Count, sink);
            bank.Set(LedMap.Message, LedColor.Red, LedPattern.On);
            bank.Tick(0);
            for (long t = 10; t < 3000; t += 10)
            {
                bank.Tick(t); // nothing set, nothing blinks: nothing to do
            }
            sink.Changes.Clear();

            bank.Set(LedMap.Message, LedColor.Red, LedPattern.BlinkSlow);
            bank.Tick(3000); // phase 1000 of 2000: dark
            Assert.Equal(new[] { "0=Off" }, sink.Changes);
            bank.Tick(4000); // no Set since, but it blinks: lit again
            Assert.Equal(new[] { "0=Off", "0=Red" }, sink.Changes);

            bank.Set(LedMap.Message, LedColor.Off, LedPattern.Off);
            bank.Tick(4010);
            bank.Tick(5000);
            bank.Tick(6000);
            Assert.Equal(new[] { "0=Off", "0=Red", "0=Off" }, sink.Changes);
            Assert.False(bank.IsLit(LedMap.Message));
        }

        [Fact]
        public void OnlyChangesReachTheSink()
        {
            var sink = new RecordingLedSink(LedMap.Count);
            var bank = new LedBank(LedMap.Count, sink);
            bank.Tick(0); // first tick pushes every LED once
            sink.Changes.Clear();
            int commits = sink.Commits;

            bank.Set(LedMap.Call, LedColor.Green, LedPattern.BlinkFast);
            bank.Tick(10);
            bank.Tick(20);
            Assert.Equal(new[] { "1=Green" }, sink.Changes);
            bank.Tick(130);
            Assert.Equal(new[] { "1=Green", "1=Off" }, sink.Changes);
            Assert.Equal(commits + 2, sink.Commits);
            Assert.Equal(LedColor.Off, bank.ShownColor(LedMap.Call));
            Assert.Equal(LedColor.Green, bank.ColorOf(LedMap.Call));
        }

        [Fact]
        public void OffColourMeansDarkWhateverThePattern()
        {
            var sink = new RecordingLedSink(2);
            var bank = new LedBank(2, sink);
            bank.Set(0, LedColor.Off, LedPattern.On);
            bank.Tick(0);
            Assert.False(bank.IsLit(0));
            Assert.Equal(LedPattern.Off, bank.PatternOf(0));
        }

        [Fact]
        public void RangeSinkRoutesIndexesToEachOutput()
        {
            var phone = new RecordingLedSink(LedMap.ModuleKeyBase);
            var modules = new RecordingLedSink(LedMap.Count - LedMap.ModuleKeyBase);
            var router = new LedRangeSink(new[] { 0, LedMap.ModuleKeyBase }, new[] { LedMap.ModuleKeyBase, LedMap.Count - LedMap.ModuleKeyBase },
                new ILedSink[] { phone, modules });
            var bank = new LedBank(LedMap.Count, router);
            bank.Tick(0);
            int phoneCommits = phone.Commits;
            bank.Set(LedMap.ModuleKey(1, 4), LedColor.Orange, LedPattern.On);
            bank.Tick(10);
            Assert.Equal(LedColor.Orange, modules[22]);
            Assert.Equal(phoneCommits, phone.Commits);
        }

        [Fact]
        public void RgbStripGetsScaledColours()
        {
            var strip = new FakeRgbStrip(4);
            var sink = new RgbStripLedSink(strip, 128);
            sink.Show(0, LedColor.Red);
            sink.Show(1, LedColor.White);
            sink.Show(2, LedColor.Off);
            sink.Show(7, LedColor.Red); // beyond the strip: ignored
            sink.Commit();
            Assert.Equal(((byte)128, (byte)0, (byte)0), strip[0]);
            Assert.Equal(((byte)128, (byte)128, (byte)128), strip[1]);
            Assert.Equal(((byte)0, (byte)0, (byte)0), strip[2]);
            Assert.Equal(1, strip.Updates);
        }

        [Fact]
        public void TwoColourLedsMixOrangeFromBothDies()
        {
            var red = new[] { new RecordingOutputPin(), new RecordingOutputPin() };
            var green = new[] { new RecordingOutputPin(), new RecordingOutputPin() };
            var sink = new DualPinLedSink(red, green, activeLow: true);
            sink.Show(0, LedColor.Orange);
            sink.Show(1, LedColor.Red);
            Assert.False(red[0].Level);   // active low: lit
            Assert.False(green[0].Level);
            Assert.False(red[1].Level);
            Assert.True(green[1].Level);
        }

        [Fact]
        public void BenchNamesCoverEveryLed()
        {
            Assert.Equal("message", LedMap.Name(LedMap.Message));
            Assert.Equal("F16", LedMap.Name(LedMap.FunctionKey(15)));
            Assert.Equal("X3.18", LedMap.Name(LedMap.Count - 1));
            // Every name as the numbers' text would make it (the names are cut out of literals, not formatted).
            Assert.Equal("call", LedMap.Name(LedMap.Call));
            for (int n = 0; n < LedMap.FunctionKeyCount; n++)
            {
                Assert.Equal("F" + (n + 1), LedMap.Name(LedMap.FunctionKey(n)));
            }
            for (int module = 0; module < LedMap.ModuleCount; module++)
            {
                for (int key = 0; key < LedMap.KeysPerModule; key++)
                {
                    Assert.Equal("X" + (module + 1) + "." + (key + 1), LedMap.Name(LedMap.ModuleKey(module, key)));
                }
            }
            Assert.Equal("led" + LedMap.Count, LedMap.Name(LedMap.Count));
        }
    }
}
