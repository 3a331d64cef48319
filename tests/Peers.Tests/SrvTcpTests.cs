using System.IO;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A PBX by name over TCP as an admin writes it (user_outbound "sip:pbx.test;transport=tcp" with user_host "pbx.test",
    /// or user_host "pbx.test;transport=tcp" alone): the phone looks up _sip._tcp.pbx.test (RFC 3263 4.2), registers over its own connection at the target, takes a call kamailio relays
    /// with filter_registrar on, and calls a user at the PBX's domain by name.
    /// </summary>
    public class SrvTcpTests
    {
        [SkippableTheory]
        [InlineData("pbx.test", "<user_outbound idx=\"1\" perm=\"\">sip:pbx.test;transport=tcp</user_outbound>")]
        [InlineData("pbx.test;transport=tcp", "")]
        public void APbxByNameOverTcpIsLocatedBySrvAndCallsGoBothWays(string registrar, string outbound)
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            Skip.IfNot(File.Exists(Dnsmasq.Binary), Dnsmasq.Missing);
            using var kamailio = new Kamailio("proxy-tcp.cfg");
            using var dns = new Dnsmasq("--srv-host=_sip._tcp.pbx.test,k.pbx.test," + kamailio.Port + ",10,0 --host-record=k.pbx.test,127.0.0.1");
            using PhoneUnderTest alice = KamailioTests.Phone("486", kamailio);
            using PhoneUnderTest bob = PhoneUnderTest.Simulator("--identity bob --registrar " + registrar + " --dns 127.0.0.1:" + dns.Port +
                " --settings " + KamailioTests.SettingsFile("bob", 3600, NamedRegistrarTests.FilterOn + outbound));

            Assert.True(bob.WaitFor(() => KamailioTests.Registered(bob), r => r, 15000),
                "bob not registered:\n" + bob.Get("api/log").Body + "\n" + dns.Log + "\n" + kamailio.Log);
            Assert.Contains("_sip._tcp.pbx.test", dns.Log);
            Assert.Contains("registration 1: pbx.test SRV -> 127.0.0.1:" + kamailio.Port + " (priority 10)", bob.Get("api/log").Body);
            Assert.Matches(@"PEERTEST registered bob \S+ \S+ over tcp", kamailio.Log);
            Assert.True(alice.WaitFor(() => KamailioTests.Registered(alice), r => r, 10000));

            // alice -> kamailio -> (TCP) bob: let in by filter_registrar (kamailio is the target bob registered at).
            Assert.Equal(200, alice.Post("api/calls", "{\"to\":\"sip:bob@127.0.0.1:" + kamailio.Port + "\"}").Status);
            Assert.Equal("incoming", bob.WaitFor(() => CallTests.State(bob), s => s == "incoming", 15000));
            Assert.Equal(200, bob.Post("api/calls/0/hangup").Status);
            Assert.Equal("none", alice.WaitFor(() => CallTests.State(alice), s => s == "none", 15000));

            // bob calls alice at the PBX's domain by name: over TCP to the SRV target, the name kept in the request.
            Assert.Equal(200, bob.Post("api/calls", "{\"to\":\"sip:486@pbx.test\"}").Status);
            Assert.Equal("incoming", alice.WaitFor(() => CallTests.State(alice), s => s == "incoming", 15000));
            Assert.Matches(@"PEERTEST relaying INVITE from bob to \S+ over tcp", kamailio.Log);
            Assert.Equal(200, bob.Post("api/calls/0/hangup").Status);
        }
    }
}
