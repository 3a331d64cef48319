using System;
using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// An administrator's rollout through provisioning, the simulator against nginx on loopback: the phone's document
    /// is missing at first (404, PhoneProvisioningFailed), then published; it names the update set (firmware_status,
    /// update_key) and moves setting_server to another document. The run that applies it starts the update check
    /// (the set is staged, PhoneHasFirmwareUpdate) and clears the failure; the next run asks for the new document.
    /// </summary>
    public class ProvisioningRolloutTests
    {
        private static JsonElement Provisioning(PhoneUnderTest phone) => JsonDocument.Parse(phone.Get("api/provisioning").Body).RootElement;

        private static bool Active(PhoneUnderTest phone, string id)
        {
            foreach (JsonElement s in phone.Status().GetProperty("active").EnumerateArray())
            {
                if (s.GetProperty("id").GetString() == id)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>A bench run (after the boot run, if that one is still going); the "last" object once it ended.</summary>
        private static JsonElement Run(PhoneUnderTest phone)
        {
            phone.WaitFor(() => Provisioning(phone).GetProperty("state").GetString(), s => s == "idle", 60000);
            int runs = Provisioning(phone).GetProperty("runs").GetInt32();
            var (status, body) = phone.Post("api/provisioning/run");
            Assert.True(status == 202, body);
            return phone.WaitFor(() => Provisioning(phone), s => s.GetProperty("runs").GetInt32() > runs && s.GetProperty("state").GetString() == "idle", 60000)
                .GetProperty("last");
        }

        [SkippableFact]
        public void A404ThenTheDocumentThatNamesTheSetAndMovesTheServer()
        {
            Skip.IfNot(File.Exists(Nginx.Binary), Nginx.Missing);
            using var nginx = new Nginx();
            SimulatorUpdateTests.MakeSet(nginx, "fw", "2.0.0", 31);
            using var folder = new TempFolder("deskphone-roll-");
            string state = folder.Path;
            Rollout(nginx, state);
        }

        private static void Rollout(Nginx nginx, string state)
        {
            using var phone = PhoneUnderTest.Simulator("--state \"" + state + "\"");
            phone.Set("setting_server", nginx.Url + "/first.xml");

            JsonElement missing = Run(phone);
            Assert.Equal((false, "HTTP 404"), (missing.GetProperty("ok").GetBoolean(), missing.GetProperty("result").GetString()));
            Assert.True(Active(phone, "PhoneProvisioningFailed"));

            nginx.Write("first.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n<phone-settings>\n" +
                "<firmware_status perm=\"\">" + nginx.Url + "/fw/update.txt</firmware_status>\n" +
                "<update_key perm=\"\">" + SimulatorUpdateTests.Key + "</update_key>\n" +
                "<setting_server perm=\"\">" + nginx.Url + "/second.xml</setting_server>\n</phone-settings>\n</settings>\n");
            JsonElement applied = Run(phone);
            Assert.True(applied.GetProperty("ok").GetBoolean(), applied.ToString());
            Assert.False(Active(phone, "PhoneProvisioningFailed"));
            JsonElement staged = phone.WaitFor(() => SimulatorUpdateTests.Update(phone), u => u.GetProperty("state").GetString() == "staged", 30000);
            Assert.Equal(("2.0.0", 1), (staged.GetProperty("staged").GetString(), staged.GetProperty("checks").GetInt32()));
            Assert.True(Active(phone, "PhoneHasFirmwareUpdate"));

            JsonElement moved = Run(phone);
            Assert.Equal("HTTP 404", moved.GetProperty("result").GetString());
            Assert.Contains("GET /second.xml HTTP/1.1", nginx.AccessLog);
            Assert.Equal(2, nginx.AccessLog.Split("GET /first.xml").Length - 1);
        }
    }
}
