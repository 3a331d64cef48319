using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Messages;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Firmware.Tests.Messages
{
    public class PlainTextTests
    {
        private static string Clean(byte[] b) => DesktopMessageStore.FromUtf8(b, 0, b.Length);

        [Fact]
        public void KeepsUtf8AndLineBreaksAndDropsControls()
        {
            Assert.Equal("Grüße, Ελλάδα, Привет\nline 2 x", Clean(Encoding.UTF8.GetBytes("  Grüße, Ελλάδα, Привет\r\nline\t2\u0007 x\u0001\r\n")));
        }

        [Fact]
        public void AControlOrOtherByteIsSeenAtEveryPlaceOfTheFourByteScan()
        {
            // The printable ASCII scan takes four bytes a turn: a byte it must stop at, at each of the four places and in the tail.
            for (int at = 0; at < 11; at++)
            {
                foreach (byte odd in new byte[] { 0x01, 0x7F, 0x1F, 0xFF })
                {
                    byte[] text = Encoding.ASCII.GetBytes("abcdefghijk");
                    text[at] = odd;
                    string expected = odd == 0xFF ? "abcdefghijk".Substring(0, at) + "\uFFFD" + "abcdefghijk".Substring(at + 1)
                                                  : "abcdefghijk".Remove(at, 1);
                    Assert.Equal(expected, Clean(text));
                }
                byte[] umlaut = Encoding.UTF8.GetBytes("abcdefghijk".Substring(0, at) + "\u00FC" + "abcdefghijk".Substring(at));
                Assert.Equal("abcdefghijk".Insert(at, "\u00FC"), Clean(umlaut));
            }
        }

        [Fact]
        public void InvalidSequencesBecomeOneReplacementEach()
        {
            Assert.Equal("a\uFFFDb\uFFFDc\uFFFDd", Clean(new byte[] { 0x61, 0xC3, 0x62, 0xE2, 0x82, 0x63, 0xFF, 0x64 }));
            Assert.Equal("\uFFFD", Clean(new byte[] { 0xED, 0xA0, 0x80 }));
            Assert.Equal("😀", Clean(Encoding.UTF8.GetBytes("😀")));
        }
    }

    public class DesktopMessageStoreTests
    {
        private sealed class FakeCalls : ICallMessageSink
        {
            public readonly List<string> Shown = new List<string>();

            public bool TryShowCallMessage(string callId, string text)
            {
                if (callId != "call-1")
                {
                    return false;
                }
                Shown.Add(text);
                return true;
            }
        }

        private readonly FakeCalls _calls = new FakeCalls();
        private readonly DesktopMessageStore _store;
        private readonly List<bool> _changes = new List<bool>();

        public DesktopMessageStoreTests()
        {
            _store = new DesktopMessageStore(_calls);
            _store.Changed += present => _changes.Add(present);
        }

        private int Send(string text, string callId = "x@y", int identity = 1)
        {
            byte[] b = Encoding.UTF8.GetBytes(text);
            return _store.OnMessage(identity, b, 0, b.Length, callId, 1000);
        }

        [Fact]
        public void NewerMessageReplacesTheOlder()
        {
            Assert.Equal(200, Send("first"));
            Assert.Equal(200, Send("second", identity: 2));
            Assert.Equal("second", _store.Text);
            Assert.Equal(2, _store.Identity);
            Assert.Equal(new[] { true, true }, _changes);
        }

        [Fact]
        public void CancelClearsOnlyWithCancelDesktopOn()
        {
            Send("hello");
            Assert.False(_store.OnCancelKey(false));
            Assert.Equal("hello", _store.Text);
            Assert.True(_store.OnCancelKey(true));
            Assert.Null(_store.Text);
            Assert.False(_store.OnCancelKey(true));
            Assert.Equal(new[] { true, false }, _changes);
        }

        [Fact]
        public void TooLongIs413AndKeepsTheMessage()
        {
            Send("keep me");
            _store.MaxBytes = 16;
            Assert.Equal(413, Send(new string('x', 17)));
            Assert.Equal("keep me", _store.Text);
            Assert.Equal(200, Send(new string('x', 16)));
        }

        [Fact]
        public void EmptyBodyClears()
        {
            Send("hello");
            Assert.Equal(200, Send(" \r\n\u0001 "));
            Assert.Null(_store.Text);
        }

        [Fact]
        public void MessageForACurrentCallGoesToTheCall()
        {
            Send("idle text");
            Assert.Equal(200, Send("for the call", "call-1"));
            Assert.Equal(new[] { "for the call" }, _calls.Shown);
            Assert.Equal("idle text", _store.Text);
        }
    }

    public class SenderTrustTests
    {
        [Theory]
        [InlineData("10.0.0.5", false, "", false)]
        [InlineData("10.0.0.5", true, "", true)]
        [InlineData("10.0.0.5", false, "pbx.example.com, 10.0.0.5", true)]
        [InlineData("PBX.example.com", false, "pbx.EXAMPLE.com:5060", true)]
        [InlineData("10.0.0.50", false, "10.0.0.5", false)]
        [InlineData("", false, "10.0.0.5", false)]
        public void TrustedOnlyFromRegistrarOrList(string host, bool registrar, string list, bool trusted)
        {
            Assert.Equal(trusted, InfoBoxQueue.IsTrusted(host, registrar, list));
        }
    }

    public class InfoBoxQueueTests
    {
        private readonly InfoBoxQueue _queue = new InfoBoxQueue { SecondsPerLine = 10 };
        private int _changes;

        public InfoBoxQueueTests()
        {
            _queue.Changed += () => _changes++;
        }

        private int Notify(string xml, string host = "10.0.0.1", bool registrar = true, long now = 0)
        {
            byte[] b = Encoding.UTF8.GetBytes(xml);
            return _queue.OnNotify(host, registrar, "", b, 0, b.Length, now);
        }

        private const string TwoLines =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InfoBoxQueue><InfoBox time=\"false\">" +
            "<Line pos=\"1\"><Text>Meeting at 10:00</Text><Icon>clock</Icon></Line>" +
            "<Line pos=\"2\"><Text>Room &amp; floor 3</Text><Icon>warning</Icon></Line>" +
            "</InfoBox></InfoBoxQueue>";

        [Fact]
        public void ShowsTwoLinesWithIconsAndHidesTheClock()
        {
            Assert.Equal(200, Notify(TwoLines));
            InfoBox box = _queue.Current;
            Assert.Equal(2, box.LineCount);
            Assert.Equal("Meeting at 10:00", box.LineText(0));
            Assert.Equal(IconId.Clock, box.LineIcon(0));
            Assert.Equal("Room & floor 3", box.LineText(1));
            Assert.Equal(IconId.Warning, box.LineIcon(1));
            Assert.False(box.ShowClock);
            Assert.Equal(1, _changes);
        }

        [Fact]
        public void UntrustedSenderIs403AndNothingShown()
        {
            Assert.Equal(403, Notify(TwoLines, "192.0.2.9", registrar: false));
            Assert.Null(_queue.Current);
            Assert.Contains("192.0.2.9", _queue.LastError);
        }

        [Theory]
        [InlineData("<InfoBoxQueue><InfoBox><Line pos=\"1\"><Text>x</Text></Line>")]
        [InlineData("<InfoBoxQueue><InfoBox time=\"maybe\"/></InfoBoxQueue>")]
        [InlineData("<InfoBoxQueue><InfoBox><Line><Text>x</Text></Line></InfoBox></InfoBoxQueue>")]
        [InlineData("<Other/>")]
        [InlineData("<!DOCTYPE a [<!ENTITY x 'y'>]><InfoBoxQueue/>")]
        [InlineData("<InfoBoxQueue><Line pos=\"1\"/></InfoBoxQueue>")]
        public void MalformedIs400AndTheQueueStaysAsItWas(string xml)
        {
            Notify(TwoLines);
            Assert.Equal(400, Notify(xml));
            Assert.Equal("Meeting at 10:00", _queue.Current.LineText(0));
            Assert.NotNull(_queue.LastError);
        }

        [Fact]
        public void BoxesShowInOrderForTheirTimeAndTheLastStays()
        {
            Notify(TwoLines, now: 0);
            Notify("<InfoBoxQueue><InfoBox><Line pos=\"1\"><Text>second</Text></Line></InfoBox></InfoBoxQueue>", now: 5000);
            Assert.Equal(2, _queue.Count);
            _queue.Tick(19_999);
            Assert.Equal("Meeting at 10:00", _queue.Current.LineText(0));
            _queue.Tick(20_000);
            Assert.Equal("second", _queue.Current.LineText(0));
            Assert.True(_queue.Current.ShowClock);
            _queue.Tick(10_000_000);
            Assert.Equal("second", _queue.Current.LineText(0));
        }

        [Fact]
        public void SameIdReplacesAndSamePosReplacesALine()
        {
            Notify("<InfoBoxQueue><InfoBox id=\"a\"><Line pos=\"1\"><Text>old</Text></Line></InfoBox><InfoBox id=\"b\"><Line pos=\"1\"><Text>b</Text></Line></InfoBox></InfoBoxQueue>");
            Notify("<InfoBoxQueue><InfoBox id=\"a\"><Line pos=\"1\"><Text>v1</Text></Line><Line pos=\"1\"><Text>v2</Text></Line></InfoBox></InfoBoxQueue>");
            Assert.Equal(2, _queue.Count);
            Assert.Equal("v2", _queue.Current.LineText(0));
        }

        [Fact]
        public void ABoxKeepsItsIdBesideItsLinesAndIsReplacedByItOnly()
        {
            // The id is kept in the box's one string before its lines (docs/benchmarks.md, h-office4).
            Notify("<InfoBoxQueue><InfoBox id=\"a&#10;b\"><Line pos=\"3\"><Text>third</Text><Icon>warning</Icon></Line><Line pos=\"1\"><Text>first</Text></Line></InfoBox>" +
                   "<InfoBox id=\"\"><Line pos=\"1\"><Text>empty id</Text></Line></InfoBox><InfoBox><Line pos=\"1\"><Text>none</Text></Line></InfoBox></InfoBoxQueue>");
            InfoBox box = _queue.Current;
            Assert.Equal("a b", box.Id);
            Assert.Equal(3, box.LineCount);
            Assert.Equal("first", box.LineText(0));
            Assert.Equal("", box.LineText(1));
            Assert.Equal("third", box.LineText(2));
            Assert.Equal(IconId.Warning, box.LineIcon(2));
            Notify("<InfoBoxQueue><InfoBox id=\"\"><Line pos=\"1\"><Text>empty id again</Text></Line></InfoBox><InfoBox id=\"a b\"><Line pos=\"2\"><Text>new</Text></Line></InfoBox></InfoBoxQueue>");
            Assert.Equal(3, _queue.Count);
            Assert.Equal("a b", _queue.Current.Id);
            Assert.Equal("new", _queue.Current.LineText(1));
            Assert.Equal("", _queue.Current.LineText(0));
            _queue.Tick(20_000);
            Assert.Equal("", _queue.Current.Id);
            Assert.Equal("empty id again", _queue.Current.LineText(0));
            _queue.Tick(30_000);
            Assert.Null(_queue.Current.Id);
            Assert.Equal("none", _queue.Current.LineText(0));
        }

        [Fact]
        public void QueuedBoxesKeepTheirLinesIdsAndIconsInTheirOneArray()
        {
            // The queue keeps every box in one byte array (docs/benchmarks.md h-basecut): non-ASCII text, a box without
            // lines, one replaced in the middle and the full queue's giving way must leave each box's parts where they were.
            Notify("<InfoBoxQueue><InfoBox id=\"\u00e9\"><Line pos=\"2\"><Text>Gr\u00fc\u00dfe \u20ac</Text><Icon>error</Icon></Line></InfoBox>" +
                   "<InfoBox time=\"false\"/><InfoBox id=\"m\"><Line pos=\"1\"><Text>middle</Text></Line></InfoBox>" +
                   "<InfoBox><Line pos=\"1\"><Text>last \u00e0</Text></Line></InfoBox></InfoBoxQueue>", now: 0);
            Notify("<InfoBoxQueue><InfoBox id=\"m\"><Line pos=\"1\"><Text>m1</Text></Line><Line pos=\"2\"><Text>m2</Text><Icon>lock</Icon></Line></InfoBox></InfoBoxQueue>", now: 0);
            Assert.Equal(4, _queue.Count);
            Assert.Equal("\u00e9", _queue.Current.Id);
            Assert.Equal("", _queue.Current.LineText(0));
            Assert.Equal("Gr\u00fc\u00dfe \u20ac", _queue.Current.LineText(1));
            Assert.Equal(IconId.Error, _queue.Current.LineIcon(1));
            _queue.Tick(20_000);
            Assert.Equal(0, _queue.Current.LineCount);
            Assert.False(_queue.Current.ShowClock);
            Assert.Null(_queue.Current.Id);
            _queue.Tick(30_000);
            Assert.Equal("m", _queue.Current.Id);
            Assert.Equal("m2", _queue.Current.LineText(1));
            Assert.Equal(IconId.Lock, _queue.Current.LineIcon(1));
            Notify("<InfoBoxQueue><InfoBox><Line pos=\"1\"><Text>5</Text></Line></InfoBox><InfoBox><Line pos=\"1\"><Text>6</Text></Line></InfoBox>" +
                   "<InfoBox><Line pos=\"1\"><Text>7</Text></Line></InfoBox><InfoBox><Line pos=\"1\"><Text>8</Text></Line></InfoBox>" +
                   "<InfoBox><Line pos=\"1\"><Text>9</Text></Line></InfoBox><InfoBox><Line pos=\"1\"><Text>10</Text></Line></InfoBox>" +
                   "<InfoBox><Line pos=\"1\"><Text>11</Text></Line></InfoBox></InfoBoxQueue>", now: 30_000);
            // 9 boxes for 8 places: the first waiting one ("last") gave way, the one on screen stays.
            Assert.Equal(InfoBoxQueue.MaxBoxes, _queue.Count);
            Assert.Equal("m1", _queue.Current.LineText(0));
            _queue.Tick(50_000);
            Assert.Equal("5", _queue.Current.LineText(0));
            for (long t = 60_000; _queue.Count > 1; t += 10_000)
            {
                _queue.Tick(t);
            }
            Assert.Equal("11", _queue.Current.LineText(0));
        }

        [Fact]
        public void ExtraLinesAreIgnoredAndLongLinesKept()
        {
            string longText = new string('w', 300);
            Notify("<InfoBoxQueue><InfoBox><Line pos=\"1\"><Text>" + longText + "</Text></Line><Line pos=\"9\"><Text>ignored</Text></Line></InfoBox></InfoBoxQueue>");
            Assert.Equal(1, _queue.Current.LineCount);
            Assert.Equal(InfoBox.MaxLineChars, _queue.Current.LineText(0).Length);
        }

        [Fact]
        public void EmptyQueueDocumentClears()
        {
            Notify(TwoLines);
            Assert.Equal(200, Notify("<InfoBoxQueue/>"));
            Assert.Null(_queue.Current);
            Assert.Equal(0, _queue.Count);

            // The queue lets go of its slots when cleared and makes them again for the next box.
            Assert.Equal(200, Notify(TwoLines));
            Assert.Equal(1, _queue.Count);
            Assert.Equal("Meeting at 10:00", _queue.Current.LineText(0));
        }

        [Fact]
        public void QueueIsBounded()
        {
            for (int i = 0; i < 20; i++)
            {
                Notify("<InfoBoxQueue><InfoBox><Line pos=\"1\"><Text>n" + i + "</Text></Line></InfoBox></InfoBoxQueue>");
            }
            Assert.Equal(InfoBoxQueue.MaxBoxes, _queue.Count);
            Assert.Equal("n0", _queue.Current.LineText(0));
        }

        [Fact]
        public void LinesGivenOutOfOrderKeepTheirPlacesIconsAndTheGapsEmpty()
        {
            Notify("<InfoBoxQueue><InfoBox>" +
                   "<Line pos=\"4\"><Text>four</Text><Icon>clock</Icon></Line>" +
                   "<Line pos=\"2\"><Text>two</Text><Icon>warning</Icon></Line>" +
                   "<Line pos=\"4\"><Text>four again</Text><Icon>security</Icon></Line>" +
                   "</InfoBox></InfoBoxQueue>");
            InfoBox box = _queue.Current;
            Assert.Equal(4, box.LineCount);
            Assert.Equal("", box.LineText(0));
            Assert.Equal(IconId.None, box.LineIcon(0));
            Assert.Equal("two", box.LineText(1));
            Assert.Equal(IconId.Warning, box.LineIcon(1));
            Assert.Equal("", box.LineText(2));
            Assert.Equal(IconId.None, box.LineIcon(2));
            Assert.Equal("four again", box.LineText(3));
            Assert.Equal(IconId.Security, box.LineIcon(3));
        }

        [Fact]
        public void UnknownIconNameShowsInfo()
        {
            Notify("<InfoBoxQueue><InfoBox><Line pos=\"1\"><Text>x</Text><Icon>unicorn</Icon></Line></InfoBox></InfoBoxQueue>");
            Assert.Equal(IconId.Info, _queue.Current.LineIcon(0));
        }
    }

    /// <summary>
    /// Every Infobox icon name both ways (InfoBoxIcons.cs' two tables, written with one exit since h-frames: a return per
    /// case made the device's frame for each look-up 348 B instead of 204).
    /// </summary>
    public class InfoBoxIconsTests
    {
        [Theory]
        [InlineData("none", IconId.None)]
        [InlineData("info", IconId.Info)]
        [InlineData("warning", IconId.Warning)]
        [InlineData("error", IconId.Error)]
        [InlineData("message", IconId.Messages)]
        [InlineData("voicemail", IconId.Voicemail)]
        [InlineData("call", IconId.Call)]
        [InlineData("missed", IconId.MissedCall)]
        [InlineData("dnd", IconId.Dnd)]
        [InlineData("forward", IconId.Forwarding)]
        [InlineData("network", IconId.Network)]
        [InlineData("clock", IconId.Clock)]
        [InlineData("lock", IconId.Lock)]
        [InlineData("presence", IconId.Presence)]
        [InlineData("park", IconId.Park)]
        [InlineData("announcement", IconId.Announcement)]
        [InlineData("security", IconId.Security)]
        [InlineData("calendar", IconId.Clock)]
        public void ANameFindsItsIconAndTheIconItsFirstName(string name, int icon)
        {
            Assert.Equal(icon, InfoBox.FindIcon(" " + name.ToUpperInvariant() + " "));
            Assert.Equal(name == "calendar" ? "clock" : name, InfoBox.IconName(icon));
        }

        [Fact]
        public void AnUnknownNameIsTheInfoIconAndNoNameIsNone()
        {
            Assert.Equal(IconId.Info, InfoBox.FindIcon("unicorn"));
            Assert.Equal(IconId.None, InfoBox.FindIcon(""));
            Assert.Equal("info", InfoBox.IconName(IconId.Wlan));
        }
    }
}
