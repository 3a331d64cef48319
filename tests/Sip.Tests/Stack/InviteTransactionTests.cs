using System.Collections.Generic;
using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    public class InviteTransactionTests
    {
        private readonly SipInbox _inbox = new SipInbox(8, 4096);

        private const string Invite =
            "INVITE sip:487@192.0.2.5 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1\nFrom: <sip:a@10.0.0.1>;tag=a\n" +
            "To: <sip:487@192.0.2.5>\nCall-ID: call-1\nCSeq: 7 INVITE\nMax-Forwards: 70\nContent-Length: 0\n\n";

        private static List<long> SendTimes(FakeChannel channel, System.Action<long> poll, long until)
        {
            var times = new List<long>();
            int sent = channel.Sent.Count;
            for (long now = 0; now <= until; now += 10)
            {
                poll(now);
                if (channel.Sent.Count != sent)
                {
                    times.Add(now);
                    sent = channel.Sent.Count;
                }
            }
            return times;
        }

        [Fact]
        public void RefusedInviteIsRetransmittedOnTimerGUntilTimerH()
        {
            var channel = new FakeChannel(_inbox);
            var ua = new SipUserAgent(_inbox) { Udp = channel }.Route(new RecordingHandler(), filterRegistrar: false);
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "487", UserNameAsLine = true });
            channel.Arrive(Invite);
            ua.Poll(0);
            Assert.StartsWith("SIP/2.0 480", channel.Last);

            List<long> times = SendTimes(channel, ua.Poll, 40000);

            Assert.Equal(new long[] { 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 }, times);
        }

        [Fact]
        public void RedirectCarriesTheHandlersContactAndIsRetransmittedLikeARefusal()
        {
            var channel = new FakeChannel(_inbox);
            var ua = new SipUserAgent(_inbox) { Udp = channel };
            new DeskPhone.Sip.Session.CallSessions(ua, new RecordingSessions { Decision = 302, Forward = "<sip:200@10.0.0.1>" }, true);
            ua.Route(new RecordingHandler(), filterRegistrar: false);
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "487", UserNameAsLine = true });
            channel.Arrive(Invite);
            ua.Poll(0);

            string redirect = channel.Last;
            Assert.StartsWith("SIP/2.0 302 Moved Temporarily\r\n", redirect);
            Assert.Equal("<sip:200@10.0.0.1>", FakeChannel.Header(redirect, "Contact"));
            ua.Poll(500);
            Assert.Equal(redirect, channel.Last);
        }

        [Fact]
        public void AckStopsTheRetransmissions()
        {
            var channel = new FakeChannel(_inbox);
            var ua = new SipUserAgent(_inbox) { Udp = channel }.Route(new RecordingHandler(), filterRegistrar: false);
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "487", UserNameAsLine = true });
            channel.Arrive(Invite);
            ua.Poll(0);
            ua.Poll(500);
            Assert.Equal(2, channel.Sent.Count);

            channel.Arrive(Invite.Replace("INVITE sip", "ACK sip").Replace("7 INVITE", "7 ACK"));
            ua.Poll(600);

            Assert.Empty(SendTimes(channel, now => ua.Poll(600 + now), 40000));
        }

        private static SipMessage Response(string text)
        {
            var m = new SipMessage();
            byte[] b = Encoding.ASCII.GetBytes(text.Replace("\n", "\r\n"));
            new SipParser().Parse(b, 0, b.Length, false, m, new ParseResult());
            return m;
        }

        private InviteClientTransaction Client(FakeChannel channel, List<int> finals) =>
            new InviteClientTransaction("z9hG4bKc1", new byte[] { 1 }, "sip:bob@10.0.0.9", "SIP/2.0/UDP 192.0.2.5;branch=z9hG4bKc1",
                "<sip:486@pbx>;tag=f1", "c-1", 3, null, channel, "10.0.0.9", 5060, (t, r, now) => finals.Add(r == null ? 0 : r.StatusCode));

        [Fact]
        public void TimerADoublesWithoutCapAndTimerBGivesUp()
        {
            var channel = new FakeChannel(_inbox);
            var finals = new List<int>();
            InviteClientTransaction t = Client(channel, finals);
            t.Start(0);
            List<long> times = SendTimes(channel, t.Poll, 40000);
            Assert.Equal(new long[] { 500, 1500, 3500, 7500, 15500, 31500 }, times);
            Assert.Equal(new[] { 0 }, finals);
            Assert.Equal(InviteClientTransaction.Terminated, t.State);
        }

        [Fact]
        public void ProvisionalStopsTimerAAndARefusalIsAcknowledgedAgainOnRetransmission()
        {
            var channel = new FakeChannel(_inbox);
            var finals = new List<int>();
            InviteClientTransaction t = Client(channel, finals);
            t.Start(0);
            t.OnResponse(Response("SIP/2.0 180 Ringing\nVia: SIP/2.0/UDP 192.0.2.5;branch=z9hG4bKc1\nCSeq: 3 INVITE\nContent-Length: 0\n\n"), 100);
            Assert.Empty(SendTimes(channel, now => t.Poll(100 + now), 5000));

            string busy = "SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP 192.0.2.5;branch=z9hG4bKc1\nFrom: <sip:486@pbx>;tag=f1\n" +
                          "To: <sip:bob@10.0.0.9>;tag=b9\nCall-ID: c-1\nCSeq: 3 INVITE\nContent-Length: 0\n\n";
            t.OnResponse(Response(busy), 6000);
            t.OnResponse(Response(busy), 6500);

            Assert.Equal(new[] { 486 }, finals);
            Assert.Equal(2, t.Acks);
            string ack = channel.Last;
            Assert.StartsWith("ACK sip:bob@10.0.0.9 SIP/2.0", ack);
            Assert.Equal("3 ACK", FakeChannel.Header(ack, "CSeq"));
            Assert.Equal("<sip:bob@10.0.0.9>;tag=b9", FakeChannel.Header(ack, "To"));
            Assert.Equal("SIP/2.0/UDP 192.0.2.5;branch=z9hG4bKc1", FakeChannel.Header(ack, "Via"));
            t.Poll(6000 + InviteClientTransaction.TimerDMs);
            Assert.Equal(InviteClientTransaction.Terminated, t.State);
        }
    }
}
