using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The identity's first hop by DNS SRV against real peers on loopback (RFC 3263 4.2, 4.3): dnsmasq serves
    /// _sip._udp.pbx.test with priority 10 at a sipp registrar answering 503 and priority 20 at kamailio; the phone,
    /// registrar "pbx.test", fails over to kamailio, registers there, and a MESSAGE kamailio relays to it is accepted
    /// (filter_registrar on: the target it registered at).
    /// </summary>
    public class SrvTests
    {
        [SkippableFact]
        public void ThePhoneFailsOverFromA503TargetAndRegistersAtTheNext()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            Skip.IfNot(File.Exists(Dnsmasq.Binary), Dnsmasq.Missing);
            using var kamailio = new Kamailio();
            using var unavailable = new Sipp("register-503.xml", 0);
            using var dns = new Dnsmasq("--srv-host=_sip._udp.pbx.test,a.pbx.test," + unavailable.Port + ",10,0 " +
                                        "--srv-host=_sip._udp.pbx.test,b.pbx.test," + kamailio.Port + ",20,0 " +
                                        "--host-record=a.pbx.test,127.0.0.1 --host-record=b.pbx.test,127.0.0.1");
            using PhoneUnderTest alice = KamailioTests.Phone("486", kamailio);
            using PhoneUnderTest bob = PhoneUnderTest.Simulator("--identity bob --registrar pbx.test --dns 127.0.0.1:" + dns.Port +
                " --settings " + KamailioTests.SettingsFile("bob", 3600, NamedRegistrarTests.FilterOn));

            Assert.True(bob.WaitFor(() => KamailioTests.Registered(bob), r => r, 15000),
                "bob not registered:\n" + bob.Get("api/log").Body + "\n" + dns.Log + "\n" + unavailable.Log + "\n" + kamailio.Log);
            // The first target answered 503; the phone went on to kamailio at once, the name kept in the request.
            Assert.Equal(0, unavailable.WaitForExit(5000));
            Assert.Contains("SIP/2.0 503 Service Unavailable", unavailable.Log);
            Assert.Contains("REGISTER sip:pbx.test SIP/2.0", unavailable.Log);
            Assert.Contains("PEERTEST registered bob", kamailio.Log);
            string log = bob.Get("api/log").Body;
            Assert.Contains("registration 1: pbx.test SRV -> 127.0.0.1:" + unavailable.Port + " (priority 10)", log);
            Assert.Contains("registration 1: pbx.test failover -> 127.0.0.1:" + kamailio.Port + " (priority 20)", log);
            Assert.Contains("_sip._udp.pbx.test", dns.Log);

            // kamailio relays alice's MESSAGE from its address: filter_registrar lets it in.
            Assert.True(alice.WaitFor(() => KamailioTests.Registered(alice), r => r, 10000));
            Assert.Equal(202, alice.Post("api/send-message?to=sip:bob@127.0.0.1:" + kamailio.Port, "via srv?").Item1);
            Assert.Equal(200, alice.WaitFor(() => JsonDocument.Parse(alice.Get("api/send-message").Body).RootElement.GetProperty("status").GetInt32(),
                s => s != 0, 10000));
            Assert.Contains("[message] via srv?", bob.WaitFor(bob.Screen, s => s.Contains("via srv?")));
        }
    }
}
