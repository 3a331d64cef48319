using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>PhoneHasLowMemory from a heap whose free bytes the test sets, in the phone built by PhoneApp (virtual time).</summary>
    public class MemoryWatchTests
    {
        private sealed class Heap : IFreeMemory
        {
            public int Free = 40000;
            public int Asked;
            public int FreeAfterCollection()
            {
                Asked++;
                return Free;
            }
        }

        private readonly Heap _heap = new Heap();
        private readonly SipPhone _p;

        public MemoryWatchTests()
        {
            _p = new SipPhone(memory: _heap);
            _p.Run(100);
        }

        private bool Low => _p.Phone.Statuses.IsActive(StatusId.PhoneHasLowMemory);

        [Fact]
        public void TheHeapIsAskedOnceAPeriodAndAFullHeapRaisesNothing()
        {
            _p.Run(MemoryWatch.PeriodMs * 3);
            // Once a period, and once at the first loop turn, whose admissions (identity 1) the heap reserve measured.
            Assert.InRange(_heap.Asked, 3, 4);
            Assert.False(Low);
            Assert.Equal(40000, _p.App.Memory.LastFree);
        }

        [Fact]
        public void BelowTheThresholdTheStatusShowsWithTheFigureAndClearsOnlyWellAboveIt()
        {
            _heap.Free = 6000;
            _p.Run(MemoryWatch.PeriodMs + 100);
            Assert.True(Low);
            Assert.Equal("6000 B free", _p.Phone.Statuses.ParamOf(StatusId.PhoneHasLowMemory));

            // Just above the threshold: still low (hysteresis), the first figure kept.
            _heap.Free = 8192 + 1000;
            _p.Run(MemoryWatch.PeriodMs);
            Assert.True(Low);
            Assert.Equal("6000 B free", _p.Phone.Statuses.ParamOf(StatusId.PhoneHasLowMemory));

            _heap.Free = 8192 + MemoryWatch.HysteresisBytes;
            _p.Run(MemoryWatch.PeriodMs);
            Assert.False(Low);
        }

        [Fact]
        public void TheThresholdIsASettingAndZeroTurnsTheWatchOff()
        {
            _heap.Free = 20000;
            _p.Settings.Set("low_memory_threshold", 0, "30000");
            _p.Run(MemoryWatch.PeriodMs + 100);
            Assert.True(Low);

            _p.Settings.Set("low_memory_threshold", 0, "0");
            int asked = _heap.Asked;
            _p.Run(MemoryWatch.PeriodMs);
            Assert.False(Low);
            Assert.Equal(asked, _heap.Asked);
        }

        [Fact]
        public void WithoutAHeapToAskNothingIsMeasured()
        {
            var p = new SipPhone();
            p.Run(MemoryWatch.PeriodMs * 2);
            Assert.Equal(-1, p.App.Memory.LastFree);
            Assert.False(p.Phone.Statuses.IsActive(StatusId.PhoneHasLowMemory));
        }
    }
}
