using System;
using System.Text;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Settings;
using DeskPhone.Firmware.Status;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>A desktop message longer than the body is paged: what the screen keeps, what Up and Down do.</summary>
    public class MessagePagingTests
    {
        [Fact]
        public void PagesCoverTheWholeMessageAndOnlyTheBodyIsRedrawn()
        {
            (SoftwarePanel panel, IdleScreen screen) = ScreenGoldenTests.Screen(DisplayProfile.Color320x240);
            DisplayProfile p = DisplayProfile.Color320x240;
            int columns = p.Font.Fit(p.Width - 2 * p.Margin);
            int rows = screen.ListRows + 1;
            string text = ScreenGoldenTests.Words(200);
            screen.SetMessage(text);
            screen.Render();

            string[] all = TextWrap.Wrap(text, columns, 1000, out bool cut);
            Assert.False(cut);
            Assert.Equal((all.Length + rows - 1) / rows, screen.MessagePages);
            Assert.True(screen.MessagePages > 2);
            Assert.Equal(0, screen.MessagePage);

            panel.ResetCounters();
            Assert.True(screen.ShowMessagePage(1));
            Assert.Equal(IdleScreen.BodyRegion, screen.Dirty);
            screen.Render();
            Assert.Equal(1, panel.Flushes);

            Assert.False(screen.ShowMessagePage(1));
            Assert.False(screen.ShowMessagePage(-1));
            Assert.False(screen.ShowMessagePage(screen.MessagePages));
            Assert.Equal(0, screen.Dirty);
        }

        [Theory]
        [MemberData(nameof(ScreenGoldenTests.Profiles), MemberType = typeof(ScreenGoldenTests))]
        public void SecondPageMatchesItsGolden(string profile) => ScreenGoldenTests.Check("idle-page2", profile);

        [Fact]
        public void AMessageBeyondTheLastPageEndsWithTheCutMark() => ScreenGoldenTests.Check("idle-cut", "128x64");

        [Fact]
        public void ANewMessageStartsAtItsFirstPageAndTheInfoboxHasNoPages()
        {
            (_, IdleScreen screen) = ScreenGoldenTests.Screen(DisplayProfile.Color320x240);
            screen.SetMessage(ScreenGoldenTests.Words(200));
            Assert.True(screen.ShowMessagePage(2));
            screen.SetMessage(ScreenGoldenTests.Words(150));
            Assert.Equal(0, screen.MessagePage);
            screen.SetInfoBox(new[] { "one" }, new[] { 0 });
            Assert.Equal(0, screen.MessagePages);
            Assert.False(screen.ShowMessagePage(1));
        }

        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        [Fact]
        public void UpAndDownPageOnTheIdleScreenAndDownPastTheLastPageOpensTheNotifications()
        {
            var settings = new SettingsStore();
            Assert.Null(settings.Set("user_name", 1, "486"));
            Assert.Null(settings.Set("user_active", 1, "on"));
            Assert.Null(settings.Set("desktop_message_max_bytes", 0, "2048"));
            var phone = new PhoneCore(settings, null, new NoSubscriptions(), 0);
            var panel = new SoftwarePanel(DisplayProfile.Color320x240);
            var screen = new IdleScreen(panel, DisplayProfile.Color320x240);
            var feeder = new ScreenFeeder(phone, screen, () => new DateTime(2026, 12, 1, 10, 0, 0));
            byte[] body = Encoding.UTF8.GetBytes(ScreenGoldenTests.Words(120));
            Assert.Equal(200, phone.OnMessage(1, "text/plain", body, 0, body.Length, "c1", 10));
            int pages = screen.MessagePages;
            Assert.True(pages >= 2);

            void Press(int key)
            {
                phone.OnKey(key, KeyAction.Press, 20);
                phone.OnKey(key, KeyAction.Release, 20);
            }

            Press(KeyCode.Down);
            Assert.Equal(1, screen.MessagePage);
            Press(KeyCode.Up);
            Assert.Equal(0, screen.MessagePage);
            Press(KeyCode.Up);
            Assert.Equal(0, screen.MessagePage);
            for (int i = 1; i < pages; i++)
            {
                Press(KeyCode.Down);
            }
            Assert.Equal(pages - 1, screen.MessagePage);
            Assert.Equal(ScreenMenus.Closed, feeder.Menus.View);
            Assert.True(phone.Statuses.NotificationCount > 0, "the default settings leave the password warnings active");
            Press(KeyCode.Down);
            Assert.Equal(ScreenMenus.Notifications, feeder.Menus.View);
            Assert.Equal(pages - 1, screen.MessagePage);
        }
    }
}
