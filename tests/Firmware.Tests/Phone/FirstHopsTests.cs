using System.Linq;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The identity's first hop by DNS SRV (firmware/Phone/FirstHops over drivers/Network/SrvLookup) against a DNS server
    /// on loopback: the targets' order, where the REGISTER goes, the failover on 503 and on no answer, the back-off and
    /// fresh lookup after the last, and nothing asked for IP literals or explicit ports.
    /// </summary>
    public class FirstHopsTests
    {
        private static SipPhone Phone(FakeDns dns, string registrar) =>
            new SipPhone(s => s.Set("user_host", 1, registrar), dns: new[] { dns.Server });

        private static string LastRegisterTo(SipPhone p) =>
            p.Channel.SentTo[p.Channel.Sent.FindLastIndex(m => m.StartsWith("REGISTER "))];

        private static int Registers(SipPhone p) => p.Channel.Sent.Count(m => m.StartsWith("REGISTER "));

        private static FakeDns ThreeTargets(int ttl = 60)
        {
            var dns = new FakeDns { Ttl = ttl };
            dns.Srv("_sip._udp.pbx.test", 20, 0, 5072, "b.pbx.test");
            dns.Srv("_sip._udp.pbx.test", 10, 1, 5071, "a.pbx.test");
            dns.Srv("_sip._udp.pbx.test", 10, 9, 5073, "c.pbx.test");
            dns.A("a.pbx.test", "127.0.0.1");
            dns.A("b.pbx.test", "127.0.0.2");
            dns.A("c.pbx.test", "127.0.0.3");
            return dns;
        }

        [Fact]
        public void TargetsAreTriedByPriorityThenWeightAndFailOverOn503AndNoAnswer()
        {
            using FakeDns dns = ThreeTargets();
            SipPhone p = Phone(dns, "pbx.test");
            p.Run(100);

            // Priority 10 first, the heavier of the two first; addresses from the answer's additional records.
            Assert.Equal("127.0.0.3:5073", LastRegisterTo(p));
            Assert.StartsWith("REGISTER sip:pbx.test SIP/2.0\r\n", p.Last("REGISTER"));
            Assert.Contains("<sip:100@pbx.test>", SipChannel.Header(p.Last("REGISTER"), "To"));
            Assert.Equal(new[] { "33 _sip._udp.pbx.test" }, dns.Asked);
            Assert.Contains("registration 1: pbx.test SRV -> 127.0.0.3:5073 (priority 10)", p.App.Log.Text());

            // 503: the next target at once.
            p.Answer(p.Last("REGISTER"), 503);
            p.Run(50);
            Assert.Equal("127.0.0.1:5071", LastRegisterTo(p));
            Assert.Contains("registration 1: pbx.test failover -> 127.0.0.1:5071 (priority 10)", p.App.Log.Text());

            // No answer (Timer F, 32 s): the next.
            p.Run(33000);
            Assert.Equal("127.0.0.2:5072", LastRegisterTo(p));

            // The last fails: the registration's back-off, then a fresh lookup and the first target again.
            p.Answer(p.Last("REGISTER"), 503);
            int registers = Registers(p);
            p.Run(5000);
            Assert.Equal(registers, Registers(p));
            Assert.Contains("registration 1: pbx.test every SRV target failed", p.App.Log.Text());
            p.Run(16000);
            Assert.True(Registers(p) > registers);
            Assert.Equal("127.0.0.3:5073", LastRegisterTo(p));
            Assert.Equal(2, dns.Asked.Count);
        }

        [Fact]
        public void ATtlOfZeroKeepsTheTargetsAMinuteAndAFailoverGoesOnPastIt()
        {
            using FakeDns dns = ThreeTargets(0);
            SipPhone p = Phone(dns, "pbx.test");
            // A REGISTER in flight is due all along: asked once, not at every turn.
            p.Run(2000);
            Assert.Single(dns.Asked);

            // Two timeouts (64 s) pass the minute: the third target still comes, not the first again.
            p.Run(31000);
            Assert.Equal("127.0.0.1:5071", LastRegisterTo(p));
            p.Run(33000);
            Assert.Equal("127.0.0.2:5072", LastRegisterTo(p));
            Assert.Single(dns.Asked);
        }

        [Fact]
        public void TheTargetItRegisteredAtIsLetInByFilterRegistrar()
        {
            using FakeDns dns = ThreeTargets();
            SipPhone p = Phone(dns, "pbx.test");
            p.Run(100);
            p.Answer(p.Last("REGISTER"), 503);
            p.Run(50);
            p.Register();
            Assert.True(p.Phone.IsRegistered(1));

            Assert.Equal("SIP/2.0 200 OK", Reply(p, "127.0.0.1"));
            Assert.Equal("SIP/2.0 403 Forbidden (filter_registrar: not from the registrar)", Reply(p, "127.0.0.3"));
        }

        private static string Reply(SipPhone p, string host)
        {
            int before = p.Channel.Sent.Count;
            p.Channel.Arrive("MESSAGE sip:100@192.0.2.10;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP " + host + ":5060;branch=z9hG4bK" + host +
                             "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@pbx.test>;tag=m\r\nTo: <sip:100@pbx.test>\r\nCall-ID: srv-" + host +
                             "\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi", host);
            p.Run(10);
            string answer = p.Channel.Sent.Skip(before).First(m => m.StartsWith("SIP/2.0 "));
            return answer.Substring(0, answer.IndexOf("\r\n"));
        }

        [Fact]
        public void ATargetWithoutAdditionalRecordIsAskedForItsAddress()
        {
            using FakeDns dns = ThreeTargets();
            dns.Additional = false;
            SipPhone p = Phone(dns, "pbx.test");
            p.Run(100);

            Assert.Equal("127.0.0.3:5073", LastRegisterTo(p));
            Assert.Equal(new[] { "33 _sip._udp.pbx.test", "1 c.pbx.test", "1 a.pbx.test", "1 b.pbx.test" }, dns.Asked);
        }

        [Fact]
        public void WithoutSrvRecordOrWithTargetDotTheNameResolvesAsBefore()
        {
            using var dns = new FakeDns();
            SipPhone p = Phone(dns, "localhost");
            p.Run(100);
            Assert.Equal("127.0.0.1:5060", LastRegisterTo(p));
            Assert.Equal(new[] { "33 _sip._udp.localhost" }, dns.Asked);
            Assert.Contains("registration 1: localhost no SRV target", p.App.Log.Text());

            using var dot = new FakeDns();
            dot.Srv("_sip._udp.localhost", 0, 0, 0, ".");
            SipPhone q = Phone(dot, "localhost");
            q.Run(100);
            Assert.Equal("127.0.0.1:5060", LastRegisterTo(q));
        }

        [Fact]
        public void ASilentServerLeavesTheNameAsBefore()
        {
            using var dns = new FakeDns { Silent = true };
            SipPhone p = Phone(dns, "localhost");
            p.Run(100);
            Assert.Equal("127.0.0.1:5060", LastRegisterTo(p));
            // Asked, then once more after its second.
            Assert.Equal(2, dns.Asked.Count);
        }

        [Fact]
        public void ADnsServerThatStopsAnsweringKeepsTheTargetsItGave()
        {
            using FakeDns dns = ThreeTargets();
            SipPhone p = Phone(dns, "pbx.test");
            p.Run(100);
            p.Answer(p.Last("REGISTER"), 200, "Contact: <sip:100@192.0.2.10:5060;line=dp1>;expires=120\r\n");
            Assert.True(p.Phone.IsRegistered(1));

            // The refresh (90 s) comes after the records' minute: asked again, no answer. The target it is registered at
            // is kept (was: the name's own A record, "cannot resolve", the registration lost for the DNS server's outage).
            dns.Silent = true;
            int registers = Registers(p);
            p.Run(91000);
            Assert.True(Registers(p) > registers, p.App.Log.Text());
            Assert.Equal("127.0.0.3:5073", LastRegisterTo(p));
            Assert.Contains("registration 1: pbx.test no DNS answer, kept -> 127.0.0.3:5073 (priority 10)", p.App.Log.Text());
            p.Answer(p.Last("REGISTER"), 200, "Contact: <sip:100@192.0.2.10:5060;line=dp1>;expires=120\r\n");
            Assert.True(p.Phone.IsRegistered(1));

            // Answering again, its records are taken at the next refresh.
            dns.Silent = false;
            int asked = dns.Asked.Count;
            p.Run(91000);
            Assert.True(dns.Asked.Count > asked);
            Assert.Contains("registration 1: pbx.test SRV -> 127.0.0.3:5073 (priority 10)", p.App.Log.Text());
        }

        [Theory]
        [InlineData("localhost:5070", "127.0.0.1:5070")]
        [InlineData("127.0.0.1", "127.0.0.1:5060")]
        public void AnIpLiteralOrAnExplicitPortAsksNothing(string registrar, string to)
        {
            using FakeDns dns = ThreeTargets();
            SipPhone p = Phone(dns, registrar);
            p.Run(100);
            Assert.Equal(to, LastRegisterTo(p));
            Assert.Empty(dns.Asked);
            Assert.Null(p.Binding.Agent.GetIdentity(1).Outbound);
        }
    }
}
