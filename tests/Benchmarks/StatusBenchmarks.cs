using BenchmarkDotNet.Attributes;
using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Status;

namespace DeskPhone.Benchmarks
{
    /// <summary>Raising, clearing and recomputing statuses with the LED policy following (docs/benchmarks.md).</summary>
    [MemoryDiagnoser]
    public class StatusBenchmarks
    {
        private StatusScheduler _scheduler;
        private LedPolicy _leds;
        private long _now;

        [GlobalSetup]
        public void Setup()
        {
            _scheduler = new StatusScheduler();
            _leds = new LedPolicy();
            _leds.Attach(_scheduler);
            _scheduler.Changed += c => { if ((c & StatusScheduler.LedsChanged) != 0) _leds.StatusesChanged(); };
            _scheduler.Raise(StatusId.PhoneHasNoAdminPassword, null, "settings", 0);
        }

        [Benchmark]
        public int RaiseAndClear()
        {
            _now += 10;
            _scheduler.Raise(StatusId.EthernetUnplugged, null, "link", _now);
            _scheduler.Clear(StatusId.EthernetUnplugged, _now);
            return _scheduler.StatusLine;
        }

        [Benchmark]
        public int IdleTick()
        {
            _now += 10;
            _scheduler.Tick(_now);
            return _scheduler.StatusLine;
        }
    }
}
