using System;
using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The simulator against nginx on loopback (docs/updates.md, "Start"): right after a set was applied, while it is
    /// being tried and not yet confirmed, the manifest offers a newer set (the administrator published 3.0.0 while the
    /// phone restarted into 2.0.0; on a board the check after start comes within the 10 s). The slot being tried is
    /// the running set and the other holds the set to fall back on: neither may be written, so the check waits for the
    /// confirmation; after it, 3.0.0 goes to the other slot and the running set's files stay as they were.
    /// </summary>
    public class UpdateWhileTryingTests
    {
        [SkippableFact]
        public void ACheckWhileANewSetIsTriedWaitsForItsConfirmationAndLeavesItsSlot()
        {
            Skip.IfNot(File.Exists(Nginx.Binary), Nginx.Missing);
            using var nginx = new Nginx();
            SimulatorUpdateTests.MakeSet(nginx, "v2", "2.0.0", 12);
            SimulatorUpdateTests.MakeSet(nginx, "v3", "3.0.0", 13);
            using var folder = new TempFolder("deskphone-upd-");
            string state = folder.Path;
            using var phone = PhoneUnderTest.Simulator("--state \"" + state + "\"");
            phone.Set("update_key", SimulatorUpdateTests.Key);
            Assert.Equal("staged", SimulatorUpdateTests.Check(phone, nginx, "v2").GetProperty("state").GetString());
            byte[] v2 = File.ReadAllBytes(Path.Combine(nginx.Root, "v2", "DeskPhone.Sip.pe"));

            var (applyStatus, applyBody) = phone.Post("api/update/apply");
            Assert.True(applyStatus == 200, applyBody);
            Assert.Equal("trying", JsonDocument.Parse(applyBody).RootElement.GetProperty("state").GetString());
            phone.Set("firmware_status", nginx.Url + "/v3/update.txt");
            var (checkStatus, checkBody) = phone.Post("api/update/check");

            // Before: 202, and the check forgot the set being tried and wrote 3.0.0 over its slot: the record then
            // said the deployed set runs, with 3.0.0 staged in slot a, while 2.0.0 ran from it.
            JsonElement during = SimulatorUpdateTests.Update(phone);
            Assert.True(checkStatus == 400, checkStatus + " " + checkBody + "\n" + phone.WaitFor(() => SimulatorUpdateTests.Update(phone),
                u => u.GetProperty("state").GetString() != "checking" && u.GetProperty("state").GetString() != "downloading", 30000));
            Assert.Equal("{\"error\":\"version 2.0.0 is being started: check again once it is confirmed\"}", checkBody);
            Assert.Equal(("trying", "2.0.0", "a"), (during.GetProperty("state").GetString(), during.GetProperty("running").GetString(), during.GetProperty("runningSlot").GetString()));
            Assert.DoesNotContain("GET /v3/", nginx.AccessLog);

            JsonElement confirmed = phone.WaitFor(() => SimulatorUpdateTests.Update(phone), u => u.GetProperty("state").GetString() == "idle", 30000);
            Assert.Equal(("2.0.0", "a"), (confirmed.GetProperty("running").GetString(), confirmed.GetProperty("runningSlot").GetString()));
            JsonElement staged = SimulatorUpdateTests.Check(phone, nginx, "v3");
            Assert.Equal(("staged", "3.0.0", "2.0.0"), (staged.GetProperty("state").GetString(), staged.GetProperty("staged").GetString(), staged.GetProperty("running").GetString()));
            Assert.Equal(v2, File.ReadAllBytes(Path.Combine(state, "upd-a-DeskPhone.Sip.pe")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(nginx.Root, "v3", "DeskPhone.Sip.pe")), File.ReadAllBytes(Path.Combine(state, "upd-b-DeskPhone.Sip.pe")));
        }
    }
}
