using DeskPhone.Sip.Message;
using DeskPhone.Sip.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// Reliable provisionals (RFC 3262). The phone's INVITE says <c>Supported: 100rel</c>; an 18x with
    /// <c>Require: 100rel</c> and an RSeq is answered with PRACK in its early dialog, once per RSeq. An INVITE to the
    /// phone that requires 100rel gets its 180 reliably (RSeq 1, retransmitted until the PRACK, CallSessions.cs); the
    /// PRACK that matches it gets 200, any other 481 (a PRACK without a good RAck got 400 in RequestCheck).
    /// </summary>
    public sealed partial class CallSessions
    {
        /// <summary>A PRACK in one of the phone's dialogs: 200 for the reliable 180 still retransmitting, else 481; false outside a dialog (the core's 481).</summary>
        private bool OnPrack(SipPacket packet, SipMessage m, long nowMs)
        {
            SipCall call = FindDialog(m);
            if (call == null)
            {
                return false;
            }
            bool match = call.Flag(SipCall.AwaitingPrackBit) && m.GetHeader(HeaderNames.RAck) == "1 " + call.RemoteCSeq.ToString() + " INVITE";
            if (match)
            {
                call.SetFlag(SipCall.AwaitingPrackBit, false);
            }
            return Replied(packet, m, match ? 200 : 481, nowMs);
        }

        /// <summary>
        /// Whether the 1xx is to be acted on: an unreliable one always; a reliable one when it is the first of its early
        /// dialog or the next in order, PRACKed now; a retransmission or one out of order is dropped (RFC 3262 4).
        /// The RSeq is kept for the newest early dialog only: another fork's reliable 1xx starts it again.
        /// </summary>
        private bool Acknowledge(SipCall call, SipMessage r, long nowMs)
        {
            string value = r.GetHeader(HeaderNames.RSeq);
            string tag = r.To.Tag;
            if (value == null || tag == null || !HasToken(r, HeaderNames.Require, "100rel"))
            {
                return true;
            }
            long rseq = DecimalDigits.Parse(value, 0, value.Length, 10);
            if (rseq < 1)
            {
                // Not a sequence number to acknowledge: read as an unreliable 1xx (its sender gives up on it after 64*T1).
                return true;
            }
            SipCallExtras x = call.Extras;
            string last = (string)x.Refs[SipCallExtras.RSeqTag];
            if ((object)last != null && last == tag && rseq != x.Numbers[SipCallExtras.RSeq] + 1)
            {
                return false;
            }
            x.Numbers[SipCallExtras.RSeq] = rseq;
            x.Refs[SipCallExtras.RSeqTag] = tag;
            if (r.BodyLength > 0)
            {
                call.SetFlag(SipCall.ReliableAnswerBit, true);
            }
            SendPrack(call, r, rseq.ToString() + " " + r.CSeq.ToString() + " INVITE", nowMs);
            return true;
        }

        /// <summary>
        /// PRACK in the 1xx's early dialog (RFC 3262 7.2, RFC 3261 12.1.2): to its Contact through its Record-Route
        /// reversed, its To with the tag, the dialog's next CSeq, answered 401/407 once with the identity's credentials.
        /// No body: the phone's INVITE always offers, so a 1xx's SDP is the answer, never an offer the PRACK must answer.
        /// </summary>
        private void SendPrack(SipCall call, SipMessage r, string rack, long nowMs)
        {
            string target = ContactTarget(r, call.RequestUri);
            string[] routes = ReadRoutes(r, true);
            string remote = r.GetHeader(HeaderNames.To);
            int port;
            string address = Hop(target, routes, out port);
            if (address == null)
            {
                return;
            }
            var request = new DialogRequest(this, call, "PRACK", target, routes, remote) { Name1 = HeaderNames.RAck, Value1 = rack };
            _agent.SendRequest(_agent.GetIdentity(call.Identity), TransportOf(call), "PRACK", target, address, port, request.Build, request.Done, nowMs);
        }
    }
}
