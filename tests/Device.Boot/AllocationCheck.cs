using System;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Input;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace DeskPhone.Boot
{
    /// <summary>
    /// Issue 17 item 6 in the interpreter: the wired phone's hot paths allocate nothing. At the end of a profile (the
    /// phone registered and quiet, with the profile's BLF keys, statuses and identities) three loops run
    /// <see cref="Turns"/> times each: the idle loop turn (PhoneApp.Poll in virtual time, nothing arriving), the
    /// keypad's scan through the board's expander driver on its fake chip (no key down), and the status scheduler's
    /// recompute (its tick, a raise of an active status with the same parameter, a clear of an inactive one). Then a
    /// press/release pair, over and over, on a keypad built as the board builds it with a chip that holds one key.
    /// <para>
    /// How an allocation is seen: the free heap is filled with ballast until only <see cref="LeaveBytes"/> are left, so
    /// that <see cref="Turns"/> allocations of the smallest object (12 B) cannot fit and nanoCLR has to collect; a
    /// collection clears a weak reference to an object nothing else holds (GarbageCollector::MarkWeak), so a canary
    /// still alive after the loop proves no collection ran, hence nothing was allocated.
    /// </para>
    /// </summary>
    public static partial class BootProgram
    {
        /// <summary>Loop turns per check: <see cref="Turns"/> x 12 B is well over <see cref="LeaveBytes"/>.</summary>
        private const int Turns = 1000;

        /// <summary>Free heap left beside the ballast during a check.</summary>
        private const int LeaveBytes = 8000;

        /// <summary>Turns run before a check, so that what a loop builds once on first use is there already.</summary>
        private const int WarmTurns = 50;

        private const int KeyScanMs = 5;

        /// <summary>One turn of a loop under check.</summary>
        private delegate void CheckedTurn();

        /// <summary>
        /// How far the wall clock (WallNow: 2026-12-03 09:00, a whole minute, plus s_now) is moved on from the loop's clock, as
        /// an NTP answer moves it; 0 outside the checks.
        /// </summary>
        private static long s_wallShiftMs;

        /// <summary>The checks on the profile's phone (idle and office: the least and the most a quiet phone holds).</summary>
        private static void CheckAllocations(LoadProfile p)
        {
            // By name: each profile is made when it runs (LoadProfile.Idle is a new object at every use).
            if (p.Name != "idle" && p.Name != "office")
            {
                return;
            }
            if (s_app.Core.Reserve != null && s_app.Core.Reserve.Refusing)
            {
                // A phone refusing for want of heap asks again every period and says what it still refuses (strings made
                // by design, not in a hot path): checked where it takes everything on (the fitting heap, and idle here).
                Console.WriteLine("load profile=" + p.Name + " alloc skipped: the heap reserve refuses (asked again each period)");
                return;
            }
            new AllocationProbe().CheckLoops(p);
        }

        /// <summary>
        /// The checks' state, made by the check and let go after it: fields of one object, not static fields of the
        /// program, which the runtime tables would hold for the whole run (12 B each, on the board's heap).
        /// </summary>
        private sealed class AllocationProbe
        {
            private int _keyEvents;
            private int _inactiveStatus;
            private int _activeStatus;
            private string _activeParam;
            private string _activeSource;
            private KeyMatrix _keypad;
            private OneKeyChip _keyChip;
            private KeyMatrix _pressKeypad;

            public void CheckLoops(LoadProfile p)
            {
                _keypad = s_app.Core.Drivers.Keypad;
                Check(_keypad != null, "the wired phone has no keypad");
                _activeStatus = s_app.Core.Statuses.NotificationCount > 0 ? s_app.Core.Statuses.Notification(0) : StatusId.Count;
                _activeParam = s_app.Core.Statuses.ParamOf(_activeStatus);
                _activeSource = s_app.Core.Statuses.SourceOf(_activeStatus);
                _inactiveStatus = 0;
                while (s_app.Core.Statuses.IsActive(_inactiveStatus))
                {
                    _inactiveStatus++;
                }
                _keyChip = new OneKeyChip(2, 3);
                _pressKeypad = new KeyMatrix(new Mcp23017KeyPort(_keyChip, 6, 6), KeyLayouts.DeskKeypad6x6(), new KeyTiming(), true);
                _pressKeypad.KeyEvent += CountKey;
                _keyEvents = 0;

                // Every loop is checked, so that a failure names each one that allocates. The idle turns start just after
                // the wall clock's minute changed, so that none of them draws a new clock (an event: the status line's text
                // changes); where the status line shows a status there is no clock, and a minute changing every turn must
                // allocate nothing either.
                NextMinute();
                string allocated = NoAllocation("idle-turn", IdleTurn) + NoAllocation("key-scan", KeyScanTurn) +
                                   NoAllocation("status-recompute", StatusTurn) + NoAllocation("key-press-release", PressReleaseTurn);
                string checks = "idle-turn key-scan status-recompute key-press-release";
                if (s_app.Core.Statuses.StatusLine != StatusScheduler.NoMessage)
                {
                    allocated += NoAllocation("minute-turn", MinuteTurn);
                    checks += " minute-turn";
                }
                s_wallShiftMs = 0;
                Console.WriteLine("load profile=" + p.Name + " alloc turns=" + Turns.ToString() + " free=" + LeaveBytes.ToString() +
                                  " " + checks + " allocated=" + (allocated.Length == 0 ? "none" : allocated.Trim()) +
                                  " key-events=" + _keyEvents.ToString() + " status-line=" + s_app.Core.Statuses.StatusLine.ToString() +
                                  " notifications=" + s_app.Core.Statuses.NotificationCount.ToString());
                s_step = "alloc";
                Check(allocated.Length == 0, "allocated in the interpreter (a collection ran within " + Turns.ToString() + " turns with " + LeaveBytes.ToString() + " B free): " + allocated.Trim());
                Check(_keyEvents >= 2 * Turns / 20, "the held key gave " + _keyEvents.ToString() + " press and release events");
            }

            private void KeyScanTurn()
            {
                s_now += KeyScanMs;
                _keypad.Scan(s_now);
            }

            private void StatusTurn()
            {
                s_now += TurnMs;
                StatusScheduler statuses = s_app.Core.Statuses;
                statuses.Tick(s_now);
                statuses.Raise(_activeStatus, _activeParam, _activeSource, s_now);
                statuses.Clear(_inactiveStatus, s_now);
            }

            /// <summary>The key held for 10 scans and let go for 10: a press and a release every 20 scans.</summary>
            private void PressReleaseTurn()
            {
                s_now += TurnMs;
                _keyChip.Down = (s_now / TurnMs) % 20 < 10;
                _pressKeypad.Scan(s_now);
            }

            private void CountKey(int keyCode, KeyAction action)
            {
                _keyEvents++;
            }
        }

        /// <summary>
        /// Runs <see cref="Turns"/> turns with the heap nearly full; returns "" when no collection ran, else the loop's
        /// name and the virtual time from the loop's start to the turn that ran out of heap (and a space), to report.
        /// </summary>
        private static string NoAllocation(string what, CheckedTurn turn)
        {
            s_step = "alloc-" + what;
            for (int i = 0; i < WarmTurns; i++)
            {
                turn();
            }
            byte[][] ballast = new byte[8][];
            int chunks = 0;
            int free = (int)NativeGC.Run(true);
            int chunk = free - LeaveBytes;
            while (free > LeaveBytes + 96 && chunks < ballast.Length && chunk > 96)
            {
                // The array's header and rounding stay free beyond LeaveBytes; a compacted heap has the rest in one block
                // at most layouts, not all: a chunk no block holds is the ballast's own shortage (at 84,096 and 87,800 B
                // the idle profile ran out here, not in its turns), asked again at half its size.
                chunk = chunk < free - LeaveBytes ? chunk : free - LeaveBytes;
                try
                {
                    ballast[chunks] = new byte[chunk];
                    chunks++;
                }
                catch (OutOfMemoryException)
                {
                    chunk /= 2;
                }
                free = (int)NativeGC.Run(false);
            }
            Check(free <= LeaveBytes + 96, what + ": the ballast left " + free.ToString() + " B free");
            WeakReference canary = new WeakReference(new object());
            long start = s_now;
            for (int i = 0; i < Turns; i++)
            {
                turn();
                if (!canary.IsAlive)
                {
                    // Where the heap ran out: the allocation may have come in any turn since the loop started.
                    return what + "(t=" + start.ToString() + ".." + s_now.ToString() + "ms) ";
                }
            }
            // Used after the turns, so that the ballast is held through them whatever the compiler makes of the local.
            ballast = null;
            return "";
        }

        private static void IdleTurn()
        {
            Run(TurnMs);
        }

        /// <summary>A loop turn with the wall clock a minute on.</summary>
        private static void MinuteTurn()
        {
            s_wallShiftMs += 60000;
            Run(TurnMs);
        }

        /// <summary>Moves the wall clock on to the start of its next minute, and runs the turn that sees it.</summary>
        private static void NextMinute()
        {
            s_wallShiftMs += 60000 - (s_now + s_wallShiftMs) % 60000;
            Run(TurnMs);
        }

        /// <summary>
        /// The keypad's MCP23017 with one key that the script holds down: while its row's output latch (OLAT of port A)
        /// is driven low, its column reads low on port B; every other column reads high (pulled up).
        /// </summary>
        private sealed class OneKeyChip : II2cDevice
        {
            private const byte OlatA = 0x14;
            private const byte GpioB = 0x13;
            private readonly int _row;
            private readonly int _column;
            private int _latch = 0xFF;

            public OneKeyChip(int row, int column)
            {
                _row = row;
                _column = column;
            }

            public bool Down;

            public void Write(byte[] data, int offset, int count)
            {
                if (count >= 2 && data[offset] == OlatA)
                {
                    _latch = data[offset + 1];
                }
            }

            public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
            {
                int levels = 0xFF;
                if (Down && write[writeOffset] == GpioB && (_latch & (1 << _row)) == 0)
                {
                    levels &= ~(1 << _column);
                }
                for (int i = 0; i < readCount; i++)
                {
                    read[readOffset + i] = (byte)levels;
                }
            }
        }
    }
}
