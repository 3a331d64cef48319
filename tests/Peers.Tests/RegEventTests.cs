using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// "Available on PBX" against kamailio's reg event (kamailio/reginfo.cfg: one contact per user, pua_reginfo and
    /// presence_reginfo): another device of the user holds the registration, the phone's own REGISTER is refused,
    /// and its digest-authenticated reg subscription learns of the other device; when that device leaves, Offline.
    /// </summary>
    public class RegEventTests
    {
        private const string Refused = "PEERTEST refused alice";

        private static string State(PhoneUnderTest phone) =>
            JsonDocument.Parse(phone.Get("api/presence").Body).RootElement.GetProperty("state").GetString();

        [SkippableFact]
        public void OtherDeviceOfTheUserMakesTheRefusedPhoneAvailableOnPbx()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            Skip.IfNot(File.Exists(Kamailio.PresenceModule), Kamailio.PresenceMissing);
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using var kamailio = new Kamailio("reginfo.cfg");
            int otherContact = LoopbackPorts.FreeUdp();
            string device = "-key user alice -au alice -ap pwalice -key contact_port " + otherContact;
            using (var register = new Sipp("register.xml", kamailio.Port, device))
            {
                Assert.True(register.WaitForExit(10000) == 0, "the other device did not register:\n" + register.Log + kamailio.Log);
            }

            using PhoneUnderTest alice = KamailioTests.Phone("alice", kamailio);
            Assert.True(alice.WaitFor(() => kamailio.Count(Refused), n => n >= 1, 10000) >= 1,
                "the registrar did not refuse the phone:\n" + kamailio.Log);
            Assert.True(alice.WaitFor(() => kamailio.Count("PEERTEST SUBSCRIBE reg for sip:alice@127.0.0.1 from alice"), n => n >= 1, 10000) >= 1,
                "the phone did not subscribe to its registrations (authenticated):\n" + kamailio.Log);
            Assert.Equal("available-on-pbx", alice.WaitFor(() => State(alice), s => s == "available-on-pbx", 10000));
            Assert.False(KamailioTests.Registered(alice));

            // Right after a refusal the phone's next REGISTER is at least 10 s away: the other device leaves meanwhile.
            int refusals = kamailio.Count(Refused);
            Assert.True(alice.WaitFor(() => kamailio.Count(Refused), n => n > refusals, 15000) > refusals, "no retry:\n" + kamailio.Log);
            using (var unregister = new Sipp("unregister.xml", kamailio.Port, device))
            {
                Assert.True(unregister.WaitForExit(10000) == 0, "the other device did not unregister:\n" + unregister.Log + kamailio.Log);
            }
            Assert.Equal("offline", alice.WaitFor(() => State(alice), s => s == "offline", 5000));
            Assert.False(KamailioTests.Registered(alice));

            // The registration is free now: the phone's next try takes it.
            Assert.True(alice.WaitFor(() => KamailioTests.Registered(alice), r => r, 25000), "the phone did not register:\n" + kamailio.Log);
            Assert.Equal("online", alice.WaitFor(() => State(alice), s => s == "online", 5000));
        }
    }
}
