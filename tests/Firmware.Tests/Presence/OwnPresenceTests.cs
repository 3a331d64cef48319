using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.MessageWaiting;
using DeskPhone.Domain.Presence;

namespace DeskPhone.Firmware.Tests.Presence
{
    public class OwnPresenceTests
    {
        private readonly List<string> _changes = new List<string>();

        private OwnPresence Registered(long now = 0)
        {
            var p = new OwnPresence(now) { AvailableIdleMs = 60_000 };
            p.Changed += (state, lost) => _changes.Add(PresenceState.Token(state) + (lost ? "!" : ""));
            p.SetRegistered(true, now);
            return p;
        }

        [Fact]
        public void StartsOfflineAndGoesOnlineWhenRegistered()
        {
            var p = new OwnPresence(0);
            Assert.Equal(PresenceState.Offline, p.State);
            Assert.False(p.LostRegistration);

            p.SetRegistered(true, 0);

            Assert.Equal(PresenceState.Online, p.State);
        }

        [Fact]
        public void MenuOffersOnlyManualStates()
        {
            var p = Registered();
            foreach (int automatic in new[] { PresenceState.Offline, PresenceState.Busy, PresenceState.Available, PresenceState.AvailableOnPbx })
            {
                Assert.False(p.Choose(automatic, 1));
                Assert.Equal(PresenceState.Online, p.State);
            }
            Assert.True(p.Choose(PresenceState.AtTheDesk, 1));
            Assert.Equal(PresenceState.AtTheDesk, p.State);
            Assert.True(p.Choose(PresenceState.DoNotDisturb, 2));
            Assert.Equal(PresenceState.DoNotDisturb, p.State);
            Assert.True(p.Choose(PresenceState.Online, 3));
            Assert.Equal(PresenceState.Online, p.State);
        }

        [Fact]
        public void CallMakesBusyAndEndingItRestoresTheChoice()
        {
            var p = Registered();
            p.Choose(PresenceState.AtTheDesk, 0);

            p.SetInCall(true, 10);
            Assert.Equal(PresenceState.Busy, p.State);
            p.SetInCall(false, 20);
            Assert.Equal(PresenceState.AtTheDesk, p.State);
        }

        [Fact]
        public void DoNotDisturbOutranksBusy()
        {
            var p = Registered();
            p.Choose(PresenceState.DoNotDisturb, 0);
            p.SetInCall(true, 1);
            Assert.Equal(PresenceState.DoNotDisturb, p.State);
        }

        [Fact]
        public void IdleTimeMakesAvailableAndAKeyBringsOnlineBack()
        {
            var p = Registered();
            p.Tick(59_999);
            Assert.Equal(PresenceState.Online, p.State);
            p.Tick(60_000);
            Assert.Equal(PresenceState.Available, p.State);
            p.KeyPressed(60_500);
            Assert.Equal(PresenceState.Online, p.State);
            Assert.Equal(new[] { "online", "available", "online" }, _changes);
        }

        [Fact]
        public void AvailableCanBeSwitchedOff()
        {
            var p = Registered();
            p.AutoAvailable = false;
            p.Tick(10 * 60_000);
            Assert.Equal(PresenceState.Online, p.State);
        }

        [Fact]
        public void CallResetsIdleTime()
        {
            var p = Registered();
            p.SetInCall(true, 50_000);
            p.SetInCall(false, 70_000);
            p.Tick(100_000);
            Assert.Equal(PresenceState.Online, p.State);
            p.Tick(130_000);
            Assert.Equal(PresenceState.Available, p.State);
        }

        [Fact]
        public void LostRegistrationIsMarkedUntilRegisteredAgain()
        {
            var p = Registered();
            p.SetRegistered(false, 5);
            Assert.Equal(PresenceState.Offline, p.State);
            Assert.True(p.LostRegistration);

            p.SetOtherRegistrations(true, 6);
            Assert.Equal(PresenceState.AvailableOnPbx, p.State);
            Assert.True(p.LostRegistration);

            p.SetRegistered(true, 7);
            Assert.Equal(PresenceState.Online, p.State);
            Assert.False(p.LostRegistration);
            Assert.Equal(new[] { "online", "offline!", "available-on-pbx!", "online" }, _changes);
        }

        [Fact]
        public void NeverRegisteredIsNotALostRegistration()
        {
            var p = new OwnPresence(0);
            p.SetRegistered(false, 1);
            Assert.False(p.LostRegistration);
        }

