using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A registrar given by name (user_host "localhost:PORT"): filter_registrar (on, the phone's default) accepts the requests the
    /// registrar sends from its address, the one the phone's REGISTER went to, not only a source written as the name.
    /// </summary>
    public class NamedRegistrarTests
    {
        /// <summary>The phone's default, which the simulator turns off for its own quick start.</summary>
        internal const string FilterOn = "<filter_registrar perm=\"\">on</filter_registrar>";

        [SkippableFact]
        public void MessagesFromARegistrarGivenByNameAreAccepted()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio();
            using PhoneUnderTest alice = KamailioTests.Phone("486", kamailio);
            using PhoneUnderTest bob = PhoneUnderTest.Simulator("--identity bob --registrar localhost:" + kamailio.Port +
                " --settings " + KamailioTests.SettingsFile("bob", 3600, FilterOn));
            Assert.True(alice.WaitFor(() => KamailioTests.Registered(alice), r => r, 10000));
            Assert.True(bob.WaitFor(() => KamailioTests.Registered(bob), r => r, 10000), "bob not registered:\n" + kamailio.Log);

            // kamailio relays from 127.0.0.1, the address "localhost" resolved to: not 403 (filter_registrar).
            Assert.Equal(202, alice.Post("api/send-message?to=sip:bob@127.0.0.1:" + kamailio.Port, "named?").Item1);
            Assert.Equal(200, alice.WaitFor(() => JsonDocument.Parse(alice.Get("api/send-message").Body).RootElement.GetProperty("status").GetInt32(),
                s => s != 0, 10000));
            Assert.Contains("[message] named?", bob.WaitFor(bob.Screen, s => s.Contains("named?")));
        }
    }
}
