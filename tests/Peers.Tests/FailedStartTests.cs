using System;
using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The simulator against nginx on loopback (docs/updates.md, "Start"): with auto_update, a set that never confirms
    /// a good start (the simulator killed while it is tried, as a set that crashes or hangs at start) falls back at the
    /// next start. The manifest still offers it: the check at that start must not stage and start it again, or a
    /// phone whose new set crashes restarts for ever (fall back, check, apply, crash, ...).
    /// </summary>
    public class FailedStartTests
    {
        [SkippableFact]
        public void AVersionThatDidNotConfirmAGoodStartIsNotStartedAgain()
        {
            Skip.IfNot(File.Exists(Nginx.Binary), Nginx.Missing);
            using var nginx = new Nginx();
            SimulatorUpdateTests.MakeSet(nginx, "v2", "2.0.0", 22);
            using var folder = new TempFolder("deskphone-upd-");
            string state = folder.Path;
            using (var crashing = PhoneUnderTest.Simulator("--state \"" + state + "\""))
            {
                crashing.Set("update_key", SimulatorUpdateTests.Key);
                crashing.Set("update_policy", "auto_update");
                JsonElement tried = SimulatorUpdateTests.Check(crashing, nginx, "v2");
                Assert.True(tried.GetProperty("state").GetString() == "trying", tried.ToString());
            }

            using var phone = PhoneUnderTest.Simulator("--state \"" + state + "\"");
            JsonElement after = phone.WaitFor(() => SimulatorUpdateTests.Update(phone),
                u => u.GetProperty("checks").GetInt32() > 0 && u.GetProperty("state").GetString() != "checking" && u.GetProperty("state").GetString() != "downloading", 30000);

            // Before: the check at start staged 2.0.0 again from the slot and auto_update started it ("trying"):
            // a set that crashes at start had the phone restart for ever.
            Assert.True(after.GetProperty("state").GetString() == "idle", after.ToString());
            Assert.Equal(("", "", true), (after.GetProperty("running").GetString(), after.GetProperty("staged").GetString(), after.GetProperty("lastFailed").GetBoolean()));
            Assert.Equal("version 2.0.0 did not confirm a good start before: not started again (publish the fixed set as another version)",
                after.GetProperty("lastError").GetString());
            Assert.Equal(after.GetProperty("lastError").GetString(), phone.ActiveStatus("FirmwareUpdateFailed")?.GetProperty("param").GetString());
            Assert.Equal(2, nginx.AccessLog.Split("GET /v2/update.txt").Length - 1);
            Assert.Equal(1, nginx.AccessLog.Split("GET /v2/DeskPhone.Sip.pe").Length - 1);
        }
    }
}
