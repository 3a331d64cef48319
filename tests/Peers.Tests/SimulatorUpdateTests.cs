using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The simulator updated from nginx on loopback (docs/updates.md): a set made by tools/update/make-update.py is
    /// fetched, verified, staged (PhoneHasFirmwareUpdate), applied through the stub loader and confirmed; a set with an
    /// altered file and one with a file cut short on the server raise FirmwareUpdateFailed with the reason, and the
    /// running set stays.
    /// </summary>
    public class SimulatorUpdateTests
    {
        internal const string Key = "5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f";

        internal static JsonElement Update(PhoneUnderTest phone) => JsonDocument.Parse(phone.Get("api/update").Body).RootElement;

        /// <summary>Runs make-update.py over two made-up .pe files into the nginx root's folder.</summary>
        internal static void MakeSet(Nginx nginx, string folder, string version, int seed)
        {
            string dir = Path.Combine(nginx.Root, folder);
            string src = Path.Combine(dir, "src");
            Directory.CreateDirectory(src);
            var a = new byte[9000];
            var b = new byte[4100];
            new Random(seed).NextBytes(a);
            new Random(seed + 1).NextBytes(b);
            File.WriteAllBytes(Path.Combine(src, "DeskPhone.Sip.pe"), a);
            File.WriteAllBytes(Path.Combine(src, "DeskPhone.Board.pe"), b);
            string tool = Path.Combine(RepoRoot(), "tools", "update", "make-update.py");
            var run = Process.Start(new ProcessStartInfo("python3",
                "\"" + tool + "\" --key " + Key + " --version " + version + " --chunk 2048 --out \"" + dir + "\" \"" +
                Path.Combine(src, "DeskPhone.Sip.pe") + "\" \"" + Path.Combine(src, "DeskPhone.Board.pe") + "\"")
            { RedirectStandardError = true, RedirectStandardOutput = true });
            string errors = run.StandardError.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, errors);
        }

        internal static string RepoRoot()
        {
            for (string d = AppContext.BaseDirectory; d != null; d = Path.GetDirectoryName(d))
            {
                if (File.Exists(Path.Combine(d, "DeskPhone.sln")))
                {
                    return d;
                }
            }
            throw new InvalidOperationException("no repository above " + AppContext.BaseDirectory);
        }

        /// <summary>Starts a check of the set in folder and waits until it ended; the state then.</summary>
        internal static JsonElement Check(PhoneUnderTest phone, Nginx nginx, string folder)
        {
            phone.Set("firmware_status", nginx.Url + "/" + folder + "/update.txt");
            int checks = Update(phone).GetProperty("checks").GetInt32();
            var (status, body) = phone.Post("api/update/check");
            if (status == 409)
            {
                // The phone's own check at start (firmware_status set before its link was up) is still running.
                phone.WaitFor(() => Update(phone).GetProperty("state").GetString(), s => s != "checking" && s != "downloading", 30000);
                (status, body) = phone.Post("api/update/check");
            }
            Assert.True(status == 202, body);
            return phone.WaitFor(() => Update(phone),
                u => u.GetProperty("checks").GetInt32() > checks && u.GetProperty("state").GetString() != "checking" && u.GetProperty("state").GetString() != "downloading", 30000);
        }

        [SkippableFact]
        public void ASetIsStagedAppliedAndConfirmedAndBrokenSetsFailWithTheReason()
        {
            Skip.IfNot(File.Exists(Nginx.Binary), Nginx.Missing);
            using var nginx = new Nginx();
            MakeSet(nginx, "v2", "2.0.0", 2);
            MakeSet(nginx, "altered", "3.0.0", 3);
            string altered = Path.Combine(nginx.Root, "altered", "DeskPhone.Board.pe");
            byte[] bytes = File.ReadAllBytes(altered);
            bytes[3000] ^= 0x10;
            File.WriteAllBytes(altered, bytes);
            MakeSet(nginx, "cut", "3.0.1", 4);
            string cut = Path.Combine(nginx.Root, "cut", "DeskPhone.Sip.pe");
            File.WriteAllBytes(cut, File.ReadAllBytes(cut)[..5000]);
            using var folder = new TempFolder("deskphone-upd-");
            string state = folder.Path;
            using var phone = PhoneUnderTest.Simulator("--state \"" + state + "\"");
            phone.Set("update_key", Key);

            JsonElement staged = Check(phone, nginx, "v2");
            Assert.True(staged.GetProperty("state").GetString() == "staged", staged + "\nnginx:\n" + nginx.AccessLog + nginx.Log);
            Assert.Equal("2.0.0", staged.GetProperty("staged").GetString());
            Assert.Equal("2.0.0", phone.ActiveStatus("PhoneHasFirmwareUpdate")?.GetProperty("param").GetString());
            Assert.Contains("GET /v2/DeskPhone.Sip.pe HTTP/1.1", nginx.AccessLog);
            Assert.Equal(File.ReadAllBytes(Path.Combine(nginx.Root, "v2", "DeskPhone.Sip.pe")), File.ReadAllBytes(Path.Combine(state, "upd-a-DeskPhone.Sip.pe")));

            var (applyStatus, applyBody) = phone.Post("api/update/apply");
            Assert.True(applyStatus == 200, applyBody);
            JsonElement confirmed = phone.WaitFor(() => Update(phone), u => u.GetProperty("state").GetString() == "idle", 30000);
            Assert.Equal(("2.0.0", "a"), (confirmed.GetProperty("running").GetString(), confirmed.GetProperty("runningSlot").GetString()));
            Assert.Null(phone.ActiveStatus("PhoneHasFirmwareUpdate"));

            JsonElement wrong = Check(phone, nginx, "altered");
            Assert.Equal("DeskPhone.Board.pe: wrong mac (another key, or altered)", wrong.GetProperty("lastError").GetString());
            Assert.Equal("DeskPhone.Board.pe: wrong mac (another key, or altered)", phone.ActiveStatus("FirmwareUpdateFailed")?.GetProperty("param").GetString());
            Assert.Equal(("2.0.0", ""), (wrong.GetProperty("running").GetString(), wrong.GetProperty("staged").GetString()));

            JsonElement truncated = Check(phone, nginx, "cut");
            Assert.Equal("DeskPhone.Sip.pe: the server sends 5000 bytes, the manifest says 9000", truncated.GetProperty("lastError").GetString());
            Assert.Equal(("2.0.0", ""), (truncated.GetProperty("running").GetString(), truncated.GetProperty("staged").GetString()));
            Assert.NotNull(phone.ActiveStatus("FirmwareUpdateFailed"));
        }
    }
}
