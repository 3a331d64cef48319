using System;
using System.Collections.Generic;
using System.Linq;
using DeskPhone.Drivers.Input;
using DeskPhone.Domain.Status;
using System.Reflection;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;
using DeskPhone.Firmware.Tests.Presence;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// Every screen on every display profile against its golden PNG (tests/Ui.Tests/Golden/SCREEN-PROFILE.png), each
    /// reached through the composition root as the phone gets there, and each checked against its own text
    /// description. Pixels are compared decoded (Golden), not as PNG bytes.
    /// </summary>
    public class ScreenGoldenTests
    {
        public static readonly TheoryData<string> Profiles = new() { "320x240", "480x272", "128x64" };

        private const string MultiScript = "Grüße aus der Küche, café crème à volonté. Ελληνικά: Καλημέρα σας! Кириллица: Привет, как дела? ";

        /// <summary>
        /// Each golden screen as the phone gets there: what arrives (a MESSAGE, an Infobox NOTIFY, statuses) and the
        /// keys pressed, on <see cref="GoldenPhone"/> (the composition root, the feeder, the model, the renderer).
        /// </summary>
        internal static readonly Dictionary<string, Action<GoldenPhone>> PhoneScenarios = new()
        {
            ["idle"] = phone => phone.Message(IdleMessage),
            ["idle-overflow"] = phone =>
                phone.Message("Ankündigung:\n" + MultiScript + MultiScript + MultiScript + MultiScript + MultiScript + MultiScript + MultiScript),
            ["idle-page2"] = phone =>
            {
                phone.Message("Page one begins here. " + Words(120));
                phone.Press(KeyCode.Down);
                Assert.Equal(1, phone.App.Idle.MessagePage);
            },
            ["idle-cut"] = phone =>
            {
                phone.Message(Words(400));
                Assert.Equal(IdleScreen.MaxMessagePages, phone.App.Idle.MessagePages);
                for (int i = 1; i < IdleScreen.MaxMessagePages; i++)
                {
                    phone.Press(KeyCode.Down);
                }
                Assert.Equal(IdleScreen.MaxMessagePages - 1, phone.App.Idle.MessagePage);
            },
            ["infobox"] = phone => phone.InfoBox(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InfoBoxQueue><InfoBox>" +
                "<Line pos=\"1\"><Text>Fire drill at 11:00</Text><Icon>warning</Icon></Line>" +
                "<Line pos=\"2\"><Text>Meet in the car park behind building B, next to the bicycle stands</Text><Icon>info</Icon></Line>" +
                "<Line pos=\"3\"><Text>2 new voice messages</Text><Icon>voicemail</Icon></Line>" +
                "<Line pos=\"4\"><Text>Missed call from Ελένη</Text><Icon>missed</Icon></Line>" +
                "<Line pos=\"5\"><Text>Printer on floor 3 is out of order</Text><Icon>error</Icon></Line>" +
                "</InfoBox></InfoBoxQueue>"),
            ["popup"] = phone =>
            {
                phone.Message(IdleMessage);
                phone.Raise(StatusId.PhoneProvisioningStarting);
            },
            ["notices"] = phone =>
            {
                phone.Message("Lunch is ready in the canteen.");
                phone.Raise(StatusId.PhoneHasMissedCalls);
                phone.Raise(StatusId.CurrentIdentityForewardsAlways);
            },
            ["notifications"] = phone =>
            {
                int[] statuses =
                {
                    StatusId.EthernetUnplugged, StatusId.CurrentIdentityHasTextMessages, StatusId.CurrentIdentityHasVoiceMessages,
                    StatusId.CurrentIdentityForewardsAlways, StatusId.CurrentIdentityIsDnd, StatusId.HidConnected,
                    StatusId.ExpDeviceCabelingBroken, StatusId.FirmwareUpdateFailed, StatusId.PhoneHasMissedCalls,
                    StatusId.PhoneHasFirmwareUpdate, StatusId.PhoneCannotReachNtpServer,
                };
                foreach (int id in statuses)
                {
                    phone.Raise(id);
                }
                Assert.Equal(12, phone.Core.Statuses.NotificationCount);
                phone.Press(KeyCode.Down);
                for (int i = 0; i < 8; i++)
                {
                    phone.Press(KeyCode.Down);
                }
            },
            ["menu-own-status"] = phone => phone.Press(KeyCode.Menu, KeyCode.Ok, KeyCode.Down),
            ["explain"] = phone =>
            {
                phone.Run(42000);
                phone.Press(KeyCode.Down, KeyCode.Ok);
            },
            ["call-incoming"] = phone => phone.Invite("\"Bob Smith\" <sip:555@127.0.0.1>"),
            ["call-connected"] = phone =>
            {
                phone.Invite("\"Bob Smith\" <sip:555@127.0.0.1>");
                phone.Lift();
                phone.Press(KeyCode.Mute);
                phone.Run(21_000);
                Assert.Equal(21, DeskPhone.Domain.Calls.CallDisplay.Second(phone.App.Calls, phone.Now));
            },
            ["call-dialing"] = phone =>
            {
                phone.Lift();
                phone.Press(KeyCode.Digit2, KeyCode.Digit0, KeyCode.Digit0);
            },
            ["call-transfer"] = phone =>
            {
                phone.Invite("\"Bob Smith\" <sip:555@127.0.0.1>");
                phone.Lift();
                phone.Press(KeyCode.Transfer, KeyCode.Digit3, KeyCode.Digit0, KeyCode.Digit1);
            },
            ["call-conference"] = phone =>
            {
                phone.Invite("\"Bob Smith\" <sip:555@127.0.0.1>");
                phone.App.Calls.Answer(0, phone.Now);
                phone.Invite("<sip:201@127.0.0.1>");
                phone.App.Calls.Answer(0, phone.Now);
                phone.Run(10);
                phone.Press(KeyCode.Conference);
                Assert.True(phone.App.Voice.Conference.Active);
                phone.Run(7_000);
            },
            ["call-pickup"] = phone =>
            {
                byte[] body = System.Text.Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\" entity=\"sip:bob@127.0.0.1\">" +
                    "<dialog id=\"d1\" call-id=\"c1\" local-tag=\"l1\" remote-tag=\"r1\" direction=\"recipient\"><state>early</state>" +
                    "<remote><identity>sip:555@127.0.0.1</identity><target uri=\"sip:555@127.0.0.1:5070\"/></remote></dialog></dialog-info>");
                Assert.Equal(200, KeyNotify.Send(phone.Core.Monitored, 0, "application/dialog-info+xml", body, "active", 3600, phone.Now));
                phone.Run(10);
                Assert.True(phone.Core.Statuses.IsActive(StatusId.CallForPickupAvailable));
            },
            ["call-pickup-list"] = phone =>
            {
                Ringing(phone, 0, "bob", "555");
                Ringing(phone, 1, "carol", "556");
                phone.Press(KeyCode.Down);
                Assert.Equal(0, phone.App.Calls.RingingKey());
            },
            ["call-conference-offer"] = phone =>
            {
                phone.Invite("\"Bob Smith\" <sip:555@127.0.0.1>");
                phone.App.Calls.Answer(0, phone.Now);
                phone.Invite("<sip:201@127.0.0.1>");
                phone.App.Calls.Answer(0, phone.Now);
                phone.Run(3_000);
            },
            ["call-dialing-pickup"] = phone =>
            {
                phone.Set("pickup_code", 0, "*8");
                phone.Lift();
                phone.Press(KeyCode.Digit2, KeyCode.Digit0, KeyCode.Digit0);
            },
            ["call-back"] = phone =>
            {
                Assert.NotNull(phone.App.Calls.Dial(1, "200", phone.Now, out _));
                phone.Run(10);
                phone.Reply(486, "Call-Info: <sip:cc@127.0.0.1>;purpose=call-completion;m=BS\r\n");
                Assert.True(phone.Core.Statuses.IsActive(StatusId.PhoneKnowsCallCanBeCompleted));
                phone.Run(4_000);
            },
            ["call-lists"] = phone =>
            {
                phone.Invite("\"Bob Smith\" <sip:555@127.0.0.1>");
                phone.App.Calls.Answer(0, phone.Now);
                phone.Run(21_000);
                phone.App.Calls.Hangup(0, phone.Now);
                phone.Run(10);
                phone.Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down, KeyCode.Ok);
            },
            ["keyboard-locked"] = phone =>
            {
                phone.Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok);
                phone.Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down);
            },
        };

        /// <summary>BLF key <paramref name="key"/>'s extension rings, called by <paramref name="caller"/> (a dialog with the ids a pickup uses).</summary>
        private static void Ringing(GoldenPhone phone, int key, string extension, string caller)
        {
            byte[] body = System.Text.Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\" entity=\"sip:" + extension + "@127.0.0.1\">" +
                "<dialog id=\"d1\" call-id=\"c" + caller + "\" local-tag=\"l1\" remote-tag=\"r1\" direction=\"recipient\"><state>early</state>" +
                "<remote><identity>sip:" + caller + "@127.0.0.1</identity><target uri=\"sip:" + caller + "@127.0.0.1:5070\"/></remote></dialog></dialog-info>");
            Assert.Equal(200, KeyNotify.Send(phone.Core.Monitored, key, "application/dialog-info+xml", body, "active", 3600, phone.Now));
            phone.Run(10);
        }

        private const string IdleMessage = "Lunch is ready in the canteen. Grüße aus der Küche, Ελλάδα, Привет! " +
                                           "This message is long enough to wrap over several lines of the screen.";

        /// <summary>
        /// Model states set by hand on the common idle screen (<see cref="Screen(IPanel, DisplayProfile)"/>), for the
        /// renderer's own tests (banded equivalence, the device test's checksums); the goldens use <see cref="PhoneScenarios"/>.
        /// </summary>
        internal static readonly Dictionary<string, Action<IdleScreen>> RendererScenarios = new()
        {
            ["idle"] = screen => { },
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
            ["notices"] = screen => screen.SetNotices(new[] { "There are missed calls", "The current identity forwards every call" },
                                                      new[] { IconId.MissedCall, IconId.Forwarding }),
            ["menu"] = screen => screen.SetList("Notifications (12)", new[]
            {
                "The Ethernet cable is unplugged", "The current identity is not registered", "The current identity has new text messages",
                "The current identity has new voice messages", "The current identity forwards every call",
                "Do not disturb is on for the current identity", "Audio goes to the headset", "A USB device (keyboard or headset) is connected",
                "An expansion module needs a firmware update", "The firmware update failed", "A Bluetooth device is connected",
                "No administrator password is set",
            }, 8),
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

        [Theory]
        [MemberData(nameof(Profiles))]
        public void IncomingCallScreen(string profile) => Check("call-incoming", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void ConnectedCallScreenWithTheHandsetMuted(string profile) => Check("call-connected", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void DialingScreen(string profile) => Check("call-dialing", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void TransferTargetEntry(string profile) => Check("call-transfer", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void ReceivedCallsList(string profile) => Check("call-lists", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void ConferenceScreen(string profile) => Check("call-conference", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void PickupOfARingingExtension(string profile) => Check("call-pickup", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void PickupListOfSeveralRingingExtensions(string profile) => Check("call-pickup-list", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void TwoConnectedCallsOfferTheConfSoftkey(string profile) => Check("call-conference-offer", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void DialingScreenOffersDirectedPickup(string profile) => Check("call-dialing-pickup", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void CallBackOffer(string profile) => Check("call-back", profile);

        [Theory]
        [MemberData(nameof(Profiles))]
        public void ShowDirectlyNoticesUnderTheMessage(string profile) => Check("notices", profile);

        [Fact]
        public void MenusAndTheNotificationListAreDrawnOnTheKeyThatOpensThem()
        {
            var phone = new GoldenPhone(DisplayProfile.Color320x240);
            phone.Press(KeyCode.Menu);
            Assert.Contains(phone.Recorder.Visible, d => d.Text == "Menu");
            Assert.Contains("[menu] Menu", phone.Text);
            phone.Press(KeyCode.Menu);
            Assert.DoesNotContain(phone.Recorder.Visible, d => d.Text == "Menu");
            phone.Press(KeyCode.Down);
            string title = "Notifications (" + phone.Core.Statuses.NotificationCount + ")";
            Assert.Contains(phone.Recorder.Visible, d => d.Text == title);
            Assert.Contains("[menu] " + title, phone.Text);
        }

        [Fact]
        public void TheStatusLineAndTheClockReadTheSameInTextAndPicture()
        {
            var phone = new GoldenPhone(DisplayProfile.Mono128x64, null, (settings, hw) => settings.Set("admin_mode_password", 0, "x"));
            phone.Set("http_pass", 0, "y");
            phone.Run(10);
            Assert.StartsWith("[status] Tue 24.11. 10:15\n", phone.Text);
            Assert.Contains(phone.Recorder.Visible, d => d.Text == "Tue 24.11. 10:15");
            phone.Raise(StatusId.FirmwareUpdateFailed);
            Assert.StartsWith("[status] The firmware...\n", phone.Text); // cut at a space, with the mark, on 18 columns
            Assert.Contains(phone.Recorder.Visible, d => d.Text == "The firmware...");
        }

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

        /// <summary>
        /// The scenario on a fresh phone, then its golden; and the model's text (/api/screen) must name exactly the
        /// texts on the panel (<see cref="ScreenTextMatchesTheDrawing"/>).
        /// </summary>
        internal static void Check(string name, string profileName)
        {
            var phone = new GoldenPhone(Profile(profileName));
            PhoneScenarios[name](phone);
            ScreenTextMatchesTheDrawing(name + "-" + profileName, phone.Text, phone.Recorder);
            Golden.Check(name + "-" + profileName, phone.Panel);
        }

        /// <summary>
        /// The rows of the model's description (without their region tags and markers) and the texts visible on the
        /// panel are the same multiset, and no drawn text was clipped by the panel (every cut is the model's, with
        /// its mark). Fails on a row described but not drawn (the old notices), drawn but not described, or different.
        /// </summary>
        internal static void ScreenTextMatchesTheDrawing(string name, string text, RecordingPanel recorder)
        {
            var described = new List<string>();
            foreach (string line in text.Split('\n'))
            {
                int close = line.IndexOf("] ", StringComparison.Ordinal);
                Assert.True(line.StartsWith('[') && close > 0, name + ": not a region line: " + line);
                string region = line.Substring(1, close - 1);
                string row = line.Substring(close + 2);
                if (region == "item")
                {
                    row = row.Substring(2);
                }
                else if ((region == "infobox" || region == "call") && row.StartsWith('<'))
                {
                    row = row.Substring(row.IndexOf("> ", StringComparison.Ordinal) + 2);
                }
                described.Add(row);
            }
            var drawn = new List<string>();
            foreach (RecordingPanel.Drawn d in recorder.Visible)
            {
                Assert.True(d.Fits, name + ": " + d + " is " + d.Width + " px, clipped at " + d.MaxWidth);
                drawn.Add(d.Text);
            }
            described.Sort(StringComparer.Ordinal);
            drawn.Sort(StringComparer.Ordinal);
            Assert.True(described.SequenceEqual(drawn), name + ": described but not drawn: [" +
                string.Join("|", described.Except(drawn)) + "], drawn but not described: [" + string.Join("|", drawn.Except(described)) +
                "]\ndescribed:\n" + text);
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
