using System;
using System.IO;
using DeskPhone.Board.Settings;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    public class SettingsPersistenceTests
    {
        private static void Version(SettingsStore s, string tag)
        {
            Assert.Null(s.Set("user_name", 1, "name-" + tag));
            Assert.Null(s.Set("user_realname", 3, "Real \\ Name " + tag));
            Assert.Null(s.Set("mb_trusted_hosts", 0, "h" + tag + ".example.com"));
        }

        private static string VersionOf(SettingsStore s)
        {
            string tag = s.Get("user_name", 1);
            if (tag == "")
            {
                Assert.Equal("", s.Get("user_realname", 3));
                Assert.Equal("", s.Get("mb_trusted_hosts"));
                return "defaults";
            }
            tag = tag.Substring(5);
            // Every value must belong to the same version: never a mix of old and new.
            Assert.Equal("Real \\ Name " + tag, s.Get("user_realname", 3));
            Assert.Equal("h" + tag + ".example.com", s.Get("mb_trusted_hosts"));
            return tag;
        }

        [Fact]
        public void SaveAndLoadRoundTrip()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            s.Set("http_pass", 0, "pw");
            Assert.True(s.IsDirty);
            Assert.Null(s.Save());
            Assert.False(s.IsDirty);

            var t = new SettingsStore(medium, null);
            SettingsLoadReport report = t.Load();
            Assert.Equal(SettingsStore.SlotA, report.Source);
            Assert.False(report.FellBack);
            Assert.Empty(report.Problems);
            Assert.Equal("1", VersionOf(t));
            Assert.True(t.CheckPassword("http_pass", "pw"));
            Assert.Equal("line", t.Get("fkey", 1));
        }

        [Fact]
        public void SavesAlternateSlotsWithRisingSequence()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            for (int i = 1; i <= 5; i++)
            {
                Version(s, i.ToString());
                Assert.Null(s.Save());
                SettingsLoadReport r = new SettingsStore(medium, null).Load();
                Assert.Equal((uint)i, r.Sequence);
                Assert.Equal(i % 2 == 1 ? SettingsStore.SlotA : SettingsStore.SlotB, r.Source);
            }
            Assert.Equal(2, medium.Blobs.Count);
        }

        private static byte[] Resequenced(byte[] blob, uint sequence)
        {
            var payload = new byte[blob.Length - SettingsSlot.HeaderBytes];
            Array.Copy(blob, SettingsSlot.HeaderBytes, payload, 0, payload.Length);
            return SettingsSlot.Encode(sequence, payload);
        }

        [Fact]
        public void TheSequenceWrapsAfter2To32SavesAndTheNewestCopyStillWins()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "old");
            Assert.Null(s.Save());
            medium.Blobs[SettingsStore.SlotA] = Resequenced(medium.Blobs[SettingsStore.SlotA], 0xFFFFFFFDu);

            // Saves 0xFFFFFFFE, 0xFFFFFFFF, 0 (the wrap), 1, 2: after each one a fresh load sees that save.
            var writer = new SettingsStore(medium, null);
            Assert.Equal(0xFFFFFFFDu, writer.Load().Sequence);
            Assert.Equal("old", VersionOf(writer));
            uint expected = 0xFFFFFFFDu;
            for (int i = 1; i <= 5; i++)
            {
                Version(writer, "v" + i);
                Assert.Null(writer.Save());
                expected++;
                var reader = new SettingsStore(medium, null);
                SettingsLoadReport report = reader.Load();
                Assert.Equal("v" + i, VersionOf(reader));
                Assert.Equal(expected, report.Sequence);
            }

            // The two copies on both sides of the wrap, in either slot: sequence 0 is the newer one.
            var a = new CutMedium();
            a.Blobs[SettingsStore.SlotA] = Resequenced(medium.Blobs[SettingsStore.SlotA], 0xFFFFFFFFu);
            a.Blobs[SettingsStore.SlotB] = Resequenced(medium.Blobs[SettingsStore.SlotB], 0u);
            Assert.Equal(SettingsStore.SlotB, new SettingsStore(a, null).Load().Source);
            a.Blobs[SettingsStore.SlotA] = Resequenced(medium.Blobs[SettingsStore.SlotA], 0u);
            a.Blobs[SettingsStore.SlotB] = Resequenced(medium.Blobs[SettingsStore.SlotB], 0xFFFFFFFFu);
            Assert.Equal(SettingsStore.SlotA, new SettingsStore(a, null).Load().Source);
            Assert.True(SettingsSlot.IsNewer(0u, 0xFFFFFFFFu));
            Assert.False(SettingsSlot.IsNewer(0xFFFFFFFFu, 0u));
        }

        [Fact]
        public void SaveWithoutLoadDoesNotGoBehindAnExistingNewerCopy()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            for (int i = 1; i <= 3; i++)
            {
                Version(s, i.ToString());
                s.Save();
            }
            var fresh = new SettingsStore(medium, null);
            Version(fresh, "9");
            Assert.Null(fresh.Save());
            var t = new SettingsStore(medium, null);
            Assert.Equal(4u, t.Load().Sequence);
            Assert.Equal("9", VersionOf(t));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void PowerCutAtEveryByteLeavesOldOrNewSettings(bool overwriteInPlace)
        {
            // Two good copies exist (v1 in A, v2 in B); saving v3 overwrites A, the older copy.
            var baseline = new CutMedium { KeepOldTail = overwriteInPlace };
            var s = new SettingsStore(baseline, null);
            Version(s, "1");
            Assert.Null(s.Save());
            Version(s, "2");
            Assert.Null(s.Save());
            Version(s, "3");
            int length = SaveLength(baseline.Clone(), s);

            for (int cut = 0; cut <= length; cut++)
            {
                var medium = baseline.Clone();
                medium.KeepOldTail = overwriteInPlace;
                var writer = new SettingsStore(medium, null);
                writer.Load();
                Version(writer, "3");
                medium.WriteBudget = cut;
                string error = writer.Save();
                medium.WriteBudget = -1;

                var reader = new SettingsStore(medium, null);
                SettingsLoadReport report = reader.Load();
                string loaded = VersionOf(reader);
                if (cut < length)
                {
                    Assert.NotNull(error);
                    if (overwriteInPlace && loaded == "3")
                    {
                        // The cut came after the last byte that differs from the old copy: the file is complete.
                        Assert.Equal(SettingsStore.SlotA, report.Source);
                        continue;
                    }
                    Assert.Equal("2", loaded);
                    Assert.Equal(SettingsStore.SlotB, report.Source);
                    // Truncated, the slot is always short and reported; overwritten in place, the first bytes
                    // ("DPS1") equal the old copy's, so an early cut leaves the older copy intact and unreported.
                    Assert.True(report.FellBack || (overwriteInPlace && cut <= 4));
                }
                else
                {
                    Assert.Null(error);
                    Assert.Equal("3", loaded);
                    Assert.False(report.FellBack);
                }
            }
        }

        [Fact]
        public void SilentlyShortWriteIsCaughtByTheReadBack()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            Assert.Null(s.Save());
            Version(s, "2");
            medium.WriteBudget = 20;
            medium.SilentCut = true;
            string error = s.Save();
            Assert.Contains("did not read back intact", error);
            Assert.True(s.IsDirty);
            medium.WriteBudget = -1;
            Assert.Equal("1", VersionOf(Loaded(medium)));
            // The next save still avoids the good copy.
            Assert.Null(s.Save());
            Assert.Equal("2", VersionOf(Loaded(medium)));
        }

        [Fact]
        public void PowerCutDuringTheVeryFirstSaveLeavesDefaults()
        {
            var template = new SettingsStore(new CutMedium(), null);
            Version(template, "1");
            int length = SaveLength(new CutMedium(), template);
            for (int cut = 0; cut < length; cut++)
            {
                var medium = new CutMedium { WriteBudget = cut };
                var s = new SettingsStore(medium, null);
                Version(s, "1");
                Assert.NotNull(s.Save());
                medium.WriteBudget = -1;
                var reader = new SettingsStore(medium, null);
                SettingsLoadReport report = reader.Load();
                Assert.Null(report.Source);
                Assert.Equal("defaults", VersionOf(reader));
                // The next save must still work and win.
                Version(reader, "2");
                Assert.Null(reader.Save());
                Assert.Equal("2", VersionOf(Loaded(medium)));
            }
        }

        [Fact]
        public void FlippedByteAnywhereInTheNewestCopyFallsBackToTheOlder()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            s.Save();
            Version(s, "2");
            s.Save();
            byte[] good = medium.Blobs[SettingsStore.SlotB];
            for (int i = 0; i < good.Length; i++)
            {
                var m = medium.Clone();
                m.Blobs[SettingsStore.SlotB][i] ^= 0x20;
                var reader = new SettingsStore(m, null);
                SettingsLoadReport report = reader.Load();
                Assert.Equal("1", VersionOf(reader));
                Assert.True(report.FellBack);
                Assert.Contains(report.Problems, p => p.StartsWith(SettingsStore.SlotB));
            }
        }

        [Fact]
        public void GarbageEmptyAndUnreadableFilesGiveDefaultsAndAReport()
        {
            var medium = new CutMedium();
            medium.Blobs[SettingsStore.SlotA] = new byte[0];
            medium.Blobs[SettingsStore.SlotB] = System.Text.Encoding.ASCII.GetBytes("DPS1 this is not a settings file at all");
            SettingsLoadReport report = new SettingsStore(medium, null).Load();
            Assert.Null(report.Source);
            Assert.True(report.FellBack);
            Assert.Equal(2, report.Problems.Length);

            medium.FailReads = true;
            var s = new SettingsStore(medium, null);
            report = s.Load();
            Assert.Null(report.Source);
            Assert.Contains("unreadable", report.ToString());
            Assert.Equal("defaults", VersionOf(s));
        }

        [Fact]
        public void HugeLengthInAHeaderIsRefusedBeforeAllocating()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            s.Save();
            byte[] blob = medium.Blobs[SettingsStore.SlotA];
            blob[11] = 0x7F;
            SettingsLoadReport report = new SettingsStore(medium, null).Load();
            Assert.Null(report.Source);
            Assert.Contains("length mismatch", report.Problems[0]);
        }

        [Fact]
        public void StoredValueTheTableNowRefusesIsReportedAndDefaulted()
        {
            var payload = new byte[200];
            int at = SettingsPayload.WriteLine(payload, 0, "user_expiry", 1, "5");
            at = SettingsPayload.WriteLine(payload, at, "user_name", 1, "ok");
            at = SettingsPayload.WriteLine(payload, at, "legacy_thing", 0, "kept\nacross lines");
            Assert.Equal("user_expiry\t1\t5\nuser_name\t1\tok\nlegacy_thing\t0\tkept\\nacross lines\n", System.Text.Encoding.UTF8.GetString(payload, 0, at));
            at += System.Text.Encoding.UTF8.GetBytes("garbage line\n", 0, 13, payload, at);
            var medium = new CutMedium();
            medium.Blobs[SettingsStore.SlotA] = SettingsSlot.Encode(1, payload.AsSpan(0, at).ToArray());
            var s = new SettingsStore(medium, null);
            SettingsLoadReport report = s.Load();
            Assert.Equal(SettingsStore.SlotA, report.Source);
            Assert.Equal(3600, s.GetInt("user_expiry", 1));
            Assert.Equal("ok", s.Get("user_name", 1));
            Assert.Equal(2, report.Problems.Length);
            Assert.Contains(report.Problems, p => p.Contains("user_expiry[1]: 5 is out of range"));
            Assert.Equal(1, s.UnknownCount);
            Assert.Equal("kept\nacross lines", s.GetUnknown(0).Value);

            // Unknown settings survive a save.
            Assert.Null(s.Save());
            Assert.Equal("kept\nacross lines", Loaded(medium).GetUnknown(0).Value);
        }

        [Fact]
        public void FactoryResetRestoresDefaultsDeletesCopiesAndAnnounces()
        {
            var medium = new CutMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            s.Set("http_pass", 0, "pw");
            s.Set("admin_mode_password", 0, "adm");
            s.Set("dhcp", 0, "off");
            Assert.Null(s.Save());
            Version(s, "2");
            Assert.Null(s.Save());
            var reloaded = Loaded(medium);
            var changes = new System.Collections.Generic.List<string>();
            var passwords = new System.Collections.Generic.List<string>();
            int reboots = 0;
            reloaded.SettingChanged += (n, i, r) => changes.Add(n + "/" + i);
            reloaded.PasswordStateChanged += (n, i, set) => passwords.Add(n + "=" + set);
            reloaded.RebootRequiredRaised += () => reboots++;

            Assert.Null(reloaded.FactoryReset());
            Assert.Equal("defaults", VersionOf(reloaded));
            Assert.True(reloaded.GetBool("dhcp"));
            Assert.False(reloaded.IsPasswordSet("http_pass"));
            Assert.Empty(medium.Blobs);
            Assert.Equal(new[] { "user_name/1", "user_realname/3", "mb_trusted_hosts/0", "admin_mode_password/0", "http_pass/0", "dhcp/0" }, changes);
            Assert.Equal(new[] { "admin_mode_password=False", "http_pass=False" }, passwords);
            Assert.Equal(1, reboots);
            Assert.Null(Loaded(medium).Load().Source);
        }

        [Fact]
        public void FactoryResetReportsAMediumThatCannotDelete()
        {
            var medium = new ThrowingDeleteMedium();
            var s = new SettingsStore(medium, null);
            Version(s, "1");
            Assert.Null(s.Save());
            Assert.Contains("deleting the stored copies failed", s.FactoryReset());
            Assert.Equal("defaults", VersionOf(s));
            // The surviving copy is outranked by the next save.
            Assert.Null(s.Save());
            Assert.Equal("defaults", VersionOf(Loaded(medium)));
        }

        private sealed class ThrowingDeleteMedium : ISettingsMedium
        {
            private readonly CutMedium _inner = new CutMedium();
            public byte[] Read(string name) => _inner.Read(name);
            public void Write(string name, byte[] data, int offset, int count) => _inner.Write(name, data, offset, count);
            public void Delete(string name) => throw new IOException("read-only");
        }

        [Fact]
        public void WithoutMediumSaveReportsAndLoadGivesDefaults()
        {
            var s = new SettingsStore();
            s.Set("user_name", 1, "x");
            Assert.NotNull(s.Save());
            Assert.Null(s.Load().Source);
            Assert.Equal("", s.Get("user_name", 1));
        }

        [Fact]
        public void FileMediumPersistsInAFolder()
        {
            string folder = Path.Combine(Path.GetTempPath(), "deskphone-settings-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var medium = new FileSettingsMedium(folder);
                var s = new SettingsStore(medium, null);
                Version(s, "7");
                Assert.Null(s.Save());
                Version(s, "8");
                Assert.Null(s.Save());
                Assert.True(File.Exists(Path.Combine(folder, SettingsStore.SlotA)));
                Assert.True(File.Exists(Path.Combine(folder, SettingsStore.SlotB)));
                var t = new SettingsStore(new FileSettingsMedium(folder), null);
                Assert.Equal(2u, t.Load().Sequence);
                Assert.Equal("8", VersionOf(t));
                medium.Delete(SettingsStore.SlotB);
                Assert.Null(medium.Read(SettingsStore.SlotB));
                Assert.Equal("7", VersionOf(Loaded(medium)));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        private static SettingsStore Loaded(ISettingsMedium medium)
        {
            var s = new SettingsStore(medium, null);
            s.Load();
            return s;
        }

        /// <summary>Bytes the next save of s writes (measured on a throw-away medium).</summary>
        private static int SaveLength(CutMedium scratch, SettingsStore template)
        {
            var probe = new SettingsStore(scratch, null);
            probe.Load();
            Version(probe, template.Get("user_name", 1).Substring(5));
            int before = scratch.Writes;
            Assert.Null(probe.Save());
            Assert.Equal(before + 1, scratch.Writes);
            string slot = probe.Load().Source;
            return scratch.Blobs[slot].Length;
        }
    }
}
