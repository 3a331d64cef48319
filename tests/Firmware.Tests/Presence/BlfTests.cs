using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Presence;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Presence
{
    internal static class Body
    {
        public static byte[] Of(string text) => Encoding.UTF8.GetBytes(text);

        public static string Dialogs(int version, string state, params string[] dialogs) =>
            "<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"" + version +
            "\" state=\"" + state + "\" entity=\"sip:bob@pbx\">" + string.Concat(dialogs) + "</dialog-info>";

        public static string Dialog(string id, string state, string direction = "recipient", bool held = false) =>
            "<dialog id=\"" + id + "\" direction=\"" + direction + "\"><state>" + state + "</state>" +
            (held ? "<local><target uri=\"sip:bob@pbx\"><param pname=\"+sip.rendering\" pvalue=\"no\"/></target></local>" : "") +
            "</dialog>";
    }

    public class DialogInfoTests
    {
        // The version of the last document applied, kept by the caller (MonitoredExtensions keeps one per key).
        private long _version = -1;

        private bool Apply(DialogInfo info, string xml) => Error(info, xml) == null;

        private string Error(DialogInfo info, string xml)
        {
            byte[] b = Body.Of(xml);
            return info.Apply(b, 0, b.Length, ref _version);
        }

        [Fact]
        public void TheStreamsNotifyIsReadWithoutAString()
        {
            // The office stream's body (tests/Device.Boot/ScriptRequest.cs): the key's own call, early then confirmed.
            // Apply allocates the reader (its object and array) and the dialogs' id table, nothing else: no name,
            // version, id, state or pickup string (docs/benchmarks.md, h-notifyread).
            var info = new DialogInfo();
            byte[] early = Body.Of(Body.Dialogs(1, "full", Body.Dialog("d5", "early", "initiator")));
            byte[] confirmed = Body.Of(Body.Dialogs(2, "full", Body.Dialog("d5", "confirmed", "initiator")));
            Assert.Null(info.Apply(early, 0, early.Length, ref _version));
            Assert.Equal(DialogInfo.Busy, info.State);

            long before = System.GC.GetAllocatedBytesForCurrentThread();
            var reader = new DeskPhone.Xml.XmlPullReader(confirmed, 0, confirmed.Length);
            var ids = new int[DialogInfo.MaxDialogs];
            long parts = System.GC.GetAllocatedBytesForCurrentThread() - before;
            System.GC.KeepAlive(reader);
            System.GC.KeepAlive(ids);

            before = System.GC.GetAllocatedBytesForCurrentThread();
            Assert.Null(info.Apply(confirmed, 0, confirmed.Length, ref _version));
            Assert.Equal(parts, System.GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(DialogInfo.Connected, info.State);
            Assert.Equal(2, _version);
        }

        [Fact]
        public void RingingConnectedHoldingIdle()
        {
            var info = new DialogInfo();
            Assert.True(Apply(info, Body.Dialogs(0, "full", Body.Dialog("d1", "early"))));
            Assert.Equal(DialogInfo.Ringing, info.State);
            Assert.True(Apply(info, Body.Dialogs(1, "full", Body.Dialog("d1", "confirmed"))));
            Assert.Equal(DialogInfo.Connected, info.State);
            Assert.True(Apply(info, Body.Dialogs(2, "full", Body.Dialog("d1", "confirmed", held: true))));
            Assert.Equal(DialogInfo.Holding, info.State);
            Assert.True(Apply(info, Body.Dialogs(3, "full", Body.Dialog("d1", "terminated"))));
            Assert.Equal(DialogInfo.Idle, info.State);
        }

        [Fact]
        public void ARingingDialogsPickupKeepsItsIdsAndCallerAndOnlyWhatTheDocumentGave()
        {
            // One text for the four parts (h-blfstate): each comes back as sent, an absent one as null, and a ringing
            // dialog with neither call-id nor caller gives no pickup.
            var info = new DialogInfo();
            string ringing = "<dialog id=\"r\" call-id=\"c1@pbx\" local-tag=\"l1\" remote-tag=\"t1\" direction=\"recipient\">" +
                             "<state>early</state><remote><identity>sip:alice@pbx</identity><target uri=\"sip:alice@10.0.0.9\"/></remote></dialog>";
            Assert.True(Apply(info, Body.Dialogs(0, "full", ringing)));
            Assert.Equal("c1@pbx", info.Pickup.CallId);
            Assert.Equal("l1", info.Pickup.LocalTag);
            Assert.Equal("t1", info.Pickup.RemoteTag);
            Assert.Equal("sip:alice@10.0.0.9", info.Pickup.Target);

            Assert.True(Apply(info, Body.Dialogs(1, "full",
                "<dialog id=\"r\" direction=\"recipient\"><state>early</state><remote><identity>sip:carol@pbx</identity></remote></dialog>")));
            Assert.Null(info.Pickup.CallId);
            Assert.Null(info.Pickup.LocalTag);
            Assert.Null(info.Pickup.RemoteTag);
            Assert.Equal("sip:carol@pbx", info.Pickup.Target);

            var bare = new DialogInfo();
            _version = -1;
            Assert.True(Apply(bare, Body.Dialogs(0, "full", Body.Dialog("r", "early"))));
            Assert.Equal(DialogInfo.Ringing, bare.State);
            Assert.Null(bare.Pickup);
        }

        [Fact]
        public void APickupComesAndGoesWithItsRingingDialogAndTheOtherDialogsStay()
        {
            // The pickup and the dialogs' ids share one field of the key: each survives the other's changes.
            var info = new DialogInfo();
            string ringing = "<dialog id=\"r\" call-id=\"c1\" local-tag=\"l1\" remote-tag=\"t1\" direction=\"recipient\"><state>early</state></dialog>";
            Assert.True(Apply(info, Body.Dialogs(0, "full", Body.Dialog("a", "confirmed"))));
            Assert.Null(info.Pickup);
            Assert.True(Apply(info, Body.Dialogs(1, "partial", ringing)));
            Assert.Equal(DialogInfo.Ringing, info.State);
            Assert.Equal("c1", info.Pickup.CallId);
            Assert.Equal("t1", info.Pickup.RemoteTag);
            Assert.True(Apply(info, Body.Dialogs(2, "partial", Body.Dialog("b", "confirmed", held: true))));
            Assert.Equal("c1", info.Pickup.CallId);
            Assert.True(Apply(info, Body.Dialogs(3, "partial", Body.Dialog("r", "terminated"))));
            Assert.Null(info.Pickup);
            Assert.Equal(DialogInfo.Connected, info.State);
            Assert.True(Apply(info, Body.Dialogs(4, "partial", Body.Dialog("a", "terminated"))));
            Assert.Equal(DialogInfo.Holding, info.State);
            Assert.True(Apply(info, Body.Dialogs(5, "partial", ringing)));
            Assert.True(Apply(info, Body.Dialogs(6, "partial", Body.Dialog("b", "terminated"))));
            Assert.Equal("c1", info.Pickup.CallId);
            Assert.True(info.HoldsDialogs);
            Assert.True(Apply(info, Body.Dialogs(7, "full")));
            Assert.Equal(DialogInfo.Idle, info.State);
            Assert.Null(info.Pickup);
            Assert.False(info.HoldsDialogs);
        }

        [Fact]
        public void DialogsAreToldApartByTheirWholeIdThoughOnlyItsHashIsKept()
        {
            // The ids are kept as hashes (docs/benchmarks.md, h-office4): ids that share characters are still other dialogs.
            var info = new DialogInfo();
            Assert.True(Apply(info, Body.Dialogs(0, "full", Body.Dialog("d1", "confirmed"))));
            Assert.True(Apply(info, Body.Dialogs(1, "partial", Body.Dialog("1d", "early"))));
            Assert.True(Apply(info, Body.Dialogs(2, "partial", Body.Dialog("d10", "confirmed", held: true))));
            Assert.Equal(DialogInfo.Ringing, info.State);
            Assert.True(Apply(info, Body.Dialogs(3, "partial", Body.Dialog("1d", "terminated"))));
            Assert.Equal(DialogInfo.Connected, info.State);
            Assert.True(Apply(info, Body.Dialogs(4, "partial", Body.Dialog("d1", "terminated"))));
            Assert.Equal(DialogInfo.Holding, info.State);
            Assert.True(info.HoldsDialogs);
            Assert.True(Apply(info, Body.Dialogs(5, "partial", Body.Dialog("d10", "terminated"))));
            Assert.Equal(DialogInfo.Idle, info.State);
            Assert.False(info.HoldsDialogs);
        }

        [Fact]
        public void OutgoingCallIsBusyNotRinging()
        {
            var info = new DialogInfo();
            Assert.True(Apply(info, Body.Dialogs(0, "full", Body.Dialog("d1", "proceeding", "initiator"))));
            Assert.Equal(DialogInfo.Busy, info.State);
        }

        [Fact]
        public void PartialUpdatesOneDialogAndRingingWins()
        {
            var info = new DialogInfo();
            Apply(info, Body.Dialogs(5, "full", Body.Dialog("a", "confirmed")));
            Assert.True(Apply(info, Body.Dialogs(6, "partial", Body.Dialog("b", "early"))));
            Assert.Equal(DialogInfo.Ringing, info.State);
            Assert.True(Apply(info, Body.Dialogs(7, "partial", Body.Dialog("b", "terminated"))));
            Assert.Equal(DialogInfo.Connected, info.State);
            Assert.False(info.NeedsFullState);
        }

        [Fact]
        public void EightDialogsAddedOneByOneKeepTheirStatesAndANinthIsIgnored()
        {
            var info = new DialogInfo();
            Apply(info, Body.Dialogs(1, "full"));
            for (int i = 0; i < DialogInfo.MaxDialogs; i++)
            {
                // Connected (confirmed) or held, one after the other; a held one never beats a connected one.
                Assert.True(Apply(info, Body.Dialogs(2 + i, "partial", Body.Dialog("d" + i, "confirmed", held: i % 2 == 1))));
                Assert.Equal(DialogInfo.Connected, info.State);
            }
            Assert.True(Apply(info, Body.Dialogs(10, "partial", Body.Dialog("d8", "early"))));
            Assert.Equal(DialogInfo.Connected, info.State);
            // The connected ones end (the even ids): the held ones are left, each with its own state.
            for (int i = 0; i < DialogInfo.MaxDialogs; i += 2)
            {
                Assert.True(Apply(info, Body.Dialogs(11 + i / 2, "partial", Body.Dialog("d" + i, "terminated"))));
            }
            Assert.Equal(DialogInfo.Holding, info.State);
            Assert.True(Apply(info, Body.Dialogs(15, "partial", Body.Dialog("d9", "early"))));
            Assert.Equal(DialogInfo.Ringing, info.State);
            Assert.False(info.NeedsFullState);
            for (int i = 1; i < DialogInfo.MaxDialogs; i += 2)
            {
                Assert.True(Apply(info, Body.Dialogs(16 + i / 2, "partial", Body.Dialog("d" + i, "terminated"))));
            }
            Assert.True(Apply(info, Body.Dialogs(20, "partial", Body.Dialog("d9", "terminated"))));
            Assert.Equal(DialogInfo.Idle, info.State);
        }

        [Fact]
        public void OneDocumentOfEightDialogsKeepsEachDialogsState()
        {
            // Apply keeps each dialog's class in bits of one local until the document is read (h-turnframes): the
            // eighth's, the last and ringing, in the highest.
            var info = new DialogInfo();
            var dialogs = new string[DialogInfo.MaxDialogs];
            for (int i = 0; i < dialogs.Length; i++)
            {
                dialogs[i] = Body.Dialog("d" + i, i == dialogs.Length - 1 ? "early" : "confirmed", held: i % 2 == 1);
            }
            Assert.True(Apply(info, Body.Dialogs(1, "full", dialogs)));
            Assert.Equal(DialogInfo.Ringing, info.State);
            Assert.True(Apply(info, Body.Dialogs(2, "partial", Body.Dialog("d7", "terminated"))));
            Assert.Equal(DialogInfo.Connected, info.State);
            for (int i = 0; i < dialogs.Length; i += 2)
            {
                Assert.True(Apply(info, Body.Dialogs(3 + i / 2, "partial", Body.Dialog("d" + i, "terminated"))));
            }
            Assert.Equal(DialogInfo.Holding, info.State);
            Assert.False(info.NeedsFullState);
        }

        [Fact]
        public void StaleVersionIsIgnoredAndAGapAsksForFullState()
        {
            var info = new DialogInfo();
            Apply(info, Body.Dialogs(5, "full", Body.Dialog("a", "early")));
            Assert.True(Apply(info, Body.Dialogs(4, "full")));
            Assert.Equal(DialogInfo.Ringing, info.State);
            Assert.Equal(5, _version);
            Assert.True(Apply(info, Body.Dialogs(9, "partial", Body.Dialog("a", "confirmed"))));
            Assert.True(info.NeedsFullState);
        }

        [Fact]
        public void EmptyBodyMeansIdle()
        {
            var info = new DialogInfo();
            Apply(info, Body.Dialogs(1, "full", Body.Dialog("a", "early")));
            Assert.Null(info.Apply(new byte[0], 0, 0, ref _version));
            Assert.Equal(-1, _version);
            Assert.Equal(DialogInfo.Idle, info.State);
        }

        [Theory]
        [InlineData("<dialog-info version=\"1\" state=\"full\"><dialog id=\"a\"><state>early</state></dialog>", "ends")]
        [InlineData("<presence/>", "not a dialog-info document")]
        [InlineData("<dialog-info state=\"full\"/>", "without a valid version")]
        [InlineData("<dialog-info version=\"1\" state=\"both\"/>", "full or partial")]
        [InlineData("<dialog-info version=\"1\" state=\"full\"><dialog id=\"a\"></dialog></dialog-info>", "without an id or a state")]
        [InlineData("<!DOCTYPE x><dialog-info/>", "DTD")]
        public void MalformedBodyIsRefusedAndStateKept(string xml, string error)
        {
            var info = new DialogInfo();
            Apply(info, Body.Dialogs(1, "full", Body.Dialog("a", "confirmed")));

            long before = _version;

            Assert.Contains(error, Error(info, xml));
            Assert.Equal(before, _version);
            Assert.Equal(DialogInfo.Connected, info.State);
        }

        [Fact]
        public void ABodyOf16KbIsRefusedAndStateKept()
        {
            var info = new DialogInfo();
            Apply(info, Body.Dialogs(1, "full", Body.Dialog("a", "confirmed")));
            long before = _version;

            string huge = Body.Dialogs(2, "full", Body.Dialog(new string('x', 16 * 1024), "early"));

            Assert.Contains("value longer than 4096 bytes", Error(info, huge));
            Assert.Equal(before, _version);
            Assert.Equal(DialogInfo.Connected, info.State);
        }
    }

    public class PresenceDocumentTests
    {
        private static int Parse(string xml)
        {
            byte[] b = Body.Of(xml);
            return PresenceDocument.Parse(b, 0, b.Length, out _);
        }

        [Theory]
        [InlineData(PresenceState.Online, PresenceDocument.Available)]
        [InlineData(PresenceState.Offline, PresenceDocument.Offline)]
        [InlineData(PresenceState.Busy, PresenceDocument.Busy)]
        [InlineData(PresenceState.DoNotDisturb, PresenceDocument.DoNotDisturb)]
        [InlineData(PresenceState.AtTheDesk, PresenceDocument.Available)]
        [InlineData(PresenceState.Available, PresenceDocument.Available)]
        [InlineData(PresenceState.AvailableOnPbx, PresenceDocument.Available)]
        public void ReadsWhatThePhoneItselfPublishes(int published, int seen)
        {
            byte[] pidf = PresenceDocument.Write("sip:a@b", published);
            Assert.Equal(seen, PresenceDocument.Parse(pidf, 0, pidf.Length, out _));
        }

        [Fact]
        public void AwayActivityAndDndNote()
        {
            Assert.Equal(PresenceDocument.Away, Parse(
                "<presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:r='urn:ietf:params:xml:ns:pidf:rpid'><tuple id='1'><status><basic>open</basic></status></tuple><r:activities><r:away/></r:activities></presence>"));
            Assert.Equal(PresenceDocument.DoNotDisturb, Parse(
                "<presence><tuple id='1'><status><basic>open</basic></status><note>Do Not Disturb</note></tuple></presence>"));
        }

        [Fact]
        public void MalformedIsMinusOneWithError()
        {
            byte[] b = Body.Of("<presence><tuple>");
            Assert.Equal(-1, PresenceDocument.Parse(b, 0, b.Length, out string error));
            Assert.Contains("ends inside", error);
            b = Body.Of("<dialog-info/>");
            Assert.Equal(-1, PresenceDocument.Parse(b, 0, b.Length, out error));
            Assert.Equal("not a PIDF document", error);
        }
    }

    public class FeatureEventTests
    {
        private static bool Parse(FeatureEvent e, string xml)
        {
            byte[] b = Body.Of(xml);
            return e.Parse(b, 0, b.Length);
        }

        [Fact]
        public void DoNotDisturbEvent()
        {
            var e = new FeatureEvent();
            Assert.True(Parse(e, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><DoNotDisturbEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>486</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>"));
            Assert.Equal(FeatureEvent.KindDoNotDisturb, e.Kind);
            Assert.True(e.DoNotDisturb);
            Assert.Equal("486", e.Device);
        }

        [Fact]
        public void ForwardingNoAnswerWithRingCount()
        {
            var e = new FeatureEvent();
            Assert.True(Parse(e, "<ForwardingEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>486</device><forwardingType>forwardNoAns</forwardingType><forwardStatus>true</forwardStatus><forwardTo>5678</forwardTo><ringCount>4</ringCount></ForwardingEvent>"));
            Assert.Equal(FeatureEvent.KindForwarding, e.Kind);
            Assert.Equal(FeatureEvent.ForwardNoAnswer, e.ForwardType);
            Assert.True(e.ForwardActive);
            Assert.Equal("5678", e.ForwardTo);
            Assert.Equal(4, e.RingCount);
        }

        [Theory]
        [InlineData("<DoNotDisturbEvent><doNotDisturbOn>perhaps</doNotDisturbOn></DoNotDisturbEvent>", "doNotDisturbOn")]
        [InlineData("<ForwardingEvent><forwardingType>forwardSometimes</forwardingType><forwardStatus>true</forwardStatus></ForwardingEvent>", "forwardingType")]
        [InlineData("<ForwardingEvent><forwardingType>forwardBusy</forwardingType><forwardStatus>true</forwardStatus><ringCount>99</ringCount></ForwardingEvent>", "ringCount")]
        [InlineData("<CallPickupEvent/>", "unknown feature event")]
        [InlineData("<DoNotDisturbEvent>", "ends")]
        public void BadEventsAreRefusedAndThePreviousStateKept(string xml, string error)
        {
            var e = new FeatureEvent();
            Parse(e, "<DoNotDisturbEvent><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>");
            Assert.False(Parse(e, xml));
            Assert.Contains(error, e.Error);
            Assert.True(e.DoNotDisturb);
        }

        [Fact]
        public void RequestsTheServerUnderstands()
        {
            Assert.Equal(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<SetDoNotDisturb xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>486</device><doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>\r\n",
                Encoding.UTF8.GetString(FeatureEvent.SetDoNotDisturb("486", true)));
            string forward = Encoding.UTF8.GetString(FeatureEvent.SetForwarding("486", FeatureEvent.ForwardNoAnswer, true, "5678", 3));
            Assert.Contains("<forwardingType>forwardNoAns</forwardingType><activateForward>true</activateForward><forwardDN>5678</forwardDN><ringCount>3</ringCount>", forward);
            Assert.DoesNotContain("ringCount", Encoding.UTF8.GetString(FeatureEvent.SetForwarding("486", FeatureEvent.ForwardAlways, false, "", 0)));
        }
    }

    public class MonitoredExtensionsTests
    {
        private sealed class Sender : ISubscribeSender
        {
            public readonly List<string> Sent = new List<string>();

            public void SendSubscribe(Subscription s, bool newDialog, int expires) =>
                Sent.Add(s.EventPackage + " " + s.Target + " " + (newDialog ? "new" : "refresh") + " " + expires);
        }

        private readonly Sender _sender = new Sender();
        private readonly RecordingMonitoredListener _listener = new RecordingMonitoredListener();
        private readonly MonitoredExtensions _blf;

        public MonitoredExtensionsTests()
        {
            _blf = new MonitoredExtensions(_sender) { Listener = _listener };
        }

        private int Notify(int key, string xml, string subState = "active", string type = "application/dialog-info+xml")
        {
            byte[] b = Body.Of(xml);
            return KeyNotify.Send(_blf, key, b.Length == 0 ? null : type, b, subState, 3600, 0);
        }

        [Fact]
        public void BlfKeyFollowsRingingConnectedIdle()
        {
            Assert.Null(_blf.Configure(2, "blf <sip:bob@pbx>", 1, 0));
            Assert.Equal(new[] { "dialog sip:bob@pbx new 3600" }, _sender.Sent);

            Assert.Equal(200, Notify(2, ""));
            Assert.Equal(200, Notify(2, Body.Dialogs(1, "full", Body.Dialog("x", "early"))));
            Assert.True(_listener.Ringing);
            Assert.Equal(200, Notify(2, Body.Dialogs(2, "full", Body.Dialog("x", "confirmed"))));
            Assert.False(_listener.Ringing);
            Assert.Equal(200, Notify(2, Body.Dialogs(3, "full")));

            Assert.Equal(new[] { "2=IDLE", "2=RINGING", "2=CONNECTED", "2=IDLE" }, _listener.Changes);
        }

        [Fact]
        public void RingingKeysAreListedNewestFirstAndLeaveWhenTheyStopOrAreReconfigured()
        {
            foreach (int key in new[] { 1, 3, 5 })
            {
                _blf.Configure(key, "blf sip:x" + key + "@pbx", 1, 0);
            }
            Assert.Equal(0, _blf.RingingCount);
            Assert.Equal(200, Notify(5, Body.Dialogs(1, "full", Body.Dialog("a", "early"))));
            Assert.Equal(200, Notify(1, Body.Dialogs(1, "full", Body.Dialog("b", "early"))));
            Assert.Equal(200, Notify(3, Body.Dialogs(1, "full", Body.Dialog("c", "early"))));
            Assert.Equal(new[] { 3, 1, 5 }, new[] { _blf.RingingKeyAt(0), _blf.RingingKeyAt(1), _blf.RingingKeyAt(2) });
            Assert.True(_listener.Ringing);

            // Answered at 1 (connected), key 3 reconfigured to monitor nothing: only 5 is left, then none.
            Assert.Equal(200, Notify(1, Body.Dialogs(2, "full", Body.Dialog("b", "confirmed"))));
            _blf.Configure(3, null, 1, 0);
            Assert.Equal(1, _blf.RingingCount);
            Assert.Equal(5, _blf.RingingKeyAt(0));
            Assert.True(_listener.Ringing);
            Assert.Equal(200, Notify(5, Body.Dialogs(2, "full")));
            Assert.Equal(0, _blf.RingingCount);
            Assert.False(_listener.Ringing);
            Assert.False(_blf.AnyRinging);
        }

        [Fact]
        public void AKeysDialogsSurviveBeingPackedAndUnpackedAsTheyComeAndGo()
        {
            // One dialog is kept packed in the keys' array, more dialogs or a caller to pick up as an object
            // (docs/benchmarks.md h-officerest): partial documents find their dialogs across each change.
            _blf.Configure(2, "blf sip:bob@pbx", 1, 0);
            _blf.Configure(3, "blf sip:carol@pbx", 1, 0);
            string ringing = "<dialog id=\"r\" call-id=\"c1\" local-tag=\"l1\" remote-tag=\"t1\" direction=\"recipient\"><state>early</state></dialog>";
            Assert.Equal(200, Notify(2, Body.Dialogs(0, "full", Body.Dialog("a", "confirmed"))));
            Assert.Equal(200, Notify(3, Body.Dialogs(0, "full", Body.Dialog("z", "confirmed", held: true))));
            Assert.Equal(DialogInfo.Connected, _blf.DialogOf(2).State);
            Assert.Null(_blf.DialogOf(2).Pickup);
            Assert.Equal(200, Notify(2, Body.Dialogs(1, "partial", ringing)));
            Assert.Equal("RINGING", _blf.StateOf(2));
            Assert.Equal("c1", _blf.DialogOf(2).Pickup.CallId);
            Assert.Same(_blf.DialogOf(2), _blf.DialogOf(2));
            // The ringing dialog ends: the key is back to its one dialog, packed, which a partial document still finds.
            Assert.Equal(200, Notify(2, Body.Dialogs(2, "partial", Body.Dialog("r", "terminated"))));
            Assert.Equal("CONNECTED", _blf.StateOf(2));
            Assert.Null(_blf.DialogOf(2).Pickup);
            Assert.Equal(200, Notify(2, Body.Dialogs(3, "partial", Body.Dialog("a", "confirmed", held: true))));
            Assert.Equal("HOLDING", _blf.StateOf(2));
            Assert.Equal(200, Notify(2, Body.Dialogs(4, "partial", Body.Dialog("a", "terminated"))));
            Assert.Null(_blf.DialogOf(2));
            // The other key kept its own packed dialog throughout, and a key removed takes its dialogs along.
            Assert.Equal(DialogInfo.Holding, _blf.DialogOf(3).State);
            Assert.Equal(200, Notify(3, Body.Dialogs(1, "partial", Body.Dialog("z", "terminated"))));
            Assert.Equal("IDLE", _blf.StateOf(3));
            Assert.Equal(200, Notify(3, Body.Dialogs(2, "partial", ringing)));
            _blf.Configure(2, "", 1, 0);
            Assert.Equal("c1", _blf.DialogOf(3).Pickup.CallId);
            Assert.Null(_blf.DialogOf(2));
        }

        [Fact]
        public void AKeyRingingOnceKeepsItsPickupPackedAndAnObjectOnlyWithASecondDialog()
        {
            // One ringing dialog: the packed long and the pickup's text, no DialogInfo kept (each read makes a copy,
            // h-blfstate); a second dialog makes it an object (the same one read twice) until the last one ends.
            _blf.Configure(4, "blf sip:dave@pbx", 1, 0);
            string ringing = "<dialog id=\"r\" call-id=\"c4\" local-tag=\"l4\" remote-tag=\"t4\" direction=\"recipient\"><state>early</state>" +
                             "<remote><target uri=\"sip:erin@pbx\"/></remote></dialog>";
            Assert.Equal(200, Notify(4, Body.Dialogs(0, "full", ringing)));
            Assert.Equal("RINGING", _blf.StateOf(4));
            Assert.NotSame(_blf.DialogOf(4), _blf.DialogOf(4));
            Assert.Equal("c4", _blf.DialogOf(4).Pickup.CallId);
            Assert.Equal("t4", _blf.DialogOf(4).Pickup.RemoteTag);
            Assert.Equal("sip:erin@pbx", _blf.DialogOf(4).Pickup.Target);

            Assert.Equal(200, Notify(4, Body.Dialogs(1, "partial", Body.Dialog("b", "confirmed"))));
            Assert.Same(_blf.DialogOf(4), _blf.DialogOf(4));
            Assert.Equal("l4", _blf.DialogOf(4).Pickup.LocalTag);

            // Its id array stays until the last dialog ends (as many slots as were held at once).
            Assert.Equal(200, Notify(4, Body.Dialogs(2, "partial", Body.Dialog("b", "terminated"))));
            Assert.Equal("RINGING", _blf.StateOf(4));
            Assert.Equal("c4", _blf.DialogOf(4).Pickup.CallId);
            Assert.Equal(200, Notify(4, Body.Dialogs(3, "partial", Body.Dialog("r", "terminated"))));
            Assert.Equal("IDLE", _blf.StateOf(4));
            Assert.Null(_blf.DialogOf(4));
        }

        [Fact]
        public void AnIdleKeyHoldsNoDialogsButRemembersItsVersion()
        {
            _blf.Configure(2, "blf sip:bob@pbx", 1, 0);
            Assert.Null(_blf.DialogOf(2));
            Assert.Equal(200, Notify(2, Body.Dialogs(4, "full", Body.Dialog("x", "confirmed"))));
            Assert.Equal(DialogInfo.Connected, _blf.DialogOf(2).State);
            Assert.Equal(200, Notify(2, Body.Dialogs(5, "full")));
            Assert.Null(_blf.DialogOf(2));
            // A late document of an older version changes nothing; the next one does.
            Assert.Equal(200, Notify(2, Body.Dialogs(4, "full", Body.Dialog("x", "early"))));
            Assert.Equal("IDLE", _blf.StateOf(2));
            Assert.Null(_blf.DialogOf(2));
            Assert.Equal(200, Notify(2, Body.Dialogs(6, "partial", Body.Dialog("y", "early"))));
            Assert.Equal("RINGING", _blf.StateOf(2));
            Assert.Equal(new[] { "dialog sip:bob@pbx new 3600" }, _sender.Sent);
            // A partial document after a gap asks for the full state, also from an idle key.
            Assert.Equal(200, Notify(2, Body.Dialogs(7, "partial", Body.Dialog("y", "terminated"))));
            Assert.Null(_blf.DialogOf(2));
            Assert.Equal(200, Notify(2, Body.Dialogs(9, "partial")));
            Assert.Equal(2, _sender.Sent.Count);
        }

        private sealed class OrderListener : IMonitoredListener
        {
            public readonly List<string> Told = new List<string>();

            public void KeyStateChanged(int key, string state) => Told.Add(key + "=" + (state ?? "none"));

            public void RingingChanged(bool ringing) => Told.Add(ringing ? "ringing" : "not ringing");

            public bool AdmitKey(int taken) => true;
        }

        [Fact]
        public void NotifyTellsItsChangesAfterItsPacketInOrder()
        {
            var told = new OrderListener();
            var blf = new MonitoredExtensions(_sender) { Listener = told };
            Assert.Null(blf.Configure(0, "blf sip:bob@pbx", 1, 0));
            Assert.Equal(new[] { "0=IDLE" }, told.Told);
            told.Told.Clear();
            // A last NOTIFY whose body rings: the key rings, then shows idle as its subscription ended.
            byte[] body = Body.Of(Body.Dialogs(1, "full", Body.Dialog("x", "early")));
            Assert.Equal(200, blf.OnNotify(blf.SubscriptionOf(0), KeyNotify.Message(DialogInfo.ContentType, body, "terminated;reason=noresource"), 0));
            // Nothing is told under the NOTIFY's handling: the LEDs and events run after its packet.
            Assert.Empty(told.Told);
            blf.AfterPacket(0);
            Assert.Equal(new[] { "0=RINGING", "ringing", "0=IDLE", "not ringing" }, told.Told);
            blf.AfterPacket(0);
            Assert.Equal(4, told.Told.Count);
        }

        [Fact]
        public void PresenceKeyFollowsPidf()
        {
            _blf.Configure(0, "presence sip:carol@pbx", 1, 0);
            byte[] pidf = PresenceDocument.Write("sip:carol@pbx", PresenceState.DoNotDisturb);
            Assert.Equal(200, KeyNotify.Send(_blf, 0, "application/pidf+xml", pidf, "active", 600, 0));
            Assert.Equal("DND", _blf.StateOf(0));
        }

        [Fact]
        public void MalformedBodyIs400AndTheKeyKeepsItsState()
        {
            _blf.Configure(1, "blf sip:bob@pbx", 1, 0);
            Notify(1, Body.Dialogs(1, "full", Body.Dialog("x", "confirmed")));
            Assert.Equal(400, Notify(1, "<dialog-info version='2' state='full'><dialog>"));
            Assert.Equal("CONNECTED", _blf.StateOf(1));
            Assert.Equal(415, Notify(1, "<x/>", type: "text/plain"));
        }

        [Fact]
        public void TheKeptPickupsStayWithTheirKeysAsKeysStartAndStopRingingInAnyOrder()
        {
            // Only the keys that keep a pickup or dialogs have a slot, in key order (h-keystate): each slot made or let go
            // moves the slots after it.
            for (int key = 1; key <= 5; key++)
            {
                _blf.Configure(key, "blf sip:x" + key + "@pbx", 1, 0);
            }
            foreach (int key in new[] { 4, 2, 5, 1 })
            {
                Assert.Equal(200, Notify(key, Body.Dialogs(1, "full", Ringing(key))));
            }
            Assert.Null(_blf.DialogOf(3));
            foreach (int key in new[] { 1, 2, 4, 5 })
            {
                Assert.Equal("c" + key, _blf.DialogOf(key).Pickup.CallId);
            }
            // Key 2 (a middle slot) stops, key 3 rings, key 4 also has a second dialog (an object in its slot), key 1 is
            // reconfigured away (the first slot).
            Assert.Equal(200, Notify(2, Body.Dialogs(2, "full")));
            Assert.Equal(200, Notify(3, Body.Dialogs(1, "full", Ringing(3))));
            Assert.Equal(200, Notify(4, Body.Dialogs(2, "partial", Body.Dialog("b", "confirmed"))));
            _blf.Configure(1, null, 1, 0);
            Assert.Null(_blf.DialogOf(1));
            Assert.Null(_blf.DialogOf(2));
            Assert.Same(_blf.DialogOf(4), _blf.DialogOf(4));
            foreach (int key in new[] { 3, 4, 5 })
            {
                Assert.Equal("c" + key, _blf.DialogOf(key).Pickup.CallId);
                Assert.Equal("t" + key, _blf.DialogOf(key).Pickup.RemoteTag);
            }
            Assert.Equal(new[] { 3, 5, 4 }, new[] { _blf.RingingKeyAt(0), _blf.RingingKeyAt(1), _blf.RingingKeyAt(2) });
            foreach (int key in new[] { 5, 3, 4 })
            {
                Assert.Equal(200, Notify(key, Body.Dialogs(3, "full")));
                Assert.Null(_blf.DialogOf(key));
            }
            Assert.False(_blf.AnyRinging);
        }

        private static string Ringing(int key) =>
            "<dialog id=\"r" + key + "\" call-id=\"c" + key + "\" local-tag=\"l" + key + "\" remote-tag=\"t" + key +
            "\" direction=\"recipient\"><state>early</state></dialog>";

        [Fact]
        public void AKeysVersionIsKeptAsItsLowBitsAndJudgedAgainstTheDocuments()
        {
            // A key keeps its last version's low 14 bits (h-keystate): versions past 16,383 are still told late (up to
            // 1,024 behind), next, after a gap, or far ahead; one further behind is a server counting anew.
            _blf.Configure(1, "blf sip:bob@pbx", 1, 0);
            Assert.Equal(200, Notify(1, Body.Dialogs(20000, "full", Body.Dialog("x", "confirmed"))));
            Assert.Equal(200, Notify(1, Body.Dialogs(19999, "full", Body.Dialog("x", "early"))));
            Assert.Equal(200, Notify(1, Body.Dialogs(18976, "full", Body.Dialog("x", "early"))));
            Assert.Equal("CONNECTED", _blf.StateOf(1));
            Assert.Equal(200, Notify(1, Body.Dialogs(20001, "partial", Body.Dialog("x", "confirmed", held: true))));
            Assert.Equal("HOLDING", _blf.StateOf(1));
            Assert.Single(_sender.Sent);
            Assert.Equal(200, Notify(1, Body.Dialogs(20003, "partial", Body.Dialog("x", "confirmed"))));
            Assert.Equal("dialog sip:bob@pbx refresh 3600", _sender.Sent[_sender.Sent.Count - 1]);
            Assert.Equal("CONNECTED", _blf.StateOf(1));
            Assert.Equal(200, Notify(1, Body.Dialogs(35000, "full", Body.Dialog("x", "early"))));
            Assert.Equal("RINGING", _blf.StateOf(1));
            Assert.Equal(200, Notify(1, Body.Dialogs(34999, "full")));
            Assert.Equal("RINGING", _blf.StateOf(1));
            Assert.Equal(200, Notify(1, Body.Dialogs(7, "full")));
            Assert.Equal("IDLE", _blf.StateOf(1));
        }

        [Fact]
        public void GapInPartialVersionsRefreshesTheSubscription()
        {
            _blf.Configure(1, "blf sip:bob@pbx", 1, 0);
            Notify(1, Body.Dialogs(1, "full"));
            Notify(1, Body.Dialogs(5, "partial", Body.Dialog("x", "early")));
            Assert.Equal("dialog sip:bob@pbx refresh 3600", _sender.Sent[_sender.Sent.Count - 1]);
        }

        [Fact]
        public void ReconfiguringUnsubscribesAndClearsTheKey()
        {
            _blf.Configure(3, "blf sip:bob@pbx", 1, 0);
            _blf.SubscriptionOf(3).OnResponse(200, 3600, -1, 0);
            Assert.Null(_blf.Configure(3, "none", 1, 1));
            Assert.Equal("dialog sip:bob@pbx refresh 0", _sender.Sent[1]);
            Assert.Null(_blf.StateOf(3));
            Assert.Equal(481, Notify(3, Body.Dialogs(1, "full")));

            // The last key gone, the table is let go; a key configured after it is followed as the first was.
            Assert.Null(_blf.Configure(4, "blf sip:carol@pbx", 1, 2));
            Assert.Equal(200, Notify(4, Body.Dialogs(1, "full", Body.Dialog("y", "early"))));
            Assert.Equal("RINGING", _blf.StateOf(4));
            Assert.Null(_blf.StateOf(3));
            Assert.True(_blf.AnyRinging);
        }

        [Fact]
        public void ManyKeysConfiguredAndRemovedInAnyOrderKeepTheirOwnState()
        {
            int[] keys = { 69, 3, 40, 0, 17, 5, 68, 1, 33 };
            foreach (int key in keys)
            {
                Assert.Null(_blf.Configure(key, (key % 2 == 0 ? "blf" : "presence") + " sip:k" + key + "@pbx", 1, 0));
            }
            Assert.Null(_blf.Configure(40, "none", 1, 1));
            Assert.Null(_blf.Configure(3, "none", 1, 1));
            Assert.Equal(200, Notify(68, Body.Dialogs(1, "full", Body.Dialog("x", "early"))));
            Assert.True(_blf.AnyRinging);
            for (int key = 0; key < MonitoredExtensions.MaxKeys; key++)
            {
                bool monitored = System.Array.IndexOf(keys, key) >= 0 && key != 40 && key != 3;
                Subscription s = _blf.SubscriptionOf(key);
                Assert.Equal(monitored, s != null);
                Assert.Equal(monitored ? "sip:k" + key + "@pbx" : null, s?.Target);
                string expected = !monitored ? null : key == 68 ? "RINGING" : key % 2 == 0 ? "IDLE" : "OFFLINE";
                Assert.Equal(expected, _blf.StateOf(key));
            }
            Assert.Contains("40=none", _listener.Changes);
            Assert.Contains("3=none", _listener.Changes);
            Assert.Null(_blf.Configure(68, "none", 1, 2));
            Assert.False(_blf.AnyRinging);
        }

        [Theory]
        [InlineData("blf", "needs a target")]
        [InlineData("blf mailto:bob@pbx", "not a sip: address")]
        [InlineData("presence sip:bob", "not a sip: address")]
        public void BadDefinitionsAreRefused(string definition, string error)
        {
            Assert.Contains(error, _blf.Configure(0, definition, 1, 0));
            Assert.Empty(_sender.Sent);
        }

        [Fact]
        public void TerminatedSubscriptionResetsTheKeyAndResubscribes()
        {
            _blf.Configure(0, "blf sip:bob@pbx", 1, 0);
            Notify(0, Body.Dialogs(1, "full", Body.Dialog("x", "confirmed")));
            Assert.Equal(200, Notify(0, "", "terminated"));
            Assert.Equal("IDLE", _blf.StateOf(0));
            _blf.Tick(Subscription.FirstRetryMs);
            Assert.Equal("dialog sip:bob@pbx new 3600", _sender.Sent[_sender.Sent.Count - 1]);
        }
    }
}
