using System;
using System.Collections.Generic;
using DeskPhone.Domain.Status;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Firmware.Tests.Status
{
    public class StatusCatalogTests
    {
        private static readonly string[] IssueOrder =
        {
            "ActiveBluetoothConnection", "ActiveLocations", "AnonymousIdOn", "AudioDeviceIsHandset", "AudioDeviceIsHeadset",
            "AudioDeviceIsSpeaker", "AudioIsMuted", "BtoeStatePairing", "BtoeStateUnpaired", "CallBackOnBusyAvailable",
            "CallBackOnBusyInProgress", "CallForPickupAvailable", "CanceledCall", "CurrentIdentityForewardsAfterTimeout",
            "CurrentIdentityForewardsAlways", "CurrentIdentityForewardsWhenBusy", "CurrentIdentityHasTextMessages",
            "CurrentIdentityHasVoiceMessages", "CurrentIdentityIsDnd", "CurrentIdentityIsNotRegistered", "DfksFailed",
            "EmergencyCallNumbersMisconfigured", "EthernetUnplugged", "ExpDeviceCabelingBroken", "ExpDeviceLimitExceeded",
            "FirmwareUpdateFailed", "HidConnected", "HidConnecting", "IPv4Conflict", "LocationRetrievalFailed",
            "PhoneCannotReachNtpServer", "PhoneHasDisabledSipStack", "PhoneHasFirmwareUpdate", "PhoneHasIncomingPublicAnnouncement",
            "PhoneHasLowMemory", "PhoneHasMissedCalls", "PhoneHasNoAdminPassword", "PhoneHasNoHttpPassword", "PhoneHasTextMessages",
            "PhoneHasVoiceMessages", "PhoneHasVpnError", "PhoneIsLocked", "PhoneIsWaitingForCallCompletion",
            "PhoneKnowsCallCanBeCompleted", "PhoneProvisioningFailed", "PhoneProvisioningInProgress", "PhoneProvisioningStarting",
            "PhoneRefusedHugeXcapSync", "PhoneWaitsOnNtpServer", "PhoneWantsReboot", "PhoneWantsToUpdate", "RingerIsSilent",
            "ServerMessageToBeShownDirectly", "StatusLineSystemMessage", "TryParking", "UsbDiskConnected", "UxmConnected",
            "VisionConnectionLost", "WlanActive",
        };

        [Fact]
        public void EveryIdOfTheIssueExistsInThePhonesOrderWithDescriptionAndIcon()
        {
            int previous = -1;
            foreach (string name in IssueOrder)
            {
                int id = StatusCatalog.Find(name);
                Assert.True(id >= 0, name);
                Assert.True(id > previous, name + " out of order");
                previous = id;
                Assert.False(string.IsNullOrEmpty(StatusCatalog.Description(id)));
                Assert.InRange(StatusCatalog.Icon(id), 1, IconId.Count - 1);
                Assert.False(StatusCatalog.IsOurName(id));
            }
            for (int i = 1; i <= 12; i++)
            {
                Assert.Equal(StatusId.IdentityIsNotRegistered(i), StatusCatalog.Find("Identity" + i.ToString("00") + "IsNotRegistered"));
                Assert.Equal(StatusId.Identity01ExtendedRegInfo + i - 1, StatusCatalog.Find("Identity" + i.ToString("00") + "ExtendedRegInfo"));
            }
        }

        [Fact]
        public void TheEightUnnamedEntriesHaveOurNames()
        {
            var ours = new List<string>();
            for (int id = 0; id < StatusId.Count; id++)
            {
                if (StatusCatalog.IsOurName(id))
                {
                    ours.Add(StatusCatalog.Name(id));
                }
            }
            Assert.Equal(8, ours.Count);
            Assert.Contains("MonitoredExtensionIsRinging", ours);
            Assert.Contains("ExpDeviceNeedsUpdate", ours);
        }

        [Fact]
        public void LookupIsCaseSensitiveLikeThePhones()
        {
            Assert.Equal(-1, StatusCatalog.Find("ethernetunplugged"));
            Assert.Equal(StatusId.EthernetUnplugged, StatusCatalog.Find("xEthernetUnpluggedx", 1, 17));
        }
    }

    public class StatusSchedulerTests
    {
        private readonly StatusScheduler _s = new StatusScheduler();
        private readonly List<int> _changes = new List<int>();

        public StatusSchedulerTests()
        {
            _s.Changed += c => _changes.Add(c);
        }

        [Fact]
        public void NothingActiveShowsTheClock()
        {
            Assert.Equal(StatusScheduler.NoMessage, _s.StatusLine);
            Assert.Equal(0, _s.NotificationCount);
        }

        [Fact]
        public void DefaultsParseWithoutProblems()
        {
            Assert.Empty(_s.Categories.Problems);
            Assert.Equal(3, _s.Categories.Seconds(StatusId.StatusLineSystemMessage, StatusCategories.ShowDirectly));
            Assert.Equal(0, _s.Categories.Seconds(StatusId.LocationRetrievalFailed, StatusCategories.PopUp));
            Assert.True(_s.Categories.IsIn(StatusId.Identity07IsNotRegistered, StatusCategories.Important));
        }

        [Fact]
        public void EssentialBeatsImportantBeatsShowDirectly()
        {
            _s.Raise(StatusId.CurrentIdentityHasVoiceMessages, null, "mwi", 0);
            Assert.Equal(StatusId.CurrentIdentityHasVoiceMessages, _s.StatusLine);
            _s.Raise(StatusId.EthernetUnplugged, null, "link", 1);
            Assert.Equal(StatusId.EthernetUnplugged, _s.StatusLine);
            _s.Raise(StatusId.CurrentIdentityIsNotRegistered, null, "sip", 2);
            Assert.Equal(StatusId.CurrentIdentityIsNotRegistered, _s.StatusLine);
            _s.Raise(StatusId.PhoneHasLowMemory, null, "x", 3);
            Assert.Equal(StatusId.CurrentIdentityIsNotRegistered, _s.StatusLine);
            _s.Clear(StatusId.CurrentIdentityIsNotRegistered, 4);
            // Both important: EthernetUnplugged is listed first in status_msgs_that_are_important.
            Assert.Equal(StatusId.EthernetUnplugged, _s.StatusLine);
            _s.Clear(StatusId.EthernetUnplugged, 5);
            Assert.Equal(StatusId.PhoneHasLowMemory, _s.StatusLine);
        }

        [Fact]
        public void PasswordWarningsBeatEveryOtherMessageUnlessBlocked()
        {
            _s.Raise(StatusId.PhoneHasNoAdminPassword, null, "settings", 0);
            _s.Raise(StatusId.PhoneHasNoHttpPassword, null, "settings", 0);
            for (int id = 0; id < StatusId.Count; id++)
            {
                _s.Raise(id, null, "test", 100 + id);
                Assert.Equal(StatusId.PhoneHasNoAdminPassword, _s.StatusLine);
            }
            _s.Clear(StatusId.PhoneHasNoAdminPassword, 300);
            Assert.Equal(StatusId.PhoneHasNoHttpPassword, _s.StatusLine);

            _s.Configure(StatusCategories.DefaultBlocked + " PhoneHasNoHttpPassword",
                StatusCategories.DefaultShowDirectly, StatusCategories.DefaultEssential, StatusCategories.DefaultImportant,
                StatusCategories.DefaultAudioIndication, StatusCategories.DefaultPopUp, 400);
            Assert.Equal(StatusId.PhoneHasIncomingPublicAnnouncement, _s.StatusLine);
        }

        [Fact]
        public void SameRankGoesByListOrderThenNewest()
        {
            _s.Configure("", "UxmConnected WlanActive", "", "", "", "", 0);
            _s.Raise(StatusId.WlanActive, null, null, 0);
            _s.Raise(StatusId.UxmConnected, null, null, 1);
            Assert.Equal(StatusId.UxmConnected, _s.StatusLine);
            _s.Clear(StatusId.UxmConnected, 2);
            _s.Raise(StatusId.UxmConnected, null, null, 3);
            Assert.Equal(StatusId.UxmConnected, _s.StatusLine);
            Assert.Contains("UxmConnected is listed before it", _s.Explain(StatusId.WlanActive, 3));
        }

        [Fact]
        public void BlockedNeverShowsAnywhere()
        {
            _s.Raise(StatusId.RingerIsSilent, null, "keys", 0);
            Assert.True(_s.IsActive(StatusId.RingerIsSilent));
            Assert.Equal(StatusScheduler.NoMessage, _s.StatusLine);
            Assert.Equal(0, _s.NotificationCount);
            Assert.Contains("it is blocked", _s.Explain(StatusId.RingerIsSilent, 0));
        }

        [Fact]
        public void SecondsEndTheStatusLinePresentationNotTheStatus()
        {
            _s.Raise(StatusId.StatusLineSystemMessage, "hello", "bench", 1000);
            Assert.Equal(StatusId.StatusLineSystemMessage, _s.StatusLine);
            _s.Tick(3999);
            Assert.Equal(StatusId.StatusLineSystemMessage, _s.StatusLine);
            _changes.Clear();
            _s.Tick(4000);
            Assert.Equal(StatusScheduler.NoMessage, _s.StatusLine);
            Assert.True(_s.IsActive(StatusId.StatusLineSystemMessage));
            Assert.Equal(1, _s.NotificationCount);
            Assert.Contains(_changes, c => (c & StatusScheduler.StatusLineChanged) != 0);
            Assert.Contains("its time on the status line is over", _s.Explain(StatusId.StatusLineSystemMessage, 4000));
        }

        [Fact]
        public void NotificationListIsNewestFirst()
        {
            _s.Raise(StatusId.EthernetUnplugged, null, null, 0);
            _s.Raise(StatusId.PhoneHasMissedCalls, null, null, 1);
            _s.Raise(StatusId.HidConnected, null, null, 2);
            Assert.Equal(new[] { StatusId.HidConnected, StatusId.PhoneHasMissedCalls, StatusId.EthernetUnplugged },
                new[] { _s.Notification(0), _s.Notification(1), _s.Notification(2) });
        }

        [Fact]
        public void NotificationListStaysNewestFirstAfterAClearAndAReconfiguration()
        {
            _s.Raise(StatusId.EthernetUnplugged, null, null, 0);
            _s.Raise(StatusId.PhoneHasMissedCalls, null, null, 1);
            _s.Raise(StatusId.HidConnected, null, null, 2);
            _s.Clear(StatusId.EthernetUnplugged, 3);
            _s.Raise(StatusId.UxmConnected, null, null, 4);
            _s.Raise(StatusId.EthernetUnplugged, null, null, 5);
            // Re-raising with a new parameter keeps the message's place.
            _s.Raise(StatusId.PhoneHasMissedCalls, "2", null, 6);
            int[] expected = { StatusId.EthernetUnplugged, StatusId.UxmConnected, StatusId.HidConnected, StatusId.PhoneHasMissedCalls };
            Assert.Equal(expected, new[] { _s.Notification(0), _s.Notification(1), _s.Notification(2), _s.Notification(3) });
            _s.Configure(StatusCategories.DefaultBlocked, StatusCategories.DefaultShowDirectly, StatusCategories.DefaultEssential,
                         StatusCategories.DefaultImportant, StatusCategories.DefaultAudioIndication, StatusCategories.DefaultPopUp, 7);
            Assert.Equal(expected, new[] { _s.Notification(0), _s.Notification(1), _s.Notification(2), _s.Notification(3) });
        }

        [Fact]
        public void RaiseIsIdempotentAndUpdatesTheParameter()
        {
            Assert.True(_s.Raise(StatusId.PhoneProvisioningInProgress, "1", "prov", 0));
            _changes.Clear();
            Assert.False(_s.Raise(StatusId.PhoneProvisioningInProgress, "1", "prov", 5));
            Assert.Empty(_changes);
            Assert.True(_s.Raise(StatusId.PhoneProvisioningInProgress, "2", "prov", 6));
            Assert.Equal("2", _s.ParamOf(StatusId.PhoneProvisioningInProgress));
            Assert.Equal(0, _s.RaisedAt(StatusId.PhoneProvisioningInProgress));
            Assert.False(_s.Clear(StatusId.EthernetUnplugged, 7));
        }

        [Fact]
        public void PopUpsShowOneAtATimeWithTheirTimeouts()
        {
            _s.DefaultPopUpSeconds = 10;
            _s.Raise(StatusId.PhoneProvisioningStarting, null, null, 0);
            _s.Raise(StatusId.LocationRetrievalFailed, null, null, 100);
            Assert.Equal(StatusId.PhoneProvisioningStarting, _s.PopUp);
            _s.Tick(9999);
            Assert.Equal(StatusId.PhoneProvisioningStarting, _s.PopUp);
            _s.Tick(10000);
            Assert.Equal(StatusId.LocationRetrievalFailed, _s.PopUp);
            // LocationRetrievalFailed:0 stays until dismissed.
            _s.Tick(1_000_000);
            Assert.Equal(StatusId.LocationRetrievalFailed, _s.PopUp);
            Assert.True(_s.DismissPopUp(1_000_001));
            Assert.Equal(StatusScheduler.NoMessage, _s.PopUp);
            Assert.True(_s.IsActive(StatusId.LocationRetrievalFailed));
        }

        [Fact]
        public void ClearingAStatusRemovesItsPopUp()
        {
            _s.Raise(StatusId.PhoneProvisioningStarting, null, null, 0);
            _s.Clear(StatusId.PhoneProvisioningStarting, 1);
            Assert.Equal(StatusScheduler.NoMessage, _s.PopUp);
        }

        [Fact]
        public void PopUpQueueIsBounded()
        {
            _s.Configure("", "", "", "", "", "EthernetUnplugged:0 HidConnected HidConnecting UxmConnected WlanActive TryParking PhoneIsLocked CanceledCall DfksFailed IPv4Conflict", 0);
            string[] names = { "EthernetUnplugged", "HidConnected", "HidConnecting", "UxmConnected", "WlanActive", "TryParking", "PhoneIsLocked", "CanceledCall", "DfksFailed", "IPv4Conflict" };
            for (int i = 0; i < names.Length; i++)
            {
                _s.Raise(StatusCatalog.Find(names[i]), null, null, i);
            }
            Assert.Equal(StatusId.EthernetUnplugged, _s.PopUp);
            int seen = 0;
            while (_s.DismissPopUp(100))
            {
                seen++;
            }
            Assert.Equal(StatusScheduler.PopUpQueueSize, seen);
        }

        [Fact]
        public void AFullPopUpQueueAndAFullAudioQueueKeepTheirOwnEntriesInOrder()
        {
            // The two queues share one array: neither runs into the other.
            string all = "EthernetUnplugged:0 HidConnected:0 HidConnecting:0 UxmConnected:0 WlanActive:0 TryParking:0 PhoneIsLocked:0 CanceledCall:0 DfksFailed:0 IPv4Conflict:0";
            _s.Configure("", "", "", "", all, all, 0);
            string[] names = { "EthernetUnplugged", "HidConnected", "HidConnecting", "UxmConnected", "WlanActive", "TryParking", "PhoneIsLocked", "CanceledCall", "DfksFailed", "IPv4Conflict" };
            for (int i = 0; i < names.Length; i++)
            {
                _s.Raise(StatusCatalog.Find(names[i]), null, null, i);
            }
            for (int i = 0; i < StatusScheduler.AudioQueueSize; i++)
            {
                Assert.Equal(StatusCatalog.Find(names[i]), _s.TakeAudioRequest());
            }
            Assert.Equal(StatusScheduler.NoMessage, _s.TakeAudioRequest());
            var seen = new List<int>();
            while (_s.PopUp != StatusScheduler.NoMessage)
            {
                seen.Add(_s.PopUp);
                Assert.True(_s.DismissPopUp(100 + seen.Count));
            }
            Assert.Equal(StatusScheduler.PopUpQueueSize, seen.Count);
            Assert.Equal(StatusScheduler.PopUpQueueSize, new HashSet<int>(seen).Count);
            Assert.Equal(StatusId.EthernetUnplugged, seen[0]);
            Assert.All(seen, id => Assert.Contains(StatusCatalog.Name(id), names));
            _s.Clear(StatusCatalog.Find(names[0]), 200);
            _s.Raise(StatusCatalog.Find(names[0]), null, null, 201);
            Assert.Equal(StatusCatalog.Find(names[0]), _s.TakeAudioRequest());
            Assert.Equal(StatusCatalog.Find(names[0]), _s.PopUp);
        }

        [Fact]
        public void AudioIndicationRequestsAToneOnRaise()
        {
            _s.Raise(StatusId.PhoneHasIncomingPublicAnnouncement, null, null, 0);
            _s.Raise(StatusId.EthernetUnplugged, null, null, 0);
            Assert.Equal(StatusId.PhoneHasIncomingPublicAnnouncement, _s.TakeAudioRequest());
            Assert.Equal(StatusScheduler.NoMessage, _s.TakeAudioRequest());
        }

        [Fact]
        public void ParameterisedIdsAreSeparate()
        {
            _s.Raise(StatusId.IdentityIsNotRegistered(3), null, "sip", 0);
            Assert.True(_s.IsActive(StatusId.Identity03IsNotRegistered));
            Assert.False(_s.IsActive(StatusId.Identity04IsNotRegistered));
            Assert.Equal(StatusId.Identity03IsNotRegistered, _s.StatusLine);
        }

        [Fact]
        public void ShowDirectlyListHonoursItsSeconds()
        {
            _s.Raise(StatusId.UxmConnected, null, null, 0);
            _s.Raise(StatusId.EthernetUnplugged, null, null, 1);
            Assert.Equal(2, _s.ShowDirectlyCount(1));
            Assert.Equal(StatusId.EthernetUnplugged, _s.ShowDirectly(0, 1));
            _changes.Clear();
            _s.Tick(5000);
            Assert.Equal(1, _s.ShowDirectlyCount(5000));
            Assert.Contains(_changes, c => (c & StatusScheduler.IdleListChanged) != 0);
        }

        [Fact]
        public void BadSettingStringsAreReportedNotFatal()
        {
            _s.Configure("NoSuchThing EthernetUnplugged", "UxmConnected:abc HidConnected:999999 WlanActive:5", "", "", "", "", 0);
            Assert.Equal(3, _s.Categories.Problems.Count);
            Assert.Equal("status_msgs_that_are_blocked: unknown status ID 'NoSuchThing'", _s.Categories.Problems[0]);
            Assert.Contains("bad seconds in 'UxmConnected:abc'", (string)_s.Categories.Problems[1]);
            Assert.True(_s.Categories.IsIn(StatusId.EthernetUnplugged, StatusCategories.Blocked));
            Assert.True(_s.Categories.IsIn(StatusId.WlanActive, StatusCategories.ShowDirectly));
            Assert.False(_s.Categories.IsIn(StatusId.UxmConnected, StatusCategories.ShowDirectly));
        }

        [Fact]
        public void ChangesNameWhatChanged()
        {
            _s.Raise(StatusId.EthernetUnplugged, null, null, 0);
            int c = _changes[_changes.Count - 1];
            Assert.NotEqual(0, c & StatusScheduler.StatusLineChanged);
            Assert.NotEqual(0, c & StatusScheduler.NotificationsChanged);
            Assert.NotEqual(0, c & StatusScheduler.LedsChanged);
            Assert.Equal(0, c & StatusScheduler.PopUpChanged);
            _changes.Clear();
            _s.Tick(1);
            Assert.Empty(_changes);
        }

        [Fact]
        public void ExplainSaysWhoHoldsTheLine()
        {
            _s.Raise(StatusId.PhoneHasLowMemory, null, "mem", 0);
            _s.Raise(StatusId.PhoneHasNoAdminPassword, null, "settings", 0);
            string text = _s.Explain(StatusId.PhoneHasLowMemory, 0);
            Assert.Contains("Categories: show directly, important.", text);
            Assert.Contains("raised by mem", text);
            Assert.Contains("PhoneHasNoAdminPassword ranks higher.", text);
            Assert.Contains("On the status line.", _s.Explain(StatusId.PhoneHasNoAdminPassword, 0));
            Assert.Contains("Not active.", _s.Explain(StatusId.WlanActive, 0));
        }

        [Fact]
        public void WarmRaiseClearAndRecomputeAllocateNothing()
        {
            var s = new StatusScheduler();
            int changes = 0;
            s.Changed += c => changes |= c;
            for (int round = 0; round < 3; round++)
            {
                Cycle(s, round * 1000);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 3; round < 50; round++)
            {
                Cycle(s, round * 1000);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.NotEqual(0, changes & StatusScheduler.PopUpChanged);
        }

        private static void Cycle(StatusScheduler s, long now)
        {
            s.Raise(StatusId.EthernetUnplugged, null, "link", now);
            s.Raise(StatusId.PhoneHasNoAdminPassword, null, "settings", now);
            s.Raise(StatusId.PhoneProvisioningStarting, null, "prov", now);
            s.Tick(now + 500);
            s.Clear(StatusId.EthernetUnplugged, now + 600);
            s.Clear(StatusId.PhoneHasNoAdminPassword, now + 700);
            s.Clear(StatusId.PhoneProvisioningStarting, now + 800);
            s.Tick(now + 900);
        }

        [Fact]
        public void WhileLeanARaiseKeepsNoParameterAndOneNeedingMoreSlotsIsRefusedEachCounted()
        {
            var s = new StatusScheduler();
            var counts = new int[3];
            s.Lean = counts;
            Assert.True(s.Raise(StatusId.PhoneHasMissedCalls, "3 calls", "calls", 0));
            Assert.True(s.IsActive(StatusId.PhoneHasMissedCalls));
            Assert.Null(s.ParamOf(StatusId.PhoneHasMissedCalls));
            // Without a parameter it costs nothing more: not counted.
            Assert.True(s.Raise(StatusId.RingerIsSilent, null, "ringer", 0));
            Assert.Equal(1, counts[StatusScheduler.LeanCount]);

            // The first slots are full: a new status would grow them, so it is refused (and says so).
            Assert.True(s.Raise(StatusId.AudioIsMuted, null, "audio", 0));
            Assert.True(s.Raise(StatusId.AnonymousIdOn, null, "anon", 0));
            Assert.False(s.Raise(StatusId.WlanActive, null, "wlan", 0));
            Assert.False(s.IsActive(StatusId.WlanActive));
            Assert.Equal(2, counts[StatusScheduler.LeanCount]);

            // The heap has room again: raised in full.
            s.Lean = null;
            Assert.True(s.Raise(StatusId.WlanActive, "ssid", "wlan", 0));
            Assert.Equal("ssid", s.ParamOf(StatusId.WlanActive));
            Assert.Equal(2, counts[StatusScheduler.LeanCount]);
        }
}
}
