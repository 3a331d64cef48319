using System;
using System.Text;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
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

        [Fact]
        public void UpAndDownPageOnTheIdleScreenAndDownPastTheLastPageOpensTheNotifications()
        {
            var phone = new GoldenPhone(DisplayProfile.Color320x240);
            IdleScreen screen = phone.App.Idle;
            phone.Message(ScreenGoldenTests.Words(120));
            int pages = screen.MessagePages;
            Assert.True(pages >= 2);
            Assert.Contains("[mark] 1/" + pages, phone.Text);

            phone.Press(KeyCode.Down);
            Assert.Equal(1, screen.MessagePage);
            Assert.Contains("[mark] 2/" + pages, phone.Text);
            phone.Press(KeyCode.Up);
            Assert.Equal(0, screen.MessagePage);
            phone.Press(KeyCode.Up);
            Assert.Equal(0, screen.MessagePage);
            for (int i = 1; i < pages; i++)
            {
                phone.Press(KeyCode.Down);
            }
            Assert.Equal(pages - 1, screen.MessagePage);
            Assert.Equal(ScreenMenus.Closed, phone.App.Screen.Menus.View);
            Assert.True(phone.Core.Statuses.NotificationCount > 0, "the default settings leave the password warnings active");
            phone.Press(KeyCode.Down);
            Assert.Equal(ScreenMenus.Notifications, phone.App.Screen.Menus.View);
            Assert.Contains("[menu] Notifications", phone.Text);
            Assert.Equal(pages - 1, screen.MessagePage);
        }
    }
}
