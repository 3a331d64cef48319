using DeskPhone.Sip.Message;
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
        public static string Remote(SipCall call) => call.RemoteName ?? Number(call);

        /// <summary>
        /// The other side's number: its URI's user part, else the URI (null: none). The same as RemoteUser ?? RemoteUri
        /// with the URI read from the call's header once, not three times (RemoteUser reads it twice).
        /// </summary>
        public static string Number(SipCall call)
        {
            string uri = call.RemoteUri;
            return NumberOf(uri == null ? null : SipUri.Parse(uri), uri);
        }

        /// <summary>The number in a call's <paramref name="uri"/> as <paramref name="parsed"/> read it (null: not a URI):
        /// its user part, else the URI itself. A method of its own, so that a caller keeps no local for the parse (its
        /// object and strings are let go as it returns) and has no frame more under the parse (CallDisplay.CallLines).</summary>
        public static string NumberOf(SipUri parsed, string uri) => parsed != null && parsed.User != null ? parsed.User : uri;
    }
}
