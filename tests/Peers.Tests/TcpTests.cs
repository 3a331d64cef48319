using System.IO;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The simulator with an identity over TCP (user_outbound ...;transport=tcp, issue #18) against kamailio listening on
    /// UDP and TCP (kamailio/proxy-tcp.cfg): it registers over a connection of its own, takes a call from baresip (on
    /// UDP) through kamailio on TCP, answers from the bench and hangs up, then calls baresip, whose INVITE, ACK and BYE go
    /// over TCP to kamailio. Loopback only.
    /// </summary>
    public class TcpTests
    {
        [SkippableFact]
        public void RegistersCallsAndIsCalledOverItsOwnTcpConnection()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio("proxy-tcp.cfg");
            using PhoneUnderTest phone = KamailioTests.Phone("100", kamailio, 3600,
                "<user_outbound idx=\"1\" perm=\"\">sip:127.0.0.1:" + kamailio.Port + ";transport=tcp</user_outbound>");
            using var peer = new Baresip("200", ";auth_pass=pw200;outbound=\"sip:127.0.0.1:" + kamailio.Port + "\";regint=60");
            Assert.True(phone.WaitFor(() => KamailioTests.Registered(phone), r => r, 15000), "phone not registered:\n" + kamailio.Log);
            Assert.True(kamailio.Count("PEERTEST registered 100") >= 1, kamailio.Log);
            Assert.Equal(kamailio.Count("PEERTEST registered 100"), kamailio.Count("over tcp contact <sip:100@"));
            Assert.Contains(";transport=tcp>", kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST registered 200"), n => n >= 1, 15000) >= 1, "baresip not registered:\n" + peer.Log + kamailio.Log);

            // baresip -> kamailio -> (TCP) phone; answered from the bench, hung up by the phone (BYE over TCP).
            peer.Dial("sip:100@127.0.0.1");
            Assert.Equal("incoming", phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 15000));
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);
            Assert.True(peer.WaitForEvent("CALL_ESTABLISHED"), "not established:\n" + peer.Log + kamailio.Log);
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Assert.True(peer.WaitForEvent("CALL_CLOSED"), "no BYE:\n" + peer.Log + kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST in-dialog BYE from 100"), n => n >= 1) >= 1, kamailio.Log);
            Assert.Matches(@"PEERTEST in-dialog BYE from 100 to \S+ over tcp", kamailio.Log);

            // phone -> (TCP, 407 answered) kamailio -> baresip, which answers; the ACK follows the route set over TCP;
            // baresip hangs up.
            var (status, _) = phone.Post("api/calls", "{\"to\":\"200\"}");
            Assert.Equal(200, status);
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));
            Assert.Matches(@"PEERTEST relaying INVITE from 100 to \S+ over tcp", kamailio.Log);
            Assert.True(phone.WaitFor(() => kamailio.Count("PEERTEST in-dialog ACK from 100"), n => n >= 1) >= 1, "the ACK did not follow the route set:\n" + kamailio.Log);
            Assert.Matches(@"PEERTEST in-dialog ACK from 100 to \S+ over tcp", kamailio.Log);
            peer.Hangup();
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
            // Nothing of the phone's went over UDP.
            Assert.DoesNotMatch(@"PEERTEST \S+ \S+ from 100 to \S+ over udp", kamailio.Log);
        }
    }
}
