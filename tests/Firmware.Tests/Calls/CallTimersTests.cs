using DeskPhone.Domain.Calls;
using Xunit;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The per-call due times (auto-answer, forward on no answer, the at-the-desk ring delay): they let go of their
    /// arrays when the last call's time is removed, so a later call's time must still be kept and come due.
    /// </summary>
    public class CallTimersTests
    {
        [Fact]
        public void AfterTheLastCallsTimeIsRemovedTheNextCallsTimeStillComesDue()
        {
            var timers = new CallTimers();
            Assert.True(timers.Set(1, 1000));
            timers.Remove(1);
            Assert.Equal(0, timers.Count);
            Assert.False(timers.Contains(1));
            Assert.False(timers.Due(1, 5000));

            Assert.True(timers.Set(2, 2000));
            Assert.Equal(1, timers.Count);
            Assert.False(timers.Due(2, 1999));
            Assert.True(timers.Due(2, 2000));
            Assert.False(timers.Contains(1));
        }

        [Fact]
        public void EveryCallHasItsPlaceUntilAllAreTakenAndRemovingOneKeepsTheOthers()
        {
            var timers = new CallTimers();
            for (int id = 1; id <= CallTimers.Places; id++)
            {
                Assert.True(timers.Set(id, id * 100));
            }
            Assert.False(timers.Set(CallTimers.Places + 1, 0));
            timers.Remove(1);
            Assert.True(timers.Due(2, 200));
            Assert.True(timers.Set(CallTimers.Places + 1, 50));
            Assert.True(timers.Due(CallTimers.Places + 1, 50));
        }
    }
}
