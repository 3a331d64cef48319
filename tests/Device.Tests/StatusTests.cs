using System.Collections;
using DeskPhone.Domain.Status;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The status scheduler (domain/Status): the six categories' priorities, the ":N" seconds of the setting lists
    /// (parsed by hand, no int.Parse), pop-up timeouts in virtual time, and the explanations built from strings.
    /// </summary>
    [TestClass]
    public class StatusTests
    {
        [TestMethod]
        public void TheDefaultListsParseWithoutProblems()
        {
            var s = new StatusScheduler();
            Assert.AreEqual(0, s.Categories.Problems.Count);
            Assert.AreEqual(3, s.Categories.Seconds(StatusId.StatusLineSystemMessage, StatusCategories.ShowDirectly));
            Assert.AreEqual(0, s.Categories.Seconds(StatusId.LocationRetrievalFailed, StatusCategories.PopUp));
            Assert.IsTrue(s.Categories.IsIn(StatusId.Identity07IsNotRegistered, StatusCategories.Important));
            Assert.AreEqual(StatusScheduler.NoMessage, s.StatusLine);
        }

        [TestMethod]
        public void EssentialBeatsImportantBeatsShowDirectly()
        {
            var s = new StatusScheduler();
            s.Raise(StatusId.CurrentIdentityHasVoiceMessages, null, "mwi", 0);
            Assert.AreEqual(StatusId.CurrentIdentityHasVoiceMessages, s.StatusLine);
            s.Raise(StatusId.EthernetUnplugged, null, "link", 1);
            Assert.AreEqual(StatusId.EthernetUnplugged, s.StatusLine);
            s.Raise(StatusId.CurrentIdentityIsNotRegistered, null, "sip", 2);
            Assert.AreEqual(StatusId.CurrentIdentityIsNotRegistered, s.StatusLine);
            s.Raise(StatusId.PhoneHasLowMemory, null, "x", 3);
            Assert.AreEqual(StatusId.CurrentIdentityIsNotRegistered, s.StatusLine);
            s.Clear(StatusId.CurrentIdentityIsNotRegistered, 4);
            Assert.AreEqual(StatusId.EthernetUnplugged, s.StatusLine);
            s.Clear(StatusId.EthernetUnplugged, 5);
            Assert.AreEqual(StatusId.PhoneHasLowMemory, s.StatusLine);
        }

        [TestMethod]
        public void TheSecondsEndTheStatusLinePresentationNotTheStatus()
        {
            var s = new StatusScheduler();
            s.Raise(StatusId.StatusLineSystemMessage, "hello", "bench", 1000);
            s.Tick(3999);
            Assert.AreEqual(StatusId.StatusLineSystemMessage, s.StatusLine);
            s.Tick(4000);
            Assert.AreEqual(StatusScheduler.NoMessage, s.StatusLine);
            Assert.IsTrue(s.IsActive(StatusId.StatusLineSystemMessage));
            Assert.AreEqual(1, s.NotificationCount);
            Assert.Contains("its time on the status line is over", s.Explain(StatusId.StatusLineSystemMessage, 4000));
        }

        [TestMethod]
        public void PopUpsShowOneAtATimeWithTheirTimeouts()
        {
            var s = new StatusScheduler();
            s.DefaultPopUpSeconds = 10;
            s.Raise(StatusId.PhoneProvisioningStarting, null, null, 0);
            s.Raise(StatusId.LocationRetrievalFailed, null, null, 100);
            Assert.AreEqual(StatusId.PhoneProvisioningStarting, s.PopUp);
            s.Tick(9999);
            Assert.AreEqual(StatusId.PhoneProvisioningStarting, s.PopUp);
            s.Tick(10000);
            Assert.AreEqual(StatusId.LocationRetrievalFailed, s.PopUp);
            // ":0" stays until dismissed, even days later (a long beyond int range of milliseconds).
            s.Tick(3000000000L);
            Assert.AreEqual(StatusId.LocationRetrievalFailed, s.PopUp);
            Assert.IsTrue(s.DismissPopUp(3000000001L));
            Assert.AreEqual(StatusScheduler.NoMessage, s.PopUp);
        }

        [TestMethod]
        public void SecondsInTheListsAreHonouredAndBadOnesReported()
        {
            var s = new StatusScheduler();
            s.Configure("NoSuchThing EthernetUnplugged", "UxmConnected:abc HidConnected:999999 WlanActive:5 TryParking:86400", "", "", "", "", 0);
            ArrayList problems = s.Categories.Problems;
            Assert.AreEqual(3, problems.Count);
            Assert.AreEqual("status_msgs_that_are_blocked: unknown status ID 'NoSuchThing'", (string)problems[0]);
            Assert.Contains("bad seconds in 'UxmConnected:abc'", (string)problems[1]);
            Assert.Contains("HidConnected:999999", (string)problems[2]);
            Assert.AreEqual(5, s.Categories.Seconds(StatusId.WlanActive, StatusCategories.ShowDirectly));
            Assert.AreEqual(86400, s.Categories.Seconds(StatusCatalog.Find("TryParking"), StatusCategories.ShowDirectly));
            Assert.IsTrue(s.Categories.IsIn(StatusId.EthernetUnplugged, StatusCategories.Blocked));
            Assert.IsFalse(s.Categories.IsIn(StatusId.UxmConnected, StatusCategories.ShowDirectly));

            s.Raise(StatusId.WlanActive, null, null, 0);
            Assert.AreEqual(1, s.ShowDirectlyCount(4999));
            Assert.AreEqual(0, s.ShowDirectlyCount(5000));
        }

        [TestMethod]
        public void TheNotificationListIsNewestFirstAndParameterisedIdsAreSeparate()
        {
            var s = new StatusScheduler();
            s.Raise(StatusId.EthernetUnplugged, null, null, 0);
            s.Raise(StatusId.PhoneHasMissedCalls, null, null, 1);
            s.Raise(StatusId.IdentityIsNotRegistered(3), null, "sip", 2);
            Assert.AreEqual(StatusId.Identity03IsNotRegistered, s.Notification(0));
            Assert.AreEqual(StatusId.PhoneHasMissedCalls, s.Notification(1));
            Assert.AreEqual(StatusId.EthernetUnplugged, s.Notification(2));
            Assert.IsFalse(s.IsActive(StatusId.Identity04IsNotRegistered));
            Assert.AreEqual(StatusId.Identity03IsNotRegistered, StatusCatalog.Find("Identity03IsNotRegistered"));
            Assert.AreEqual("Identity03IsNotRegistered", StatusCatalog.Name(StatusId.Identity03IsNotRegistered));
        }

        [TestMethod]
        public void TheCatalogLooksUpEveryNameCaseSensitively()
        {
            for (int id = 0; id < StatusId.Count; id++)
            {
                string name = StatusCatalog.Name(id);
                Assert.AreEqual(id, StatusCatalog.Find(name), name);
                Assert.IsTrue(StatusCatalog.Description(id).Length > 0, name);
            }
            Assert.AreEqual(-1, StatusCatalog.Find("ethernetunplugged"));
            Assert.AreEqual(StatusId.EthernetUnplugged, StatusCatalog.Find("xEthernetUnpluggedx", 1, 17));
        }

        [TestMethod]
        public void ExplainSaysWhoHoldsTheLine()
        {
            var s = new StatusScheduler();
            s.Raise(StatusId.PhoneHasLowMemory, null, "mem", 0);
            s.Raise(StatusId.PhoneHasNoAdminPassword, null, "settings", 0);
            string text = s.Explain(StatusId.PhoneHasLowMemory, 0);
            Assert.Contains("Categories: show directly, important.", text);
            Assert.Contains("raised by mem", text);
            Assert.Contains("PhoneHasNoAdminPassword ranks higher.", text);
            Assert.Contains("On the status line.", s.Explain(StatusId.PhoneHasNoAdminPassword, 0));
            Assert.Contains("Not active.", s.Explain(StatusId.WlanActive, 0));
        }
    }
}
