using System.Collections.Generic;
using System.Text.RegularExpressions;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;
using Xunit;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// An identity over TCP (issue #18) with fake channels: its requests name TCP in Via and Contact and go on the
    /// identity's transport, not UDP; nothing is retransmitted over TCP (RFC 3261 17.1.1.2, 17.1.2.2); a lost connection
    /// fails what waited on it at once.
    /// </summary>
    public class OwnTcpTests
    {
        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly FakeChannel _udp;
        private readonly FakeChannel _tcp;
        private readonly SipUserAgent _ua;
        private readonly Registrations _reg;
        private readonly List<string> _events = new List<string>();

        public OwnTcpTests()
        {
            _udp = new FakeChannel(_inbox);
            _tcp = new FakeChannel(_inbox) { Name = "TCP" };
            _ua = new SipUserAgent(_inbox) { Udp = _udp, Tcp = _tcp, LocalHost = "192.0.2.10" }.Route(new RecordingHandler());
            _reg = new Registrations(_ua);
            _reg.Changed += (id, ok, status, reason) => _events.Add(id + (ok ? " up " : " down ") + status + " " + reason);
            var identity = new SipIdentity
            {
                Index = 3, Active = true, User = "486", Registrar = "10.0.0.1", Outbound = "sip:10.0.0.1:5070;transport=tcp",
                Expires = 600, OverTcp = true,
            };
            _ua.SetIdentity(identity);
            _reg.Update(identity, 0);
            Poll(0);
        }

        private void Poll(long now)
        {
            _ua.Poll(now);
            _reg.Poll(now);
        }

        /// <summary>The tokens (branch, tag, Call-ID) written as X, so the rest can be compared byte for byte.</summary>
        private static string Masked(string message) =>
            Regex.Replace(message, @"(branch=z9hG4bK|tag=|Call-ID: )[0-9a-f]+", "$1X");

        [Fact]
        public void RegisterGoesOverTheIdentitysTcpWithTcpInViaAndContact()
        {
            Assert.Empty(_udp.Sent);
            Assert.Single(_tcp.Sent);
            Assert.Equal(("10.0.0.1", 5070), (_tcp.Sent[0].Host, _tcp.Sent[0].Port));
            Assert.Equal(
                "REGISTER sip:10.0.0.1 SIP/2.0\r\n" +
                "Via: SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bKX;rport\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:486@10.0.0.1>;tag=X\r\n" +
                "To: <sip:486@10.0.0.1>\r\n" +
                "Call-ID: X-reg3\r\n" +
                "CSeq: 1 REGISTER\r\n" +
                "Contact: <sip:486@192.0.2.10:5060;line=dp3;transport=tcp>\r\n" +
                "Expires: 600\r\n" +
                "User-Agent: DeskPhone\r\n" +
                "Content-Length: 0\r\n\r\n",
                Masked(_tcp.Last));
        }

        [Fact]
        public void RegisterIsNotRetransmittedOverTcpAndTimerFStillEndsIt()
        {
            Poll(31_999);
            Assert.Single(_tcp.Sent);
            Assert.Empty(_events);
            Poll(32_000);
            Assert.Single(_tcp.Sent);
            Assert.Equal(new[] { "3 down 408 no answer from the registrar" }, _events);
        }

        [Fact]
        public void TheAnsweredRegisterLeavesNoTransactionBehindOverTcp()
        {
            // Timer K is zero over TCP: the slot is free at the next turn, not after T4.
            int free = _ua.FreeClientTransactions;
            _tcp.Arrive(_tcp.Answer(200, "OK", "Contact: <sip:486@192.0.2.10:5060;line=dp3;transport=tcp>;expires=600\n"));
            Poll(100);
            Assert.Equal(new[] { "3 up 200 OK" }, _events);
            Assert.Equal(free + 1, _ua.FreeClientTransactions);
        }

        [Fact]
        public void ALostConnectionFailsTheRegisterAtOnce()
        {
            // The change is told by the registrations' poll of the same loop turn (h-boot80), not from inside the loss.
            _ua.ConnectionLost("10.0.0.1", 5071, 50);
            Poll(50);
            Assert.Empty(_events);
            _ua.ConnectionLost("10.0.0.1", 5070, 50);
            Poll(50);
            Assert.Equal(new[] { "3 down 408 no answer from the registrar" }, _events);
        }

        [Fact]
        public void InviteOverTcpHasNoTimerAAndNoTimerD()
        {
            var answers = new List<int>();
            var t = new InviteClientTransaction("z9hG4bK1", System.Text.Encoding.ASCII.GetBytes("INVITE sip:200@10.0.0.1 SIP/2.0\r\n\r\n"),
                "sip:200@10.0.0.1", "SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bK1", "<sip:486@10.0.0.1>;tag=a", "c1", 1, null, _tcp,
                "10.0.0.1", 5070, (x, r, now) => answers.Add(r == null ? 0 : r.StatusCode));
            t.Start(0);
            for (long now = 0; now < 32_000; now += 250)
            {
                t.Poll(now);
            }
            Assert.Equal(1, t.Transmissions);
            Assert.Empty(answers);
            var busy = new SipMessage();
            string text = "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bK1\r\nFrom: <sip:486@10.0.0.1>;tag=a\r\n" +
                          "To: <sip:200@10.0.0.1>;tag=b\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
            new SipParser().Parse(bytes, 0, bytes.Length, false, busy, new ParseResult());
            t.OnResponse(busy, 1000);
            Assert.Equal(new[] { 486 }, answers);
            Assert.Equal(1, t.Acks);
            t.Poll(1000);
            Assert.Equal(InviteClientTransaction.Terminated, t.State);
        }

        [Fact]
        public void InviteOverUdpStillHasTimerAAndTimerD()
        {
            var t = new InviteClientTransaction("z9hG4bK1", System.Text.Encoding.ASCII.GetBytes("INVITE sip:200@10.0.0.1 SIP/2.0\r\n\r\n"),
                "sip:200@10.0.0.1", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1", "<sip:486@10.0.0.1>;tag=a", "c1", 1, null, _udp,
                "10.0.0.1", 5070, (x, r, now) => { });
            t.Start(0);
            t.Poll(500);
            Assert.Equal(2, t.Transmissions);
        }
    }
}
