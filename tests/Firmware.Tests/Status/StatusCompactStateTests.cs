using System;
using System.Collections.Generic;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Tests.Status
{
    /// <summary>The scheduler keeps state only for active messages; the categories keep ":N" only where one is given.</summary>
    public class StatusCompactStateTests
    {
        [Fact]
        public void EveryMessageActiveAtOnceKeepsItsOwnParameterSourceAndTime()
        {
            var s = new StatusScheduler();
            for (int id = 0; id < StatusId.Count; id++)
            {
                Assert.True(s.Raise(id, "p" + id, "src" + id, 1000 + id));
            }
            for (int id = 0; id < StatusId.Count; id += 3)
            {
                Assert.True(s.Clear(id, 5000));
            }
            Assert.True(s.Raise(0, "again", "late", 6000));
            for (int id = 0; id < StatusId.Count; id++)
            {
                bool active = id == 0 || id % 3 != 0;
                Assert.Equal(active, s.IsActive(id));
                Assert.Equal(active ? (id == 0 ? "again" : "p" + id) : null, s.ParamOf(id));
                Assert.Equal(active ? (id == 0 ? "late" : "src" + id) : null, s.SourceOf(id));
                Assert.Equal(active ? (id == 0 ? 6000 : 1000 + id) : 0, s.RaisedAt(id));
            }
            // Newest first: 0 was raised last, then the others in falling ID order (never the blocked ones).
            Assert.Equal(0, s.Notification(0));
            for (int i = 1; i < s.NotificationCount; i++)
            {
                Assert.False(s.Categories.IsIn(s.Notification(i), StatusCategories.Blocked));
                Assert.True(i == 1 || s.Notification(i) < s.Notification(i - 1), "order at " + i);
            }
        }

        [Fact]
        public void StatusesRaisedByTheSameSourceShareOneSourceString()
        {
            // Each raise brings its own string object (on the device even a literal's); the slots keep one of equal ones.
            var s = new StatusScheduler();
            string first = new string("sip".ToCharArray());
            string second = new string("sip".ToCharArray());
            Assert.True(s.Raise(StatusId.EthernetUnplugged, null, first, 0));
            Assert.True(s.Raise(StatusId.WlanActive, null, second, 1));
            Assert.True(s.Raise(StatusId.HidConnected, null, "bench", 2));
            Assert.Same(first, s.SourceOf(StatusId.WlanActive));
            Assert.Equal("bench", s.SourceOf(StatusId.HidConnected));
            Assert.True(s.Clear(StatusId.EthernetUnplugged, 3));
            Assert.Same(first, s.SourceOf(StatusId.WlanActive));
            Assert.Null(s.SourceOf(StatusId.EthernetUnplugged));
        }

        [Fact]
        public void ParametersKeptAsBytesReadBackEqualWhateverTheirNeighboursDo()
        {
            // Kept as UTF-8 one after the other: a change or a clear of one moves the others' bytes, never their texts.
            var s = new StatusScheduler();
            Assert.True(s.Raise(StatusId.WlanActive, "Müller € 😀", "wlan", 0));
            Assert.True(s.Raise(StatusId.HidConnected, "", "hid", 1));
            Assert.True(s.Raise(StatusId.UxmConnected, null, "uxm", 2));
            Assert.True(s.Raise(StatusId.PhoneHasMissedCalls, "3 calls", "calls", 3));
            Assert.Equal("Müller € 😀", s.ParamOf(StatusId.WlanActive));
            Assert.Equal("", s.ParamOf(StatusId.HidConnected));
            Assert.Null(s.ParamOf(StatusId.UxmConnected));

            // An equal parameter (another string object) changes nothing; a different one, however close, does.
            Assert.False(s.Raise(StatusId.WlanActive, new string("Müller € 😀".ToCharArray()), "x", 4));
            Assert.False(s.Raise(StatusId.HidConnected, "", "x", 4));
            Assert.False(s.Raise(StatusId.UxmConnected, null, "x", 4));
            Assert.True(s.Raise(StatusId.WlanActive, "Müller € 😁", "x", 4));
            Assert.True(s.Raise(StatusId.HidConnected, null, "x", 4));
            Assert.True(s.Raise(StatusId.UxmConnected, "longer than it was", "x", 4));
            Assert.True(s.Raise(StatusId.PhoneHasMissedCalls, "3 call", "x", 4));

            Assert.True(s.Clear(StatusId.WlanActive, 5));
            Assert.Null(s.ParamOf(StatusId.HidConnected));
            Assert.Equal("longer than it was", s.ParamOf(StatusId.UxmConnected));
            Assert.Equal("3 call", s.ParamOf(StatusId.PhoneHasMissedCalls));
            Assert.Equal("uxm", s.SourceOf(StatusId.UxmConnected));
            Assert.Contains("parameter '3 call', raised by calls", s.Explain(StatusId.PhoneHasMissedCalls, 5));
        }

        [Fact]
        public void RaisingAnActiveStatusAgainWithAnEqualParameterAllocatesNothing()
        {
            var s = new StatusScheduler();
            Assert.True(s.Raise(StatusId.EthernetUnplugged, "Wi-Fi: wrong key (ü)", "link", 0));
            string again = new string("Wi-Fi: wrong key (ü)".ToCharArray());
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                Assert.False(s.Raise(StatusId.EthernetUnplugged, again, "link", i));
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void ASourceNoActiveStatusHoldsMakesRoomForTheNext()
        {
            var s = new StatusScheduler();
            Assert.True(s.Raise(StatusId.HidConnected, null, "hid", 0));
            for (int round = 0; round < 3; round++)
            {
                Assert.True(s.Raise(StatusId.WlanActive, null, "wlan" + round, 0));
                Assert.True(s.Clear(StatusId.WlanActive, 1));
            }
            // Warm: new sources take the emptied entries, so the table does not grow again.
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(s.Raise(StatusId.WlanActive, null, "made before", 2));
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal("hid", s.SourceOf(StatusId.HidConnected));
            Assert.Equal("made before", s.SourceOf(StatusId.WlanActive));
        }

        [Fact]
        public void AnIdRanksByTheListOfItsHighestRankWhereverElseItIs()
        {
            // Show-directly lists WlanActive first, but both are essential too, where UxmConnected comes first; the
            // important list, lower than essential, changes nothing; HidConnected is only important.
            var c = new StatusCategories();
            c.Configure("", "WlanActive UxmConnected HidConnected", "UxmConnected WlanActive", "WlanActive HidConnected", "", "");
            Assert.Empty(c.Problems);
            Assert.Equal(3, c.Rank(StatusId.WlanActive));
            Assert.Equal(3, c.Rank(StatusId.UxmConnected));
            Assert.Equal(2, c.Rank(StatusId.HidConnected));
            Assert.Equal(0, c.Rank(StatusId.EthernetUnplugged));
            Assert.True(c.RankPosition(StatusId.UxmConnected) < c.RankPosition(StatusId.WlanActive));
            Assert.Equal(1, c.RankPosition(StatusId.HidConnected));
            Assert.True(c.IsIn(StatusId.WlanActive, StatusCategories.ShowDirectly) && c.IsIn(StatusId.WlanActive, StatusCategories.Important));

            // On the status line: the essential order wins over the show-directly order.
            var s = new StatusScheduler();
            s.Configure("", "WlanActive UxmConnected", "UxmConnected WlanActive", "", "", "", 0);
            s.Raise(StatusId.UxmConnected, null, "t", 0);
            s.Raise(StatusId.WlanActive, null, "t", 1);
            Assert.Equal(StatusId.UxmConnected, s.StatusLine);
        }

        [Fact]
        public void SecondsAndPositionsFollowTheListsWithRepeatsOverriding()
        {
            var c = new StatusCategories();
            c.Configure("", "WlanActive:5 UxmConnected EthernetUnplugged:86400 WlanActive UxmConnected:7", "", "", "", "HidConnected:0");
            Assert.Empty(c.Problems);
            Assert.Equal(-1, c.Seconds(StatusId.WlanActive, StatusCategories.ShowDirectly)); // the later entry has no :N
            Assert.Equal(7, c.Seconds(StatusId.UxmConnected, StatusCategories.ShowDirectly));
            Assert.Equal(86400, c.Seconds(StatusId.EthernetUnplugged, StatusCategories.ShowDirectly));
            Assert.Equal(0, c.Seconds(StatusId.HidConnected, StatusCategories.PopUp));
            Assert.Equal(-1, c.Seconds(StatusId.HidConnected, StatusCategories.ShowDirectly));
            Assert.True(c.RankPosition(StatusId.WlanActive) < c.RankPosition(StatusId.UxmConnected));
            Assert.True(c.RankPosition(StatusId.UxmConnected) < c.RankPosition(StatusId.EthernetUnplugged));
            Assert.Equal(int.MaxValue, c.RankPosition(StatusId.HidConnected));

            var timed = new List<string>();
            for (int id = 0; id < StatusId.Count; id++)
            {
                timed.Add(StatusCatalog.Name(id) + ":" + (id * 997 % 86401));
            }
            c.Configure("", string.Join(" ", timed), "", "", "", "");
            for (int id = 0; id < StatusId.Count; id++)
            {
                Assert.Equal(id * 997 % 86401, c.Seconds(id, StatusCategories.ShowDirectly));
                Assert.Equal(id, c.RankPosition(id));
            }
        }
    }
}
