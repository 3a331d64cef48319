using System;
using System.Collections.Generic;
using System.Reflection;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// Every screen on every display profile against its golden PNG (tests/Ui.Tests/Golden/SCREEN-PROFILE.png).
    /// The texts are the ones the phone core feeds (status descriptions, menu items, the scheduler's explanation).
    /// </summary>
    public class ScreenGoldenTests
    {
        public static readonly TheoryData<string> Profiles = new() { "320x240", "480x272", "128x64" };

        private const string MultiScript = "Grüße aus der Küche, café crème à volonté. Ελληνικά: Καλημέρα σας! Кириллица: Привет, как дела? ";

        /// <summary>Each golden screen: what it sets on the common idle screen (<see cref="Screen(IPanel, DisplayProfile)"/>).</summary>
        internal static readonly Dictionary<string, Action<IdleScreen>> Scenarios = new()
        {
            ["idle"] = screen => { },
            ["idle-overflow"] = screen =>
                screen.SetMessage("Ankündigung:\n" + MultiScript + MultiScript + MultiScript + MultiScript + MultiScript + MultiScript + MultiScript),
            ["idle-page2"] = screen =>
            {
                screen.SetMessage("Page one begins here. " + Words(120));
                Assert.True(screen.ShowMessagePage(1));
            },
            ["idle-cut"] = screen =>
            {
                screen.SetMessage(Words(2000));
                Assert.Equal(IdleScreen.MaxMessagePages, screen.MessagePages);
                Assert.True(screen.ShowMessagePage(IdleScreen.MaxMessagePages - 1));
            },
            ["infobox"] = screen =>
                screen.SetInfoBox(
                    new[]
                    {
                        "Fire drill at 11:00", "Meet in the car park behind building B, next to the bicycle stands",
                        "2 new voice messages", "Missed call from Ελένη", "Printer on floor 3 is out of order",
                    },
                    new[] { IconId.Warning, IconId.Info, IconId.Voicemail, IconId.MissedCall, IconId.Error }),
            ["popup"] = screen =>
            {
                screen.SetStatusLine("The firmware update failed", IconId.Firmware);
                screen.SetPopUp("Provisioning is starting: the phone restarts when it is done");
            },
            ["notifications"] = screen =>
            {
                string[] items =
                {
                    "The Ethernet cable is unplugged", "The current identity is not registered", "The current identity has new text messages",
                    "The current identity has new voice messages", "The current identity forwards every call",
                    "Do not disturb is on for the current identity", "Audio goes to the headset", "A USB device (keyboard or headset) is connected",
                    "An expansion module needs a firmware update", "The firmware update failed", "A Bluetooth device is connected",
                    "No administrator password is set",
                };
                screen.SetList("Notifications (12)", items, 8);
            },
            ["menu-own-status"] = screen => screen.SetList("Own status", new[] { "* Online", "  Do not disturb", "  At the desk" }, 1),
            ["explain"] = screen =>
                screen.SetList("PhoneHasNoAdminPassword", new[]
                {
                    "PhoneHasNoAdminPassword: No administrator password is set.", "Categories: essential, important:30.",
                    "Active for 42 s, raised by settings.", "On the status line: it has the highest priority.",
                }, 0),
            ["keyboard-locked"] = screen =>
            {
                screen.SetStatusLine("The keyboard is locked", IconId.Lock);
                screen.SetList("Menu", new[] { "Own status", "Notifications", "Unlock keyboard" }, 2);
            },
        };

        [Theory]
        [MemberData(nameof(Profiles))]
        public void Idle(string profile) => Check("idle", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void IdleWithALongMultiByteMessageWrapsAndMarksTheOverflow(string profile) => Check("idle-overflow", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void InfoBoxWithIcons(string profile) => Check("infobox", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void PopUp(string profile) => Check("popup", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void NotificationList(string profile) => Check("notifications", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void OwnStatusMenu(string profile) => Check("menu-own-status", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void ExplainView(string profile) => Check("explain", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void KeyboardLocked(string profile) => Check("keyboard-locked", profile);

        /// <summary>Every icon on a sheet (with its name where the display has room), so a change to one is reviewable.</summary>
        [Theory]
        [MemberData(nameof(Profiles))]
        public void AllIcons(string profileName)
        {
            DisplayProfile p = Profile(profileName);
            var panel = new SoftwarePanel(p);
            DrawIconSheet(panel, p);
            Golden.Check("icons-" + profileName, panel);
        }

        internal static void DrawIconSheet(IPanel panel, DisplayProfile p)
        {
            panel.FillRect(0, 0, p.Width, p.Height, p.Background);
            BitmapFont font = BitmapFont.Terminus6x12;
            int columns = p.IsColor ? p.Width / 106 : p.Width / (IconStyle.Size + 2);
            int cellWidth = p.Width / columns;
            int cellHeight = p.IsColor ? 16 : IconStyle.Size + 2;
            for (int icon = 1; icon < IconId.Count; icon++)
            {
                int x = ((icon - 1) % columns) * cellWidth + 1;
                int y = ((icon - 1) / columns) * cellHeight + 1;
                panel.DrawIcon(icon, x, y);
                if (p.IsColor)
                {
                    panel.DrawText(Name(icon).Replace("Category", "c."), x + IconStyle.Size + 2, y, p.Foreground, font, cellWidth - IconStyle.Size - 3);
                }
            }
            panel.Flush(0, 0, p.Width, p.Height);
        }

        internal static void Check(string name, string profileName)
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(Profile(profileName));
            Scenarios[name](screen);
            screen.Render();
            Golden.Check(name + "-" + profileName, panel);
        }

        internal static (SoftwarePanel, IdleScreen) Screen(DisplayProfile profile)
        {
            var panel = new SoftwarePanel(profile);
            return (panel, Screen(panel, profile));
        }

        /// <summary>The idle screen every golden starts from, on any panel (the banded equivalence tests use it too).</summary>
        internal static IdleScreen Screen(IPanel panel, DisplayProfile profile)
        {
            var screen = new IdleScreen(panel, profile);
            screen.SetStatusLine("No administrator password is set", IconId.Security);
            screen.SetIdentity("486 - Online");
            screen.SetMessage("Lunch is ready in the canteen. Grüße aus der Küche, Ελλάδα, Привет! " +
                              "This message is long enough to wrap over several lines of the screen.");
            screen.SetFunctionKey(0, "bob", 0xF800);
            screen.SetFunctionKey(1, "carol", 0x07E0);
            screen.SetFunctionKey(4, "line 2", 0);
            return screen;
        }

        /// <summary>"word1 word2 ... wordN": text that wraps predictably over many pages.</summary>
        internal static string Words(int count)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 1; i <= count; i++)
            {
                sb.Append(i == 1 ? "" : " ").Append("word").Append(i);
            }
            return sb.ToString();
        }

        internal static DisplayProfile Profile(string name) =>
            name == "320x240" ? DisplayProfile.Color320x240 : name == "480x272" ? DisplayProfile.Color480x272 : DisplayProfile.Mono128x64;

        internal static string Name(int icon)
        {
            foreach (FieldInfo f in typeof(IconId).GetFields())
            {
                if (f.IsLiteral && f.Name != "Count" && (int)f.GetRawConstantValue()! == icon)
                {
                    return f.Name;
                }
            }
            return "?";
        }
    }
}
