using DeskPhone.Domain.Routing;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// The phone's identity routing (domain/Routing) put at the end of a test agent's chain, as the composition root
    /// does after the call sessions: the requests these tests send reach a handler through the real policy.
    /// </summary>
    internal static class PhoneRouting
    {
        public static SipUserAgent Route(this SipUserAgent agent, ISipRequestHandler handler, bool filterRegistrar = true)
        {
            var routing = new IdentityRouting(agent, handler) { FilterRegistrar = filterRegistrar };
            agent.Router = routing;
            agent.AddListener(routing);
            return agent;
        }

        public static IdentityRouting Routing(this SipUserAgent agent) => (IdentityRouting)agent.Router;
    }
}
