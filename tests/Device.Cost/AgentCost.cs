using DeskPhone.Boot;
using DeskPhone.Domain.Routing;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Cost
{
    /// <summary>
    /// The MESSAGE through the user agent alone (count.sh's kind "message-agent"; issue #17 counts "through the user
    /// agent" apart from the phone): a <see cref="SipUserAgent"/> of its own, on an inbox and recording transport of its
    /// own, with the phone's identity routing as its only listener and identity 1 as the phone has it (user 486, the
    /// registrar 192.0.2.1, line token dp1, user name as line). The routing's handler answers 200 and does nothing
    /// else, so a request here is the delivery, the parse, the transaction search and room, the request checks, the
    /// routing (identity, filter_registrar, text/plain) and the written answer: the phone's kind "message-new" without
    /// the desktop message, its events, the screen and the loop turn's other polls.
    /// </summary>
    internal sealed class AgentCost : ISipRequestHandler
    {
        private readonly RecordingTransport _wire;
        private readonly SipUserAgent _agent;
        private long _now;
        private int _handled;

        public AgentCost(string localHost, string registrar, int inboxSlots, int packetBytes)
        {
            var inbox = new SipInbox(inboxSlots, packetBytes);
            _wire = new RecordingTransport(inbox);
            _agent = new SipUserAgent(inbox) { Udp = _wire, LocalHost = localHost };
            var routing = new IdentityRouting(_agent, this);
            _agent.Router = routing;
            _agent.AddListener(routing);
            _agent.SetIdentity(new SipIdentity
            {
                Index = 1,
                Active = true,
                User = "486",
                Registrar = registrar,
                UserNameAsLine = true,
            });
        }

        /// <summary>
        /// One request in one poll of the agent, 10 ms of its own virtual time after the last (the phone's clock is not
        /// touched); false unless exactly one answer with <paramref name="status"/> went out and the handler saw it.
        /// </summary>
        public bool Handle(byte[] bytes, string host, int status)
        {
            if (!_wire.Arrive(bytes, host))
            {
                return false;
            }
            int handled = _handled;
            _now += 10;
            _agent.Poll(_now);
            if (_wire.Pending != 1 || _handled != handled + 1)
            {
                return false;
            }
            string answer = _wire.Peek(0);
            _wire.RemoveAt(0);
            // As CostProgram.Expect reads it (the same harness cost as the phone's kinds).
            int got = answer.IndexOf("SIP/2.0 ") == 0 ? (answer[8] - '0') * 100 + (answer[9] - '0') * 10 + (answer[10] - '0') : -1;
            return got == status;
        }

        public int OnMessage(int identity, SipMessage request)
        {
            _handled++;
            return 200;
        }

        public DeskPhone.Sip.Events.Subscriptions Events => null;

        public DeskPhone.Sip.UserAgent.IAfterPacket AfterNotify => null;

        public int OnNotify(int identity, SipMessage request, bool fromRegistrar) => 489;
    }
}
