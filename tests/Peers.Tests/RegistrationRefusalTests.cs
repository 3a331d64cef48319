using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A registrar that refuses the phone's password: the phone stops and backs off, not hammering the registrar with
    /// REGISTERs, also when each refusal carries a fresh nonce (Asterisk's way; kamailio repeats its nonce within a second).
    /// </summary>
    public class RegistrationRefusalTests
    {
        [SkippableFact]
        public void AWrongPasswordRefusedWithAFreshNonceEachTimeIsNotRetriedAtOnce()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using var registrar = new Sipp("register-401-new-nonce.xml", 0);
            // Taken on once the phone's network is up: the boot's link report registers an identity again at once, a
            // REGISTER the scenario would count against the phone.
            using PhoneUnderTest bob = PhoneUnderTest.Simulator("--identity bob --registrar 127.0.0.1:" + registrar.Port +
                " --settings " + KamailioTests.SettingsFile("bob", 3600, "<user_active idx=\"1\" perm=\"\">off</user_active>"));
            Assert.True(bob.WaitFor(() => JsonDocument.Parse(bob.Get("api/link").Body).RootElement.GetProperty("ethernet").GetProperty("ready").GetBoolean(),
                r => r, 15000));
            bob.Set("user_active", "on", 1);

            // sipp ends well only when no third REGISTER came within 3 s of the second refusal.
            Assert.True(registrar.WaitForExit(30000) == 0, "the phone sent again at once:\n" + registrar.Log + "\n" + bob.Get("api/log").Body);
            JsonElement registration = JsonDocument.Parse(bob.Get("api/registration").Body).RootElement[0];
            Assert.False(registration.GetProperty("registered").GetBoolean());
            Assert.Contains("REGISTER sip:127.0.0.1:" + registrar.Port, registrar.Log);
        }
    }
}
