using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// https provisioning of the simulator from nginx on loopback with a CA and a server certificate made by openssl
    /// in the test: with the CA in custom_certificates the document is applied; without a CA, with another CA, or with
    /// a URL whose host the certificate does not name, the run fails with the reason in /api/provisioning and on
    /// PhoneProvisioningFailed, and nothing is applied.
    /// </summary>
    public class SimulatorHttpsProvisioningTests
    {
        private static string Doc(string settings) =>
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n<phone-settings>\n" + settings + "\n</phone-settings>\n</settings>\n";

        private static void OpenSsl(string dir, params string[] args)
        {
            var start = new ProcessStartInfo("openssl") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }
            using Process p = Process.Start(start);
            string err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "openssl " + string.Join(" ", args) + ": " + err);
        }

        /// <summary>A CA (ca-NAME.pem) and, signed by it, a certificate for 127.0.0.1 (IP SAN only) in a temp folder.</summary>
        private static string MakeCertificates()
        {
            string dir = Path.Combine(Path.GetTempPath(), "deskphone-tls-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            foreach (string ca in new[] { "good", "other" })
            {
                OpenSsl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=DeskPhone test CA " + ca, "-keyout", "ca-" + ca + ".key", "-out", "ca-" + ca + ".pem",
                        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            }
            OpenSsl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=provisioning",
                    "-keyout", "server.key", "-out", "server.csr");
            File.WriteAllText(Path.Combine(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
            OpenSsl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca-good.pem", "-CAkey", "ca-good.key", "-CAcreateserial",
                    "-days", "2", "-extfile", "ext.cnf", "-out", "server.pem");
            return dir;
        }

        private static JsonElement Provisioning(PhoneUnderTest phone) =>
            JsonDocument.Parse(phone.Get("api/provisioning").Body).RootElement;

        private static JsonElement RunOnce(PhoneUnderTest phone)
        {
            var (status, body) = phone.Post("api/provisioning/run");
            if (status == 409)
            {
                phone.WaitFor(() => Provisioning(phone).GetProperty("state").GetString(), s => s == "idle", 60000);
                (status, body) = phone.Post("api/provisioning/run");
            }
            Assert.True(status == 202, body);
            int runsBefore = Provisioning(phone).GetProperty("runs").GetInt32() - 1;
            JsonElement state = phone.WaitFor(() => Provisioning(phone),
                s => s.GetProperty("runs").GetInt32() > runsBefore && s.GetProperty("state").GetString() == "idle", 60000);
            Assert.Equal("idle", state.GetProperty("state").GetString());
            return state.GetProperty("last");
        }

        private static string FailedParam(PhoneUnderTest phone)
        {
            foreach (JsonElement s in phone.Status().GetProperty("active").EnumerateArray())
            {
                if (s.GetProperty("id").GetString() == "PhoneProvisioningFailed")
                {
                    return s.GetProperty("param").GetString();
                }
            }
            return null;
        }

        private static string Setting(PhoneUnderTest phone, string name) =>
            JsonDocument.Parse(phone.Get("api/settings/" + name).Body).RootElement.GetProperty("value").GetString();

        [SkippableFact]
        public void HttpsWorksWithTheCaAndIsRefusedWithoutItWithAnotherOrForAnotherName()
        {
            Skip.IfNot(File.Exists(Nginx.Binary), Nginx.Missing);
            string dir = MakeCertificates();
            try
            {
                using var nginx = new Nginx(Path.Combine(dir, "server.pem"), Path.Combine(dir, "server.key"));
                nginx.Write("phone.xml", Doc("<ring_volume perm=\"\">11</ring_volume>"));
                using var phone = PhoneUnderTest.Simulator("");
                string before = Setting(phone, "ring_volume");
                phone.Set("setting_server", nginx.Url + "/phone.xml");

                // No CA: refused before any connection.
                JsonElement last = RunOnce(phone);
                Assert.False(last.GetProperty("ok").GetBoolean());
                Assert.Contains("custom_certificates", last.GetProperty("result").GetString());
                Assert.Contains("custom_certificates", FailedParam(phone));

                // Another CA: the server's chain is refused, with the reason on the status.
                phone.Set("custom_certificates", File.ReadAllText(Path.Combine(dir, "ca-other.pem")));
                last = RunOnce(phone);
                Assert.False(last.GetProperty("ok").GetBoolean());
                Assert.Contains("not signed by a CA of custom_certificates", last.GetProperty("result").GetString());
                Assert.Contains("not signed by a CA", FailedParam(phone));
                Assert.Equal(before, Setting(phone, "ring_volume"));
                Assert.DoesNotContain("GET /phone.xml", nginx.AccessLog);

                // The right CA, but the URL names a host the certificate does not (localhost; it names 127.0.0.1 only).
                phone.Set("custom_certificates", File.ReadAllText(Path.Combine(dir, "ca-good.pem")));
                phone.Set("setting_server", "https://localhost:" + nginx.Port + "/phone.xml");
                last = RunOnce(phone);
                Assert.False(last.GetProperty("ok").GetBoolean());
                Assert.Contains("does not name this host", last.GetProperty("result").GetString());
                Assert.Equal(before, Setting(phone, "ring_volume"));

                // The right CA and name: fetched over TLS and applied.
                phone.Set("setting_server", nginx.Url + "/phone.xml");
                last = RunOnce(phone);
                Assert.True(last.GetProperty("ok").GetBoolean(), last.ToString() + "\nnginx:\n" + nginx.AccessLog + nginx.Log);
                Assert.Equal("11", Setting(phone, "ring_volume"));
                Assert.Contains("GET /phone.xml HTTP/1.1", nginx.AccessLog);
                Assert.Null(FailedParam(phone));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
