using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeskPhone.Firmware.Updates;
using DeskPhone.Firmware.Tests.Provisioning;
using Xunit;

namespace DeskPhone.Firmware.Tests.Updates
{
    /// <summary>
    /// A check over a scripted server onto flash in memory: staged and verified, refused for a wrong MAC, a cut file
    /// or a wrong length with the old set kept, and a power cut at every write step of staging, applying and
    /// confirming: the next start always has a whole, verified set to start, and a retried check completes.
    /// </summary>
    public class FirmwareUpdaterTests
    {
        private const string Url = "http://upd.example/fw/update.txt";

        private readonly FakeHttpChannel _http = new FakeHttpChannel();
        private readonly FakeUpdateMedium _flash = new FakeUpdateMedium();
        private long _now;

        private static FakeHttpChannel.Answer Ok(byte[] body, int send = -1, bool close = true)
        {
            var a = new FakeHttpChannel.Answer { CloseAfter = close };
            a.Pieces.Enqueue(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\n\r\n"));
            a.Pieces.Enqueue(send < 0 ? body : body[..send]);
            return a;
        }

        private void Serve(UpdateSet set, string onlyFrom = null)
        {
            _http.Script.Enqueue(Ok(set.Manifest()));
            bool serving = onlyFrom == null;
            foreach (var f in set.Files)
            {
                serving |= f.Name == onlyFrom;
                if (serving)
                {
                    _http.Script.Enqueue(Ok(f.Data));
                }
            }
        }

        private FirmwareUpdater Updater() => new FirmwareUpdater(_http, _flash, new BootRecordStore(_flash).Load());

        private void RunCheck(FirmwareUpdater updater)
        {
            Assert.Null(updater.Check(Url, null, UpdateSet.Key, _now));
            for (int turns = 0; updater.State != FirmwareUpdater.Idle; turns++)
            {
                Assert.True(turns < 10000, "the check never ended");
                _now += 5;
                _http.Now = _now;
                updater.Poll(_now);
            }
        }

        private List<string> Paths() => _http.Requests.Select(r => r.Split(' ')[1]).ToList();

        /// <summary>The set the record says to start is whole: every file of its manifest copy matches it.</summary>
        private void AssertStartable(BootRecord r, UpdateSet expectedStaged = null)
        {
            string slot = r.State == BootRecord.Trying ? r.Staged : r.Active;
            if (slot.Length == 0)
            {
                return; // the deployed set: never touched by an update
            }
            byte[] manifest = _flash.Read(SlotWriter.FileName(slot, FirmwareUpdater.ManifestName));
            UpdateManifest m = UpdateManifest.Parse(manifest, manifest.Length, UpdateSet.Key, out string error);
            Assert.Null(error);
            var writer = new SlotWriter(_flash, UpdateSet.Key);
            for (int i = 0; i < m.Names.Length; i++)
            {
                Assert.True(writer.Holds(slot, m, i), slot + "/" + m.Names[i] + " is not whole");
            }
        }

        [Fact]
        public void ASetIsStreamedToTheFreeSlotVerifiedAndTheRecordSaysReady()
        {
            var set = UpdateSet.Two();
            Serve(set);
            var updater = Updater();

            RunCheck(updater);

            Assert.False(updater.LastFailed, updater.LastResult);
            Assert.Equal("version 2.0.0 staged and verified in slot a", updater.LastResult);
            Assert.Equal(new[] { "/fw/update.txt", "/fw/DeskPhone.Sip.pe", "/fw/DeskPhone.Board.pe" }, Paths());
            Assert.Equal(set.Data("DeskPhone.Sip.pe"), _flash.Files["upd-a-DeskPhone.Sip.pe"].ToArray());
            Assert.Equal(set.Data("DeskPhone.Board.pe"), _flash.Files["upd-a-DeskPhone.Board.pe"].ToArray());
            BootRecord stored = new BootRecordStore(_flash).Load();
            Assert.Equal(("a", "2.0.0", BootRecord.Ready), (stored.Staged, stored.StagedVersion, stored.State));
            Assert.Equal("", stored.Active);
        }

        [Fact]
        public void TheSameVersionAgainIsNotFetchedAgain()
        {
            Serve(UpdateSet.Two());
            var updater = Updater();
            RunCheck(updater);
            _http.Script.Enqueue(Ok(UpdateSet.Two().Manifest()));

            RunCheck(updater);

            Assert.Equal("version 2.0.0 is already staged", updater.LastResult);
            Assert.Equal(4, _http.Requests.Count);
        }

        [Fact]
        public void AFileWithAWrongMacFailsAndTheRecordIsUntouched()
        {
            var set = UpdateSet.Two();
            _http.Script.Enqueue(Ok(set.Manifest()));
            _http.Script.Enqueue(Ok(set.Data("DeskPhone.Sip.pe")));
            byte[] altered = (byte[])set.Data("DeskPhone.Board.pe").Clone();
            altered[2000] ^= 0x40;
            _http.Script.Enqueue(Ok(altered));
            var updater = Updater();

            RunCheck(updater);

            Assert.True(updater.LastFailed);
            Assert.Equal("DeskPhone.Board.pe: wrong mac (another key, or altered)", updater.LastResult);
            Assert.Equal(BootRecord.None, new BootRecordStore(_flash).Load().State);
        }

        [Fact]
        public void ACutFileOrAWrongLengthFailsWithTheReason()
        {
            var set = UpdateSet.Two();
            _http.Script.Enqueue(Ok(set.Manifest()));
            _http.Script.Enqueue(Ok(set.Data("DeskPhone.Sip.pe"), send: 1500));
            var updater = Updater();
            RunCheck(updater);
            Assert.Equal("DeskPhone.Sip.pe: truncated: the server closed after 1500 of 3000 bytes", updater.LastResult);

            _http.Script.Enqueue(Ok(set.Manifest()));
            _http.Script.Enqueue(Ok(new byte[10]));
            RunCheck(updater);
            Assert.Equal("DeskPhone.Sip.pe: the server sends 10 bytes, the manifest says 3000", updater.LastResult);

            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
            RunCheck(updater);
            Assert.Equal("manifest: HTTP 404", updater.LastResult);
            Assert.Equal(BootRecord.None, new BootRecordStore(_flash).Load().State);

            // Said once, as the parser says it (it read "manifest: manifest: over 2048 bytes").
            _http.Script.Enqueue(Ok(new byte[UpdateManifest.MaxBytes + 1]));
            RunCheck(updater);
            Assert.Equal("manifest: over 2048 bytes", updater.LastResult);
        }

        [Fact]
        public void ARetryFetchesOnlyTheFilesNotYetWholeAndVerified()
        {
            var set = UpdateSet.Two();
            _http.Script.Enqueue(Ok(set.Manifest()));
            _http.Script.Enqueue(Ok(set.Data("DeskPhone.Sip.pe")));
            _http.Script.Enqueue(Ok(set.Data("DeskPhone.Board.pe"), send: 100));
            var updater = Updater();
            RunCheck(updater);
            Assert.True(updater.LastFailed);
            _http.Requests.Clear();

            Serve(set, onlyFrom: "DeskPhone.Board.pe");
            RunCheck(updater);

            Assert.False(updater.LastFailed, updater.LastResult);
            Assert.Equal(new[] { "/fw/update.txt", "/fw/DeskPhone.Board.pe" }, Paths());
        }

        [Fact]
        public void APowerCutAtEveryWriteStepLeavesAStartableSetAndARetryCompletes()
        {
            var server = new PathHttpServer();
            server.Serve(UpdateSet.Two(), "/fw/");
            for (int cut = 1; ; cut++)
            {
                _flash.Files.Clear();
                _flash.PowerOn();
                // Running version 1.0.0 from slot b, so staging goes to slot a over an older staged set.
                SeedRunningFromSlotB();
                _flash.Steps = 0;
                _flash.CutAtStep = cut;

                RunCheck(new FirmwareUpdater(server, _flash, new BootRecordStore(_flash).Load()));
                bool completed = !_flash.Off;

                // Power back: the loader decides from what the flash holds.
                _flash.PowerOn();
                BootRecord booted = BootRecordStore.Boot(new BootRecordStore(_flash), true);
                Assert.Equal(("b", "1.0.0"), (booted.Active, booted.ActiveVersion));
                AssertStartable(booted);

                // A retried check completes the staging.
                var retry = new FirmwareUpdater(server, _flash, new BootRecordStore(_flash).Load());
                RunCheck(retry);
                Assert.True(retry.Record.State == BootRecord.Ready, "cut at step " + cut + ": " + retry.LastResult);
                Assert.Equal("a", retry.Record.Staged);
                AssertStartable(BootRecordStore.Boot(new BootRecordStore(_flash), true));
                if (completed)
                {
                    Assert.True(cut > 8, "the staging took only " + cut + " steps");
                    return;
                }
            }
        }

        [Fact]
        public void APowerCutAtEveryStepOfApplyStartAndConfirmStartsTheOldOrTheNewSetWhole()
        {
            var set = UpdateSet.Two();
            for (int cut = 1; ; cut++)
            {
                _flash.Files.Clear();
                _flash.PowerOn();
                SeedRunningFromSlotB();
                Serve(set);
                var updater = Updater();
                RunCheck(updater);
                _flash.Steps = 0;
                _flash.CutAtStep = cut;

                try
                {
                    updater.Apply();
                    BootRecord first = BootRecordStore.Boot(new BootRecordStore(_flash), true);
                    BootRecordStore.Confirm(new BootRecordStore(_flash), first);
                }
                catch (System.IO.IOException)
                {
                    // The cut hit outside the code that catches (the loader's own read): the power is off either way.
                }
                bool completed = !_flash.Off;
                _flash.PowerOn();

                BootRecord next = BootRecordStore.Boot(new BootRecordStore(_flash), true);
                AssertStartable(next);
                string starts = next.State == BootRecord.Trying ? next.StagedVersion : next.ActiveVersion;
                Assert.Contains(starts, new[] { "1.0.0", "2.0.0" });
                if (completed)
                {
                    Assert.Equal(("a", "2.0.0", BootRecord.None), (next.Active, next.ActiveVersion, next.State));
                    return;
                }
            }
        }

        [Fact]
        public void ASetThatNeverConfirmsFallsBackToThePreviousOneWithTheReason()
        {
            SeedRunningFromSlotB();
            Serve(UpdateSet.Two());
            var updater = Updater();
            RunCheck(updater);
            Assert.Null(updater.Apply());

            BootRecord trying = BootRecordStore.Boot(new BootRecordStore(_flash), true);
            Assert.Equal((BootRecord.Trying, "a"), (trying.State, trying.Staged));
            // It did not confirm (crashed, hung): the next start.
            BootRecord back = BootRecordStore.Boot(new BootRecordStore(_flash), true);

            Assert.Equal(("b", "1.0.0", BootRecord.None), (back.Active, back.ActiveVersion, back.State));
            Assert.Equal("version 2.0.0 did not confirm a good start; back on version 1.0.0", back.Failure);
        }

        [Fact]
        public void WithoutALoaderStepAnAppliedSetGoesBackToReadyWithTheReason()
        {
            Serve(UpdateSet.Two());
            var updater = Updater();
            RunCheck(updater);
            updater.Apply();

            BootRecord r = BootRecordStore.Boot(new BootRecordStore(_flash), false);

            Assert.Equal(BootRecord.Ready, r.State);
            Assert.Equal("", r.Active);
            Assert.Contains("cannot start it", r.Failure);
        }

        /// <summary>Version 1.0.0 staged to slot b and confirmed: it runs; slot a holds an older staged leftover.</summary>
        private void SeedRunningFromSlotB()
        {
            var store = new BootRecordStore(_flash);
            var old = UpdateSet.Two("1.0.0");
            _flash.Files["upd-b-manifest.txt"] = new List<byte>(old.Manifest());
            foreach (var f in old.Files)
            {
                _flash.Files["upd-b-" + f.Name] = new List<byte>(f.Data);
            }
            _flash.Files["upd-a-DeskPhone.Sip.pe"] = new List<byte>(new byte[] { 1, 2, 3 });
            Assert.Null(store.Save(new BootRecord { Active = "b", ActiveVersion = "1.0.0", Staged = "a", StagedVersion = "0.9", State = BootRecord.Ready }));
        }
    }
}
