using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Leds;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>The device heap is ~80 KB: the per-tick paths must not allocate once running.</summary>
    public class AllocationTests
    {
        private sealed class NullUart : IUart
        {
            public int Read(byte[] buffer, int offset, int count) => 0;
            public void Write(byte[] data, int offset, int count) { }
        }

        private sealed class NullSink : ILedSink
        {
            public int Shows;
            public void Show(int index, LedColor color) => Shows++;
            public void Commit() { }
        }

        private sealed class NullTone : IToneOutput
        {
            public int Changes;
            public void Tone(int hertz, int level) => Changes++;
        }

        [Fact]
        public void SteadyStateTicksDoNotAllocate()
        {
            var sink = new NullSink();
            var leds = new LedBank(LedMap.Count, sink);
            leds.Set(LedMap.Message, LedColor.Red, LedPattern.BlinkFast);
            leds.Set(LedMap.FunctionKey(0), LedColor.Green, LedPattern.ShortOff);
            var chain = new ExpansionChain(new NullUart(), 0);
            var hid = new HidBridge(new NullUart());
            var tone = new NullTone();
            var tones = new ToneSequencer(tone);
            tones.Play(Tones.Ring, 0);
            var link = new EthernetLink();
            link.ReportLink(true, 0);
            link.ReportAddress("10.0.0.2");

            void Run(long from, long to)
            {
                for (long t = from; t < to; t += 10)
                {
                    leds.Tick(t);
                    chain.Tick(t);
                    hid.Poll(t);
                    tones.Tick(t);
                    link.Tick(t);
                }
            }

            Run(0, 20000);
            int shows = sink.Shows, changes = tone.Changes;
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            Run(20000, 40000);
            Assert.Equal(before, System.GC.GetAllocatedBytesForCurrentThread());
            Assert.True(sink.Shows > shows);   // the LEDs did blink meanwhile
            Assert.True(tone.Changes > changes); // and the ring tone played
        }
    }
}
