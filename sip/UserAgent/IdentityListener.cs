using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.UserAgent
{
    /// <summary>
    /// The last link of the user agent's chain: OPTIONS answered with Allow, a BYE or CANCEL no session took gets 481,
    /// an INVITE no session took gets 480 (no call layer is listening), and the rest is routed to an identity (Snom
    /// semantics, see <see cref="SipUserAgent.Match"/>; with filter_registrar only from the identity's registrar or
    /// outbound proxy) and answered with what the <see cref="ISipRequestHandler"/> decides. It takes every request.
    /// </summary>
    internal sealed class IdentityListener : ISipListener
    {
        private const string FilteredReason = "Forbidden (filter_registrar: not from the registrar)";

        private readonly SipUserAgent _agent;
        private readonly ISipRequestHandler _handler;

        public IdentityListener(SipUserAgent agent, ISipRequestHandler handler)
        {
            _agent = agent;
            _handler = handler;
        }

        public bool OnResponse(SipMessage response, long nowMs) => false;

        public bool OnRequest(SipPacket packet, SipMessage m, long nowMs)
        {
            string method = m.Method;
            if (method == "ACK")
            {
                // An ACK nobody before us matched is absorbed (RFC 3261 17.2.3: no response to an ACK).
                return true;
            }
            if (method == "OPTIONS")
            {
                _agent.Respond(packet, m, 200, "OK", HeaderNames.Allow, _agent.Capabilities.AllowList(), true, nowMs);
                return true;
            }
            if (method == "BYE" || method == "CANCEL")
            {
                _agent.Reply(packet, m, 481, nowMs);
                return true;
            }
            int identity = _agent.Match(m.RequestUri);
            int refusal = _agent.Refusal(identity, packet.RemoteHost);
            if (refusal == 403)
            {
                _agent.Respond(packet, m, 403, FilteredReason, null, null, true, nowMs);
                return true;
            }
            if (refusal != 0)
            {
                _agent.Reply(packet, m, refusal, nowMs);
                return true;
            }
            int status;
            if (method == "MESSAGE")
            {
                if (m.ContentType != "text/plain")
                {
                    _agent.Respond(packet, m, 415, ReasonPhrases.For(415), HeaderNames.Accept, "text/plain", true, nowMs);
                    return true;
                }
                status = _handler.OnMessage(identity, m);
            }
            else if (method == "NOTIFY")
            {
                status = _handler.OnNotify(identity, m, _agent.IsFromRegistrar(identity, packet.RemoteHost));
            }
            else
            {
                status = 480;
            }
            _agent.Reply(packet, m, status, nowMs);
            return true;
        }
    }
}
