using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Session
{
    public sealed partial class CallSessions
    {
        /// <summary>
        /// An UPDATE from the other side (RFC 3311) in an early or confirmed dialog, 481 outside one. Without a body it
        /// is a target refresh (its Contact becomes the remote target) and, connected, a session refresh (RFC 4028: the
        /// timer is read and re-armed as for a re-INVITE, 422 below Min-SE): 200. With an SDP offer in a connected
        /// call, or in a dialled call's early dialog once a reliable provisional (PRACKed) carried the answer to the
        /// INVITE's offer (RFC 3311 5.1), it is answered as a re-INVITE's offer (the direction applied: hold and resume
        /// from the other side), 488 without a common codec; 491 while an offer of the phone's is unanswered (its
        /// re-INVITE, its offer in a 200 awaiting the ACK, its INVITE before a reliable answer or the 200); 500 with
        /// Retry-After (0-10 s) while the phone owes the answer to an offer (a ringing incoming call, RFC 3311 5.2); 500
        /// for a CSeq not above the last (RFC 3261 12.2.2).
        /// A retransmission (same branch and CSeq) is answered again from the call's state, not applied twice.
        /// </summary>
        private bool OnUpdate(SipPacket packet, SipMessage m, long nowMs)
        {
            SipCall call = FindDialog(m);
            if (call == null)
            {
                return Replied(packet, m, 481, nowMs);
            }
            string branch = m.GetVia(0).Branch;
            if (m.CSeq == call.RemoteCSeq && branch != null && branch == call.UpdateBranch)
            {
                SipUserAgent.Send(packet, m, UpdateOk(call, packet, m, m.BodyLength > 0));
                return true;
            }
            if (m.CSeq <= call.RemoteCSeq)
            {
                return Replied(packet, m, 500, nowMs);
            }
            bool offer = m.BodyLength > 0;
            bool early = call.State != SipCall.Connected;
            if (offer && (call.Flag(SipCall.ReinvitingBit) || call.Flag(SipCall.OfferInOkBit) || call.Outgoing && early && !call.Flag(SipCall.ReliableAnswerBit)))
            {
                return Replied(packet, m, 491, nowMs);
            }
            if (offer && early && !call.Outgoing)
            {
                _agent.Reply(packet, m, 500, HeaderNames.RetryAfter, (nowMs / 7 % 11).ToString(), nowMs);
                return true;
            }
            call.RemoteCSeq = m.CSeq;
            if (!early && !TimerRequested(call, m))
            {
                RefuseInterval(packet, m, nowMs);
                return true;
            }
            if (offer)
            {
                if (m.ContentType != Sdp.ContentType)
                {
                    _agent.Reply(packet, m, 415, HeaderNames.Accept, Sdp.ContentType, nowMs);
                    return true;
                }
                if (!TakeOffer(call, m))
                {
                    return Replied(packet, m, 488, nowMs);
                }
            }
            call.RemoteTarget = ContactTarget(m, call.RemoteTarget);
            call.UpdateBranch = branch;
            SipUserAgent.Send(packet, m, UpdateOk(call, packet, m, offer));
            if (!early)
            {
                ArmTimer(call, nowMs);
            }
            Changed(call, nowMs);
            return true;
        }

        /// <summary>The 200 to an UPDATE: the phone's Contact and Allow, a connected call's timer answer, the SDP answer to an offer.</summary>
        private byte[] UpdateOk(SipCall call, SipPacket packet, SipMessage m, bool sdp)
        {
            SipWriter w = _writer ?? (_writer = new SipWriter());
            _agent.WriteResponseHead(w, packet, m, 200, null);
            ContactAndAllow(w, call);
            if (call.State == SipCall.Connected)
            {
                WriteTimerAnswer(w, call);
            }
            w.UserAgent();
            if (sdp)
            {
                w.Body(Sdp.ContentType, LocalSdp(call));
            }
            return w.ToBytes();
        }
    }
}
