using System.Collections.Generic;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// A new call rings, and a call hung up by the other side ends, once the agent has let go of the INVITE's or BYE's
    /// packet (SipUserAgent.AfterPacket, docs/benchmarks.md h-callfit): the handler runs in the same agent turn, after
    /// the answer is on the wire, with no packet of the inbox in use any more.
    /// </summary>
    public class AfterPacketTests
    {
        private sealed class InboxWatch : ISessionHandler
        {
            public SipInbox Inbox;
            public FakeChannel Channel;
            public readonly List<string> Seen = new List<string>();
            public SipCall Last;

            public int OnIncoming(SipCall call, SipMessage invite, out string contact)
            {
                contact = null;
                return 180;
            }

            public void OnChanged(SipCall call, long nowMs)
            {
                Last = call;
                Seen.Add(call.State + " packets=" + Inbox.Made + " sent=" + Channel.Last.Substring(0, Channel.Last.IndexOf('\r')));
            }

            public bool PortBindable(int port) => true;

            public void DtmfReceived(SipCall call, char key, long nowMs)
            {
            }
        }

        [Fact]
        public void TheRingingAndTheEndComeAfterTheirRequestsPacketsAreLetGo()
        {
            var inbox = new SipInbox(2, 4096);
            var channel = new FakeChannel(inbox);
            var ua = new SipUserAgent(inbox) { Udp = channel, LocalHost = "192.0.2.10" };
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1" });
            var watch = new InboxWatch { Inbox = inbox, Channel = channel };
            var calls = new CallSessions(ua, watch, true);
            ua.Route(new RecordingHandler());

            channel.Arrive("INVITE sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKap1\r\n" +
                           "From: <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:486@10.0.0.1>\r\nCall-ID: ap1\r\nCSeq: 1 INVITE\r\n" +
                           "Contact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            ua.Poll(10);
            Assert.Equal(new[] { SipCall.Alerting + " packets=0 sent=SIP/2.0 180 Ringing" }, watch.Seen);
            Assert.Equal("200@10.0.0.1", watch.Last.RemoteUri.Substring(4));

            Assert.True(calls.Answer(watch.Last, 20));
            string to = FakeChannel.Header(channel.Last, "To");
            channel.Arrive("BYE sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKap2\r\n" +
                           "From: <sip:200@10.0.0.1>;tag=a1\r\nTo: " + to + "\r\nCall-ID: ap1\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\n" +
                           "Content-Length: 0\r\n\r\n");
            ua.Poll(30);
            Assert.Equal(SipCall.Ended + " packets=0 sent=SIP/2.0 200 OK", watch.Seen[^1]);
            Assert.Equal("remote hung up", watch.Last.EndReason);
            Assert.Equal(0, calls.Count);
        }
    }
}
