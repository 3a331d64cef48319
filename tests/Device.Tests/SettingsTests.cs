using System.Text;
using DeskPhone.Domain.Settings;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest
{
    /// <summary>
    /// The settings store (domain/Settings) through a fake medium (Fakes/MemoryMedium, the device twin of
    /// tests/Firmware.Tests' CutMedium): round trips, the two alternating slots, power cuts during a write, a flipped
    /// byte, and the provisioning XML. Values with 2-, 3- and 4-byte UTF-8 characters go through the payload's
    /// escaping and CRC on the device as on the host. No password settings: their PBKDF2 needs HMACSHA256, whose
    /// native the POSIX nanoCLR lacks.
    /// </summary>
    [TestClass]
    public class SettingsTests
    {
        private const string RealName = "R\u00e9al \\ N\u00e4me \u20ac \uD83D\uDE00";

        private static void Version(SettingsStore s, string tag)
        {
            Assert.IsNull(s.Set("user_name", 1, "name-" + tag));
            Assert.IsNull(s.Set("user_realname", 3, RealName + " " + tag));
            Assert.IsNull(s.Set("mb_trusted_hosts", 0, "h" + tag + ".example.com"));
        }

        private static string VersionOf(SettingsStore s)
        {
            string tag = s.Get("user_name", 1);
            if (tag == "")
            {
                Assert.AreEqual("", s.Get("user_realname", 3));
                return "defaults";
            }
            tag = tag.Substring(5);
            // Every value must come from the same save: never a mix of old and new.
            Assert.AreEqual(RealName + " " + tag, s.Get("user_realname", 3));
            Assert.AreEqual("h" + tag + ".example.com", s.Get("mb_trusted_hosts"));
            return tag;
        }

        private static int SaveLength(MemoryMedium medium, SettingsStore template)
        {
            var probe = new SettingsStore(medium.Clone(), null);
            probe.Load();
            Version(probe, VersionOf(template));
            MemoryMedium m = medium.Clone();
            var s = new SettingsStore(m, null);
            s.Load();
            Version(s, VersionOf(template));
            Assert.IsNull(s.Save());
            int longest = 0;
            foreach (System.Collections.DictionaryEntry e in m.Blobs)
            {
                int n = ((byte[])e.Value).Length;
                longest = n > longest ? n : longest;
            }
            return longest;
        }

        [TestMethod]
        public void SaveAndLoadRoundTripWithMultiByteText()
        {
            var medium = new MemoryMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            Assert.IsTrue(s.IsDirty);
            Assert.IsNull(s.Save());
            Assert.IsFalse(s.IsDirty);

            var t = new SettingsStore(medium, null);
            SettingsLoadReport report = t.Load();
            Assert.AreEqual(SettingsStore.SlotA, report.Source);
            Assert.IsFalse(report.FellBack);
            Assert.AreEqual(0, report.Problems.Length);
            Assert.AreEqual("1", VersionOf(t));
            Assert.AreEqual("line", t.Get("fkey", 1));
        }

        [TestMethod]
        public void SavesAlternateSlotsWithARisingSequence()
        {
            var medium = new MemoryMedium();
            var s = new SettingsStore(medium, null);
            for (int i = 1; i <= 4; i++)
            {
                Version(s, i.ToString());
                Assert.IsNull(s.Save());
                SettingsLoadReport r = new SettingsStore(medium, null).Load();
                Assert.AreEqual((uint)i, r.Sequence);
                Assert.AreEqual(i % 2 == 1 ? SettingsStore.SlotA : SettingsStore.SlotB, r.Source);
            }
            Assert.AreEqual(2, medium.Blobs.Count);
        }

        [TestMethod]
        public void APowerCutDuringASaveLeavesTheOldOrTheNewSettings()
        {
            foreach (bool inPlace in new[] { false, true })
            {
                var baseline = new MemoryMedium { KeepOldTail = inPlace };
                var s = new SettingsStore(baseline, null);
                Version(s, "1");
                Assert.IsNull(s.Save());
                Version(s, "2");
                Assert.IsNull(s.Save());
                Version(s, "3");
                int length = SaveLength(baseline, s);
                int[] cuts = { 0, 1, 4, 5, 8, 12, 16, 20, length / 3, length / 2, length - 5, length - 1, length };
                foreach (int cut in cuts)
                {
                    MemoryMedium medium = baseline.Clone();
                    var writer = new SettingsStore(medium, null);
                    writer.Load();
                    Version(writer, "3");
                    medium.WriteBudget = cut;
                    string error = writer.Save();
                    medium.WriteBudget = -1;

                    var reader = new SettingsStore(medium, null);
                    SettingsLoadReport report = reader.Load();
                    string loaded = VersionOf(reader);
                    string where = (inPlace ? "in place" : "truncated") + ", cut at " + cut.ToString() + " of " + length.ToString();
                    if (cut < length)
                    {
                        Assert.IsNotNull(error, where);
                        if (!(inPlace && loaded == "3"))
                        {
                            Assert.AreEqual("2", loaded, where);
                            Assert.AreEqual(SettingsStore.SlotB, report.Source, where);
                        }
                    }
                    else
                    {
                        Assert.IsNull(error, where);
                        Assert.AreEqual("3", loaded, where);
                    }
                }
            }
        }

        [TestMethod]
        public void APowerCutDuringTheVeryFirstSaveLeavesDefaults()
        {
            foreach (int cut in new[] { 0, 3, 17, 60 })
            {
                var medium = new MemoryMedium { WriteBudget = cut };
                var s = new SettingsStore(medium, null);
                Version(s, "1");
                Assert.IsNotNull(s.Save());
                medium.WriteBudget = -1;
                var reader = new SettingsStore(medium, null);
                Assert.IsNull(reader.Load().Source);
                Assert.AreEqual("defaults", VersionOf(reader));
                Version(reader, "2");
                Assert.IsNull(reader.Save());
                var again = new SettingsStore(medium, null);
                again.Load();
                Assert.AreEqual("2", VersionOf(again));
            }
        }

        [TestMethod]
        public void AFlippedByteInTheNewestCopyFallsBackToTheOlder()
        {
            var medium = new MemoryMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            s.Save();
            Version(s, "2");
            s.Save();
            byte[] good = (byte[])medium.Blobs[SettingsStore.SlotB];
            int[] positions = { 0, 5, 9, good.Length / 2, good.Length - 1 };
            foreach (int i in positions)
            {
                MemoryMedium m = medium.Clone();
                ((byte[])m.Blobs[SettingsStore.SlotB])[i] ^= 0x20;
                var reader = new SettingsStore(m, null);
                SettingsLoadReport report = reader.Load();
                Assert.AreEqual("1", VersionOf(reader), "flipped byte " + i.ToString());
                Assert.AreEqual(SettingsStore.SlotA, report.Source);
                Assert.IsTrue(report.FellBack);
            }
        }

        [TestMethod]
        public void ValuesAreValidatedBeforeTheyAreStored()
        {
            var s = new SettingsStore();
            Assert.IsNotNull(s.Set("network_id_port", 0, "http"));
            Assert.IsNotNull(s.Set("network_id_port", 0, "99999999999"));
            Assert.IsNull(s.Set("network_id_port", 0, "5062"));
            Assert.AreEqual(5062, s.GetInt("network_id_port"));
            Assert.IsNotNull(s.Set("user_active", 1, "maybe"));
            Assert.IsNotNull(s.Set("no_such_setting", 0, "x"));
            Assert.IsNotNull(s.Set("user_name", 13, "x"));
        }

        [TestMethod]
        public void TheProvisioningXmlIsAppliedAndExportedAgain()
        {
            var s = new SettingsStore();
            byte[] data = Encoding.UTF8.GetBytes(
                "xx<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n <phone-settings e=\"2\">\n" +
                "  <user_active idx=\"2\" perm=\"\">on</user_active>\n" +
                "  <user_name idx=\"2\" perm=\"R\">486</user_name>\n" +
                "  <user_realname idx=\"2\" perm=\"\">J&#xFC;rgen &amp; \u6771\u4eac</user_realname>\n" +
                "  <filter_registrar perm=\"\">off</filter_registrar>\n" +
                "  <status_msgs_that_are_blocked perm=\"\">PhoneIsLocked\n   RingerIsSilent</status_msgs_that_are_blocked>\n" +
                " </phone-settings>\n" +
                " <functionKeys>\n  <fkey idx=\"0\" context=\"active\" perm=\"\">blf sip:bob@pbx</fkey>\n </functionKeys>\n" +
                "</settings>\nyy");
            SettingsImportReport report = s.ImportXml(data, 2, data.Length - 4);
            Assert.IsNull(report.Malformed);
            Assert.IsTrue(report.Ok);
            Assert.AreEqual(6, report.Applied);
            Assert.AreEqual("486", s.Get("user_name", 2));
            Assert.AreEqual("J\u00fcrgen & \u6771\u4eac", s.Get("user_realname", 2));
            Assert.AreEqual("PhoneIsLocked RingerIsSilent", s.Get("status_msgs_that_are_blocked"));
            Assert.AreEqual("blf sip:bob@pbx", s.Get("fkey", 1));

            byte[] xml = s.ExportXml(false);
            string text = Encoding.UTF8.GetString(xml, 0, xml.Length);
            Assert.Contains("<user_realname idx=\"2\" perm=\"\">J\u00fcrgen &amp; \u6771\u4eac</user_realname>", text);
        }

        [TestMethod]
        public void AMalformedProvisioningFileChangesNothing()
        {
            var s = new SettingsStore();
            byte[] data = Encoding.UTF8.GetBytes("<settings><phone-settings><user_name idx=\"1\" perm=\"\">eve</user_name></phone-settings>");
            SettingsImportReport report = s.ImportXml(data, 0, data.Length);
            Assert.IsNotNull(report.Malformed);
            Assert.AreEqual("", s.Get("user_name", 1));
        }
    }
}
