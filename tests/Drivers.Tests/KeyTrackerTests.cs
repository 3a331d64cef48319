using System.Collections.Generic;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>The tracker's timers are pooled: each busy key must keep its own times however many are busy.</summary>
    public class KeyTrackerTests
    {
        [Fact]
        public void ManyKeysDownAtOnceKeepTheirOwnTimes()
        {
            int[] codes = new int[12];
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = KeyCode.Digit0 + (i % 10); // digits: long press, no repeat
            }
            var tracker = new KeyTracker(codes, new KeyTiming());
            var events = new List<string>();
            long now = 0;
            tracker.KeyEvent += (code, action) => events.Add(now + " " + KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
            var down = new bool[codes.Length];
            for (now = 0; now <= 3000; now += 10)
            {
                for (int slot = 0; slot < codes.Length; slot++)
                {
                    // Slot s goes down at 100 * s and up at 1500 + 100 * s; slot 3 bounces once while down.
                    down[slot] = now >= 100 * slot && now < 1500 + 100 * slot && !(slot == 3 && now == 700);
                    tracker.Update(slot, down[slot], now);
                }
            }
            for (int slot = 0; slot < codes.Length; slot++)
            {
                string name = KeyCode.Name(codes[slot]);
                Assert.Contains((100 * slot + 20) + " " + name + ":press", events);
                Assert.Contains((100 * slot + 800) + " " + name + ":long", events);
                Assert.Contains((1500 + 100 * slot + 20) + " " + name + ":release", events);
                Assert.False(tracker.IsPressed(slot));
            }
            Assert.Equal(3 * codes.Length, events.Count);
        }

        [Fact]
        public void AKeyPastTheBusyLimitIsReadWhenATimerIsFree()
        {
            // One key more than may be busy at once: its press waits until a key is released (the codes share a slot's
            // ushort with its flags and timer: 0-255, checked).
            int n = KeyTracker.MaxTimers + 1;
            int[] codes = new int[n];
            for (int i = 0; i < n; i++)
            {
                codes[i] = KeyCode.Digit0 + (i % 10);
            }
            var tracker = new KeyTracker(codes, new KeyTiming());
            var presses = new List<string>();
            long now = 0;
            tracker.KeyEvent += (code, action) =>
            {
                if (action == KeyAction.Press)
                {
                    presses.Add(now.ToString());
                }
            };
            for (now = 0; now <= 1000; now += 10)
            {
                for (int slot = 0; slot < n; slot++)
                {
                    // Every key down from 0; slot 0 up again at 500.
                    tracker.Update(slot, slot != 0 || now < 500, now);
                }
            }
            Assert.Equal(KeyTracker.MaxTimers + 1, presses.Count);
            Assert.Equal("20", presses[0]);
            Assert.Equal("20", presses[KeyTracker.MaxTimers - 1]);
            Assert.True(tracker.IsPressed(n - 1));
            Assert.False(tracker.IsPressed(0));
            Assert.Throws<System.ArgumentException>(() => new KeyTracker(new[] { 256 }, null));
        }
    }
}
