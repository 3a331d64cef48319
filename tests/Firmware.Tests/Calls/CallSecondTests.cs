using System;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// A connected call's second changes only the call screen's duration: the screen feeder sets the call screen alone
    /// then, not the status line, notices, identity and keys as well (docs/benchmarks.md h-callsecond).
    /// </summary>
    // Alone, after the parallel tests: a second's allocations depend on StatusCatalog's kept descriptions, a static cache
    // of 4 texts that the other tests' statuses, run in parallel, evict (a status line's text made again: 344 B more in
    // a loaded CI run).
    [Collection(AllocationBudgetCollection.Name)]
    public class CallSecondTests
    {
        private readonly SipPhone _p;

        public CallSecondTests()
        {
            // No passwords set: their warning is on the status line.
            _p = new SipPhone();
            _p.Run(100);
            _p.Register();
            // Bob (555) calls and the handset answers.
            _p.Invite("z9hG4bKc1", "c1", "\"Bob\" <sip:555@10.0.0.1>");
            _p.Key(KeyCode.Hook);
            _p.Run(20);
        }

        private string Screen => _p.App.Text.GetScreenText();

        /// <summary>
        /// The bytes the loop turn that shows a new second allocates (the most a turn of a second allocates, the least
        /// of that over three seconds: the host's own allocations, a method's recompilation, come on top now and then).
        /// </summary>
        private long SecondTurnAllocates()
        {
            _p.Run(3000);
            long least = long.MaxValue;
            for (int second = 0; second < 3; second++)
            {
                long most = 0;
                for (int turn = 0; turn < 100; turn++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    _p.Run(10);
                    long made = GC.GetAllocatedBytesForCurrentThread() - before;
                    most = made > most ? made : most;
                }
                least = most < least ? most : least;
            }
            return least;
        }

        [Fact]
        public void TheDurationAdvancesEverySecond()
        {
            Assert.Contains("\n[call] <call> Connected: Bob\n[call] 555  00:00\n", Screen);
            _p.Run(1000);
            Assert.Contains("\n[call] <call> Connected: Bob\n[call] 555  00:01\n", Screen);
            _p.Run(1000);
            Assert.Contains("\n[call] <call> Connected: Bob\n[call] 555  00:02\n", Screen);
        }

        [Fact]
        public void ASecondDoesNotMakeTheStatusLineAgain()
        {
            long plain = SecondTurnAllocates();
            // The status on the status line given a long parameter: composed again every second, its text (the
            // description, " (", 300 characters, ")") was 600 B and more a second on the host.
            int line = _p.Phone.Statuses.StatusLine;
            Assert.NotEqual(StatusScheduler.NoMessage, line);
            _p.Phone.Statuses.Raise(line, new string('p', 300), "test", _p.Now);
            _p.Run(20);
            Assert.Equal(line, _p.Phone.Statuses.StatusLine);
            Assert.Equal(new string('p', 300), _p.Phone.Statuses.ParamOf(line));

            Assert.Equal(plain, SecondTurnAllocates());
            Assert.Contains("\n[call] 555  00:1", Screen);
        }
    }
}
