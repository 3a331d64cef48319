using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Two identities of one phone on one PBX given by name (user_host "pbx.test" for both, located by SRV): both register
    /// at the target, and a MESSAGE kamailio relays to the second is let in by filter_registrar.
    /// </summary>
    public class SrvIdentitiesTests
    {
        [SkippableFact]
        public void TwoIdentitiesOnOneRegistrarByNameBothRegisterAndTakeMessages()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            Skip.IfNot(File.Exists(Dnsmasq.Binary), Dnsmasq.Missing);
            using var kamailio = new Kamailio();
            using var dns = new Dnsmasq("--srv-host=_sip._udp.pbx.test,k.pbx.test," + kamailio.Port + ",10,0 --host-record=k.pbx.test,127.0.0.1");
            using PhoneUnderTest alice = KamailioTests.Phone("486", kamailio);
            using PhoneUnderTest phone = PhoneUnderTest.Simulator("--identity bob --registrar pbx.test --dns 127.0.0.1:" + dns.Port +
                " --settings " + KamailioTests.SettingsFile("bob", 3600, NamedRegistrarTests.FilterOn +
                "<user_active idx=\"2\" perm=\"\">on</user_active><user_name idx=\"2\" perm=\"\">carol</user_name>" +
                "<user_host idx=\"2\" perm=\"\">pbx.test</user_host><user_pass idx=\"2\" perm=\"\">pwcarol</user_pass>"));

            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered bob") > 0 && kamailio.Count("PEERTEST registered carol") > 0, r => r, 15000),
                "not both registered:\n" + phone.Get("api/log").Body + "\n" + kamailio.Log);
            string log = phone.Get("api/log").Body;
            Assert.Contains("registration 1: pbx.test SRV -> 127.0.0.1:" + kamailio.Port, log);
            Assert.Contains("registration 2: pbx.test SRV -> 127.0.0.1:" + kamailio.Port, log);

            Assert.True(alice.WaitFor(() => KamailioTests.Registered(alice), r => r, 10000));
            Assert.Equal(202, alice.Post("api/send-message?to=sip:carol@127.0.0.1:" + kamailio.Port, "to carol").Item1);
            Assert.Equal(200, alice.WaitFor(() => JsonDocument.Parse(alice.Get("api/send-message").Body).RootElement.GetProperty("status").GetInt32(),
                s => s != 0, 10000));
            Assert.Contains("to carol", phone.WaitFor(phone.Screen, s => s.Contains("to carol")));
        }
    }
}
