using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// An outgoing INVITE that forks (RFC 3261 12.1.2, 13.2.2.4) and early media: each 1xx with a new To tag is an
    /// early dialog of its own (at most <see cref="SipCall.MaxEarlyDialogs"/> remembered); a 180 or 183 with SDP starts
    /// the call's media toward that SDP while it rings; the first 2xx confirms its dialog and ends the early dialogs
    /// of the others; any other branch's 2xx that arrives later is acknowledged and ended with BYE at once (the phone
    /// takes one call).
    /// </summary>
    public sealed partial class CallSessions
    {
        /// <summary>A 1xx of the call's INVITE: its early dialog remembered, its SDP (early media) read.</summary>
        private void EarlyDialog(SipCall call, SipMessage r, long nowMs)
        {
            string tag = r.To == null ? null : r.To.Tag;
            if (r.StatusCode == 100 || tag == null)
            {
                return;
            }
            Remember(call, tag);
            if (r.BodyLength > 0 && r.ContentType == Sdp.ContentType && Media.Parse(r.Buffer, r.BodyOffset, r.BodyLength))
            {
                int codec = Sdp.Choose(Media);
                if (codec >= 0)
                {
                    // The newest early offer wins (RFC 3261 13.2.1: the 1xx's SDP is the answer for that early dialog).
                    TakeMedia(call, codec);
                    call.EarlyMedia = true;
                    if (call.State == SipCall.Ringing)
                    {
                        Changed(call, nowMs);
                    }
                }
            }
        }

        private static void Remember(SipCall call, string tag)
        {
            if (call.EarlyTags == null)
            {
                call.EarlyTags = new string[SipCall.MaxEarlyDialogs];
            }
            int free = -1;
            for (int i = 0; i < call.EarlyTags.Length; i++)
            {
                if (call.EarlyTags[i] == tag)
                {
                    return;
                }
                if (free < 0 && call.EarlyTags[i] == null)
                {
                    free = i;
                }
            }
            if (free >= 0)
            {
                call.EarlyTags[free] = tag;
            }
        }

        /// <summary>
        /// A 2xx of the call's first INVITE from another fork than the confirmed dialog: ACK, then BYE on that dialog
        /// (RFC 3261 13.2.2.4); a retransmission of it gets the ACK again only. True when it was such a 2xx.
        /// </summary>
        private bool ForkAnswered(SipCall call, SipMessage r, string branch, long nowMs)
        {
            string tag = r.To == null ? null : r.To.Tag;
            if (r.StatusCode < 200 || r.StatusCode >= 300 || call.Ack == null || tag == null || SipCall.TagOf(call.RemoteHeader) == tag || branch != call.InviteBranch)
            {
                return false;
            }
            var fork = new SipCall(call.Id, call.Identity, true, call.StartedMs);
            fork.CallId = call.CallId;
            fork.LocalHeader = call.LocalHeader;
            fork.RemoteHeader = r.GetHeader(HeaderNames.To);
            fork.RemoteTarget = ContactTarget(r, call.RequestUri);
            fork.Routes = ReadRoutes(r, true);
            fork.HopAddress = call.HopAddress;
            fork.HopPort = call.HopPort;
            fork.LocalCSeq = r.CSeq;
            SendAck(fork, r.CSeq);
            if (!Closed(call, tag))
            {
                SendBye(fork, nowMs);
            }
            return true;
        }

        /// <summary>Whether the fork with this tag was ended already; marks it ended (at most MaxEarlyDialogs kept, the oldest goes).</summary>
        private static bool Closed(SipCall call, string tag)
        {
            if (call.ClosedForks == null)
            {
                call.ClosedForks = new string[SipCall.MaxEarlyDialogs];
            }
            string[] closed = call.ClosedForks;
            for (int i = 0; i < closed.Length; i++)
            {
                if (closed[i] == tag)
                {
                    return true;
                }
            }
            for (int i = closed.Length - 1; i > 0; i--)
            {
                closed[i] = closed[i - 1];
            }
            closed[0] = tag;
            return false;
        }
    }
}
