using System;
using System.Text;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The device has ~80 KB of heap: the phone core's loop must not allocate between events. Measured without
    /// drivers, because the host's simulated pins allocate on their own (they model the wiring, not the device).
    /// </summary>
    public class IdleAllocationTests
    {
        private sealed class NoSubscribes : ISubscribeSender
        {
            public void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds)
            {
            }
        }

        private static long AllocatedByPolls(PhoneCore phone, ref long now, int polls)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < polls; i++)
            {
                now += 10;
                phone.Poll(now);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Fact]
        public void IdlePollAllocatesNothing()
        {
            var phone = new PhoneCore(new SettingsStore(), null, new NoSubscribes(), 0);
            long now = 0;
            AllocatedByPolls(phone, ref now, 1000);

            Assert.Equal(0, AllocatedByPolls(phone, ref now, 500));
        }

        [Fact]
        public void PollWithAMessageOnScreenAllocatesNothing()
        {
            var phone = new PhoneCore(new SettingsStore(), null, new NoSubscribes(), 0);
            long now = 0;
            AllocatedByPolls(phone, ref now, 100);
            byte[] text = Encoding.UTF8.GetBytes("Lunch is ready");
            Assert.Equal(200, phone.OnMessage(1, text, 0, text.Length, "call-1", now));
            AllocatedByPolls(phone, ref now, 1000);

            Assert.Equal(0, AllocatedByPolls(phone, ref now, 500));
        }

        [Fact]
        public void WholeLoopWithSipAllocatesNothingWhileIdle()
        {
            // The device's loop turn (PhoneApp.Poll, as board/Program.cs runs it) without sockets or screen:
            // nothing arrives, nothing is due.
            var app = new PhoneApp(new PhoneParts(new SettingsStore(), new SipInbox(8, 4096), null));
            long now = 0;
            for (int i = 0; i < 1000; i++)
            {
                now += 10;
                app.Poll(now);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 500; i++)
            {
                now += 10;
                app.Poll(now);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void MinuteChangeWithAStatusOnTheStatusLineAllocatesNothing()
        {
            // The status line shows a status, so a new minute has no clock to draw: the screen is not composed again
            // (it made every text anew: several KB a minute in the interpreter's office profile, 320 B in five minutes here).
            long now = 0;
            var start = new DateTime(2026, 12, 3, 9, 0, 0);
            var app = new PhoneApp(new PhoneParts(new SettingsStore(), new SipInbox(8, 4096), null) { WallClock = () => start.AddMilliseconds(now) });
            app.Core.Statuses.Raise(Domain.Status.StatusId.AnonymousIdOn, null, "test", now);
            int line = app.Core.Statuses.StatusLine;
            Assert.NotEqual(Domain.Status.StatusScheduler.NoMessage, line);
            for (int i = 0; i < 1000; i++)
            {
                now += 10;
                app.Poll(now);
            }
            string shown = app.Text.GetScreenText();

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int minute = 0; minute < 5; minute++)
            {
                now += 60000;
                app.Poll(now);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(line, app.Core.Statuses.StatusLine);
            Assert.Equal(shown, app.Text.GetScreenText());
        }

        [Fact]
        public void MinuteChangeWithTheClockOnTheStatusLineDrawsTheNewTime()
        {
            long now = 0;
            var start = new DateTime(2026, 12, 3, 9, 0, 0);
            var settings = new SettingsStore();
            // Passwords set, so that nothing is on the status line but the clock.
            settings.Set(SettingNames.AdminModePassword, 0, "secret");
            settings.Set(SettingNames.HttpPassword, 0, "secret");
            var app = new PhoneApp(new PhoneParts(settings, new SipInbox(8, 4096), null) { WallClock = () => start.AddMilliseconds(now) });
            for (int i = 0; i < 100; i++)
            {
                now += 10;
                app.Poll(now);
            }
            Assert.Contains("Thu 03.12. 09:00", app.Text.GetScreenText());

            now += 60000;
            app.Poll(now);

            Assert.Contains("Thu 03.12. 09:01", app.Text.GetScreenText());
        }
    }
}
