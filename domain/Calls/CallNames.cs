using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>The words the bench and the screen use for a call's direction and state.</summary>
    public static class CallNames
    {
        public static string Direction(SipCall call) => call.Outgoing ? "outgoing" : "incoming";

        public static string State(SipCall call)
        {
            if (call.Cancelling)
            {
                return "cancelling";
            }
            switch (call.State)
            {
                case SipCall.Dialing: return "dialing";
                case SipCall.Ringing: return "ringing";
                case SipCall.Alerting: return "incoming";
                case SipCall.Connected: return call.Held ? "held" : "connected";
                default: return "ended";
            }
        }

        /// <summary>Who the other side is, for people: the display name, else the number, else the URI.</summary>
        public static string Remote(SipCall call) =>
            call.RemoteName ?? call.RemoteUser ?? call.RemoteUri;
    }
}