        [Fact]
        public void ManualChoiceSurvivesAnOutage()
        {
            var p = Registered();
            p.Choose(PresenceState.DoNotDisturb, 0);
            p.SetRegistered(false, 1);
            Assert.Equal(PresenceState.Offline, p.State);
            p.SetRegistered(true, 2);
            Assert.Equal(PresenceState.DoNotDisturb, p.State);
        }

        [Theory]
        [InlineData(PresenceState.Online, false, IncomingCallAction.Alert)]
        [InlineData(PresenceState.DoNotDisturb, false, IncomingCallAction.Reject)]
        [InlineData(PresenceState.DoNotDisturb, true, IncomingCallAction.Forward)]
        [InlineData(PresenceState.AtTheDesk, false, IncomingCallAction.AlertDelayed)]
        public void IncomingCallFollowsTheStatus(int manual, bool forward, int expected)
        {
            var p = Registered();
            p.Choose(manual, 0);
            Assert.Equal(expected, p.IncomingCall(forward));
        }

        [Fact]
        public void AtTheDeskWithZeroDelayAlertsAtOnce()
        {
            var p = Registered();
            p.AtTheDeskDelayMs = 0;
            p.Choose(PresenceState.AtTheDesk, 0);
            Assert.Equal(IncomingCallAction.Alert, p.IncomingCall(false));
        }

        [Fact]
        public void NamesRoundTrip()
        {
            for (int s = 0; s < PresenceState.Count; s++)
            {
                Assert.Equal(s, PresenceState.Parse(PresenceState.Token(s)));
                Assert.Equal(s, PresenceState.Parse(PresenceState.Label(s).ToUpperInvariant()));
            }
            Assert.Equal(-1, PresenceState.Parse("sleeping"));
        }
    }

    public class PidfWriterTests
    {
        [Fact]
        public void BusyIsOpenAndOnThePhone()
        {
            string xml = Encoding.UTF8.GetString(PresenceDocument.Write("sip:486@pbx.example.com", PresenceState.Busy));

            Assert.Equal(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" +
                "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"" +
                " xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:486@pbx.example.com\">\r\n" +
                "<tuple id=\"t1\"><status><basic>open</basic></status></tuple>\r\n" +
                "<dm:person id=\"p1\"><rpid:activities><rpid:on-the-phone/></rpid:activities><dm:note>Busy</dm:note></dm:person>\r\n" +
                "</presence>\r\n", xml);
        }

        [Theory]
        [InlineData(PresenceState.Offline, "closed", null, "Offline")]
        [InlineData(PresenceState.Online, "open", null, "Online")]
        [InlineData(PresenceState.DoNotDisturb, "open", "<rpid:busy/>", "Do not disturb")]
        [InlineData(PresenceState.AtTheDesk, "open", "<rpid:other>At the desk</rpid:other>", "At the desk")]
        [InlineData(PresenceState.Available, "open", null, "Available")]
        public void EachStateHasItsBasicStatusActivityAndNote(int state, string basic, string activity, string note)
        {
            string xml = Encoding.UTF8.GetString(PresenceDocument.Write("sip:a@b", state));

            Assert.Contains("<basic>" + basic + "</basic>", xml);
            Assert.Equal(activity != null, xml.Contains("<rpid:activities>"));
            if (activity != null)
            {
                Assert.Contains(activity, xml);
            }
            Assert.Contains("<dm:note>" + note + "</dm:note>", xml);
            System.Xml.Linq.XDocument.Parse(xml);
        }

        [Fact]
        public void EntityIsEscaped()
        {
            string xml = Encoding.UTF8.GetString(PresenceDocument.Write("sip:a&\"b@c", PresenceState.Online));
            Assert.Contains("entity=\"sip:a&amp;&quot;b@c\"", xml);
        }

        [Fact]
        public void ANonAsciiEntityIsWrittenAsUtf8InADocumentOfItsLength()
        {
            // The writer counts, then copies (h-restcut): an entity of two-byte characters still fills the array exactly.
            byte[] doc = PresenceDocument.Write("sip:j\u00f6rg@b\u00e4r", PresenceState.Online);
            string xml = Encoding.UTF8.GetString(doc);
            Assert.Contains("entity=\"sip:j\u00f6rg@b\u00e4r\">", xml);
            Assert.EndsWith("</presence>\r\n", xml);
            System.Xml.Linq.XDocument.Parse(xml);
        }
    }

