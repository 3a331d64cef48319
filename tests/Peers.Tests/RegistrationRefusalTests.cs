using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A registrar that refuses the phone's password: the phone stops and backs off, not hammering the registrar with
    /// REGISTERs, also when each refusal carries a fresh nonce (Asterisk's way; kamailio repeats its nonce within a second);
    /// one with a minimum registration time (423) gets it asked.
    /// </summary>
    public class RegistrationRefusalTests
    {
        /// <summary>
        /// A phone whose identity (bob at <paramref name="registrar"/>) is taken on once its network is up: the boot's link
        /// report registers an identity again at once, a REGISTER the scenario would not expect.
        /// </summary>
        private static PhoneUnderTest ActivatedOnceUp(Sipp registrar, int expiry)
        {
            PhoneUnderTest bob = PhoneUnderTest.Simulator("--identity bob --registrar 127.0.0.1:" + registrar.Port +
                " --settings " + KamailioTests.SettingsFile("bob", expiry, "<user_active idx=\"1\" perm=\"\">off</user_active>"));
            Assert.True(bob.WaitFor(() => JsonDocument.Parse(bob.Get("api/link").Body).RootElement.GetProperty("ethernet").GetProperty("ready").GetBoolean(),
                r => r, 15000));
            bob.Set("user_active", "on", 1);
            return bob;
        }

        [SkippableFact]
        public void AWrongPasswordRefusedWithAFreshNonceEachTimeIsNotRetriedAtOnce()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using var registrar = new Sipp("register-401-new-nonce.xml", 0);
            using PhoneUnderTest bob = ActivatedOnceUp(registrar, 3600);

            // sipp ends well only when no third REGISTER came within 3 s of the second refusal.
            Assert.True(registrar.WaitForExit(30000) == 0, "the phone sent again at once:\n" + registrar.Log + "\n" + bob.Get("api/log").Body);
            JsonElement registration = JsonDocument.Parse(bob.Get("api/registration").Body).RootElement[0];
            Assert.False(registration.GetProperty("registered").GetBoolean());
            Assert.Contains("REGISTER sip:127.0.0.1:" + registrar.Port, registrar.Log);
        }
    
        [SkippableFact]
        public void IntervalTooBriefIsAnsweredWithMinExpiresAndRegisters()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using var registrar = new Sipp("register-423.xml", 0);
            using PhoneUnderTest bob = ActivatedOnceUp(registrar, 60);

            // sipp checks the second REGISTER asks for the Min-Expires.
            Assert.True(registrar.WaitForExit(30000) == 0, "not as the scenario wants:\n" + registrar.Log);
            Assert.True(bob.WaitFor(() => KamailioTests.Registered(bob), r => r, 10000), bob.Get("api/log").Body);
        }
    }
}
