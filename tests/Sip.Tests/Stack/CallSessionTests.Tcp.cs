using DeskPhone.Sip.Session;
using DeskPhone.Sip.UserAgent;
using Xunit;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>Calls over TCP (issue #18): the ones an identity over TCP places, and a REFER in a call that came over TCP.</summary>
    public partial class CallSessionTests
    {
        /// <summary>Identity 1 over TCP (its outbound proxy says ;transport=tcp); what goes over TCP is recorded.</summary>
        private RecordingStream TcpIdentity()
        {
            var tcp = new RecordingStream();
            _ua.Tcp = tcp;
            _ua.SetIdentity(new SipIdentity
            {
                Index = 1, Active = true, User = "100", Registrar = "10.0.0.1", Outbound = "sip:10.0.0.1:5070;transport=tcp",
                Password = "pw", OverTcp = true,
            });
            return tcp;
        }

        /// <summary>The INVITE arriving on a TCP connection the peer opened (its Via says TCP), handled by one poll.</summary>
        private void InviteOverTcp(RecordingStream tcp, object connection)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(Invite().Replace("SIP/2.0/UDP 10.0.0.1:5060", "SIP/2.0/TCP 10.0.0.1:5060"));
            DeskPhone.Sip.Transport.SipPacket p = _inbox.Rent();
            System.Array.Copy(bytes, p.Data, bytes.Length);
            p.Length = bytes.Length;
            p.RemoteHost = "10.0.0.1";
            p.RemotePort = 40000;
            p.Transport = tcp;
            p.Connection = connection;
            _inbox.Post(p);
            _ua.Poll(_now);
        }

        [Fact]
        public void AnIdentityOverTcpPlacesItsCallOverTcpOnceWithoutTimerAAndCancelsThere()
        {
            RecordingStream tcp = TcpIdentity();
            SipCall call = _calls.Dial(1, "200", _now, out string error);
            Assert.NotNull(call);
            Assert.Single(tcp.Sent);
            string invite = tcp.Sent[0].Text;
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=", invite);
            Assert.Equal("<sip:100@192.0.2.10:5060;line=dp1;transport=tcp>", FakeChannel.Header(invite, "Contact"));
            // The transport finds (or opens) the connection to the hop: none is named.
            Assert.Null(tcp.Sent[0].Connection);

            Run(5000);
            Assert.Single(tcp.Sent);
            Assert.Empty(_channel.Sent);

            _channel.Arrive(Response(invite, 180, "Ringing"));
            _ua.Poll(_now);
            _calls.Hangup(call, 0, _now);
            Assert.StartsWith("CANCEL sip:200@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=", tcp.Sent[tcp.Sent.Count - 1].Text);
            Assert.Empty(_channel.Sent);
        }

        [Fact]
        public void AnIdentityOverTcpPracksAReliable183OverTcpWithTcpInItsVia()
        {
            RecordingStream tcp = TcpIdentity();
            SipCall call = _calls.Dial(1, "200", _now, out string error);
            string invite = tcp.Sent[0].Text;
            _channel.Arrive(ReliableResponse(invite, 183, "Session Progress", 1));
            _ua.Poll(_now);
            Assert.Equal(2, tcp.Sent.Count);
            string prack = tcp.Sent[1].Text;
            Assert.StartsWith("PRACK sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=", prack);
            Assert.Contains("\r\nRAck: 1 1 INVITE\r\n", prack);
            Assert.Empty(_channel.Sent);
            Assert.True(call.EarlyMedia);
        }

        [Fact]
        public void AnInviteWaitingOnALostConnectionEndsTheCallAtOnce()
        {
            RecordingStream tcp = TcpIdentity();
            SipCall call = _calls.Dial(1, "200", _now, out string error);
            _calls.ConnectionLost("10.0.0.1", 5071, _now);
            Assert.NotEqual(SipCall.Ended, call.State);
            _calls.ConnectionLost("10.0.0.1", 5070, _now);
            Assert.Equal(SipCall.Ended, call.State);
        }

        [Fact]
        public void TheByeOfACallAnIdentityOverTcpTookOverUdpGoesOverUdpAsItsViaSays()
        {
            // The dialog's requests go where their Via says (CallSessions.SendInDialog, h-sipslim): the BYE of a call that
            // came over UDP once went over the identity's TCP with a UDP Via.
            RecordingStream tcp = TcpIdentity();
            Arrive(Invite());
            SipCall call = _handler.Last;
            Assert.True(_calls.Answer(call, _now));
            Run(600);
            int overTcp = tcp.Sent.Count;
            _calls.Hangup(call, 486, _now);
            Assert.StartsWith("BYE sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=", _channel.Last);
            Assert.Equal(overTcp, tcp.Sent.Count);
        }

        [Fact]
        public void TheOkAndAReferInACallThatCameOverTcpGoOnThatConnectionOnly()
        {
            var tcp = new RecordingStream();
            object connection = new object();
            InviteOverTcp(tcp, connection);
            SipCall call = _handler.Last;
            int udp = _channel.Sent.Count;
            Assert.True(_calls.Answer(call, _now));
            // The 200 went on the connection, once (a reliable transport: no retransmission, never over UDP).
            Run(600);
            Assert.Single(tcp.Sent.FindAll(m => m.Text.StartsWith("SIP/2.0 200 OK\r\n") && m.Connection == connection));
            Assert.True(_calls.Transfer(call, "300", _now, out string error), error);
            var refer = tcp.Sent[tcp.Sent.Count - 1];
            Assert.StartsWith("REFER sip:200@10.0.0.9:5062 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=", refer.Text);
            Assert.Same(connection, refer.Connection);
            Assert.Equal(udp, _channel.Sent.Count);
        }
    }
}