    public class MessageSummaryTests
    {
        private static bool Parse(MessageSummary summary, string body)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            return summary.Parse(bytes, 0, bytes.Length);
        }

        [Fact]
        public void ParsesTheRfc3842Example()
        {
            var s = new MessageSummary();
            Assert.True(Parse(s, "Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\nVoice-Message: 2/8 (0/2)\r\n"));
            Assert.True(s.MessagesWaiting);
            Assert.Equal(2, s.VoiceNew);
            Assert.Equal(8, s.VoiceOld);
            Assert.Equal(0, s.TextNew);
            Assert.Equal("sip:alice@vmail.example.com", s.Account);
        }

        [Fact]
        public void ReadsTextMessagesAndIgnoresUnknownClassesAndCase()
        {
            var s = new MessageSummary();
            Assert.True(Parse(s, "messages-waiting:YES\nFax-Message: 1/1\ntext-message:  3/4\n"));
            Assert.Equal(3, s.TextNew);
            Assert.Equal(4, s.TextOld);
            Assert.Equal(0, s.VoiceNew);
        }

        [Theory]
        [InlineData("", "empty body")]
        [InlineData("Voice-Message: 1/0\r\n", "no Messages-Waiting line")]
        [InlineData("Messages-Waiting: maybe\r\n", "Messages-Waiting must be yes or no")]
        [InlineData("Messages-Waiting: yes\r\nVoice-Message: x/0\r\n", "bad Voice-Message counts")]
        [InlineData("Messages-Waiting: yes\r\nVoice-Message: 99999999/0\r\n", "bad Voice-Message counts")]
        public void RefusesBadBodiesAndKeepsThePreviousState(string body, string error)
        {
            var s = new MessageSummary();
            Assert.True(Parse(s, "Messages-Waiting: yes\r\nVoice-Message: 1/2\r\n"));

            Assert.False(Parse(s, body));

            Assert.Equal(error, s.Error);
            Assert.True(s.MessagesWaiting);
            Assert.Equal(1, s.VoiceNew);
        }
    }
}

namespace DeskPhone.Firmware.Tests.Presence
{
    using System.Text;
    using DeskPhone.Domain.MessageWaiting;

    public class MailboxCountsTests
    {
        private static MessageSummary Summary(string body)
        {
            var s = new MessageSummary();
            byte[] b = Encoding.UTF8.GetBytes(body);
            Assert.True(s.Parse(b, 0, b.Length));
            return s;
        }

        [Fact]
        public void CurrentIdentityAndPhoneWideFlags()
        {
            var m = new MailboxCounts { CurrentIdentity = 1 };
            int changes = 0;
            m.Changed += () => changes++;

            m.Apply(2, Summary("Messages-Waiting: yes\r\nVoice-Message: 3/1\r\n"));
            Assert.False(m.CurrentIdentityHasVoiceMessages);
            Assert.True(m.PhoneHasVoiceMessages);
            Assert.Equal(3, m.VoiceNew(2));

            m.Apply(1, Summary("Messages-Waiting: yes\r\nText-Message: 1/0\r\n"));
            Assert.True(m.CurrentIdentityHasTextMessages);
            Assert.False(m.CurrentIdentityHasVoiceMessages);
            Assert.True(m.PhoneHasTextMessages);

            m.Apply(1, Summary("Messages-Waiting: yes\r\nText-Message: 1/0\r\n"));
            Assert.Equal(2, changes);

            m.Apply(2, Summary("Messages-Waiting: no\r\nVoice-Message: 0/4\r\n"));
            Assert.False(m.PhoneHasVoiceMessages);
        }

        [Fact]
        public void WaitingWithoutCountsStillMeansVoiceMessages()
        {
            var m = new MailboxCounts();
            m.Apply(1, Summary("Messages-Waiting: yes\r\n"));
            Assert.True(m.CurrentIdentityHasVoiceMessages);
        }

        [Fact]
        public void IdentityOutOfRangeIsRefused()
        {
            var m = new MailboxCounts();
            Assert.False(m.Apply(13, Summary("Messages-Waiting: yes\r\n")));
            Assert.False(m.Apply(0, Summary("Messages-Waiting: yes\r\n")));
        }
    }
}
