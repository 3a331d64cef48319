using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// Transfer and Replaces. The phone as transferor (RFC 3515, RFC 5589): REFER in a connected call's dialog with
    /// Refer-To (blind: the target; attended: the consultation call's remote target with its dialog in a Replaces
    /// header) and Referred-By; the NOTIFYs of the implicit subscription (message/sipfrag) are answered 200, and the
    /// target's 2xx ends the call with BYE (and, attended, the consultation call too); a refusal keeps it. As
    /// transferee: a REFER in a dialog is answered 202, the phone calls the Refer-To target (with its Replaces header)
    /// and reports the new call's progress in sipfrag NOTIFYs. As the target of a Replaces INVITE (RFC 3891 3): the
    /// matching confirmed dialog (or an early one the phone placed) is replaced at once.
    /// </summary>
    public sealed partial class CallSessions
    {
        /// <summary>TransferStatus while a REFER of the phone waits for its outcome.</summary>
        public const int TransferPending = 1;

        /// <summary>How long a transfer waits for the target's final answer in a NOTIFY before it counts as failed (408).</summary>
        public const int TransferTimeoutMs = 64000;

        private const string ReferTo = "Refer-To";
        private const string ReferredBy = "Referred-By";

        /// <summary>
        /// Blind transfer: REFER of a connected call to a number or URI (as <see cref="Dial(int, string, long, out string)"/>
        /// reads it). False with <paramref name="error"/> when it cannot be asked now.
        /// </summary>
        public bool Transfer(SipCall call, string target, long nowMs, out string error)
        {
            if (!CanTransfer(call, out error))
            {
                return false;
            }
            string uri = TargetUri(_agent.GetIdentity(call.Identity), target);
            SipUri parsed = uri == null ? null : SipUri.Parse(uri);
            if (parsed == null || !parsed.IsSip || parsed.Host == null || parsed.Headers != null)
            {
                error = "not a number or sip: URI: " + target;
                return false;
            }
            return SendRefer(call, "<" + uri + ">", null, nowMs, out error);
        }

        /// <summary>
        /// Attended transfer: REFER of <paramref name="held"/> (the party that is to stay) to the other end of the
        /// connected <paramref name="consult"/> call, with that dialog in a Replaces header; both end on success.
        /// </summary>
        public bool Transfer(SipCall held, SipCall consult, long nowMs, out string error)
        {
            if (!CanTransfer(held, out error))
            {
                return false;
            }
            if (consult == null || consult == held || Slot(consult) < 0 || consult.State != SipCall.Connected || SipCall.TagOf(consult.RemoteHeader) == null)
            {
                error = "no connected call to transfer to";
                return false;
            }
            // The consultation call's remote side sees its own tag as to-tag (RFC 3891 3).
            string replaces = Replaces.Escape(Replaces.Of(consult.CallId, SipCall.TagOf(consult.RemoteHeader), SipCall.TagOf(consult.LocalHeader)));
            return SendRefer(held, "<" + consult.RemoteTarget + "?Replaces=" + replaces + ">", consult, nowMs, out error);
        }

        private bool CanTransfer(SipCall call, out string error)
        {
            error = null;
            if (call == null || Slot(call) < 0 || call.State != SipCall.Connected || call.Flag(SipCall.AwaitingAckBit))
            {
                error = "no connected call";
            }
            else if (call.TransferStatus == TransferPending)
            {
                error = "a transfer of this call is in progress";
            }
            else if (_agent.GetIdentity(call.Identity) == null)
            {
                error = "identity " + call.Identity.ToString() + " is not active";
            }
            return error == null;
        }

        private bool SendRefer(SipCall call, string referTo, SipCall consult, long nowMs, out string error)
        {
            SipIdentity id = _agent.GetIdentity(call.Identity);
            string by = id.Address(_agent.LocalHost, null);
            if (!SendInDialog(call, "REFER", true, false, ReferTo, referTo, ReferredBy, by, null, null, null, nowMs))
            {
                error = "cannot reach the other side";
                return false;
            }
            error = null;
            call.TransferStatus = TransferPending;
            call.TransferDeadline = nowMs + TransferTimeoutMs;
            call.Consult = consult;
            Changed(call, nowMs);
            return true;
        }

        private void OnReferAnswer(SipCall call, SipMessage r, long nowMs)
        {
            int status = r == null ? 408 : r.StatusCode;
            if (status >= 300 && call.TransferStatus == TransferPending && Slot(call) >= 0)
            {
                TransferDone(call, status, nowMs);
            }
        }

        /// <summary>A NOTIFY of a REFER subscription in a call's dialog (Event: refer); false for any other NOTIFY.</summary>
        private bool OnReferNotify(SipPacket packet, SipMessage m, long nowMs)
        {
            // A REFER's NOTIFY (RFC 3515 2.4.4: Event: refer, maybe with an id) judged on the Event's bytes: no string of
            // the header under every NOTIFY of a call's turn (h-sipreads).
            if (!m.Names(HeaderNames.EventKind, "refer"))
            {
                return false;
            }
            SipCall call = FindDialog(m);
            if (call == null)
            {
                return false;
            }
            if (call.TransferStatus != TransferPending)
            {
                // No transfer of this call waits for news: the subscription is over (RFC 6665 4.1.3).
                return Replied(packet, m, 481, nowMs);
            }
            _agent.Reply(packet, m, 200, nowMs);
            int status = m.BodyLength > 0 && m.ContentType == SipFrag.ContentType ? SipFrag.Status(m.Buffer, m.BodyOffset, m.BodyLength) : 0;
            string state = m.GetHeader(HeaderNames.SubscriptionState);
            if (status >= 200 || (state != null && state.StartsWith("terminated")))
            {
                // A subscription that ends without a final answer: nothing more will come.
                TransferDone(call, status >= 200 ? status : 408, nowMs);
            }
            return true;
        }

        /// <summary>The outcome of the phone's REFER: on 2xx the call (and the consultation call) ends with BYE; else it is kept.</summary>
        private void TransferDone(SipCall call, int status, long nowMs)
        {
            call.TransferStatus = status;
            SipCall consult = call.Consult;
            call.Consult = null;
            // Who hears how the phone's transfers end: the handler when it is an ITransferHandler too (the call logic), not
            // a field of its own (12 B of every call, h-callobjs).
            ITransferHandler transfers = _handler as ITransferHandler;
            if (transfers != null)
            {
                transfers.OnTransferDone(call, status, nowMs);
            }
            if (status >= 300)
            {
                Changed(call, nowMs);
                return;
            }
            SendBye(call, nowMs);
            End(call, 200, "transferred", nowMs);
            if (consult != null && Slot(consult) >= 0 && consult.State == SipCall.Connected)
            {
                SendBye(consult, nowMs);
                End(consult, 200, "transferred", nowMs);
            }
        }

        /// <summary>Transfers whose outcome did not come within <see cref="TransferTimeoutMs"/> failed (408).</summary>
        private void ExpireTransfers(long nowMs)
        {
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c != null && c.TransferStatus == TransferPending && nowMs >= c.TransferDeadline)
                {
                    TransferDone(c, 408, nowMs);
                }
            }
        }

        /// <summary>
        /// A REFER (RFC 3515 2.4.2): 481 outside a call's dialog, 400 without exactly one usable Refer-To, 403 while the
        /// call is not connected; else 202, a NOTIFY "100 Trying", and the phone calls the target from the call's
        /// identity (with the Replaces header the Refer-To carries); that call's progress goes back in NOTIFYs.
        /// </summary>
        private bool OnRefer(SipPacket packet, SipMessage m, long nowMs)
        {
            SipCall call = m.ToTag == null ? null : FindDialog(m);
            if (call == null)
            {
                return Replied(packet, m, 481, nowMs);
            }
            NameAddr target = m.CountHeaderValues(ReferTo) == 1 ? NameAddr.Parse(m.GetHeaderValue(ReferTo, 0)) : null;
            string uri = null;
            string replaces = null;
            if (target == null || target.Uri == null || !target.Uri.IsSip || target.Uri.Host == null ||
                !Replaces.SplitUri(target.Uri, out uri, out replaces) || (replaces != null && Replaces.Parse(replaces) == null))
            {
                return Replied(packet, m, 400, nowMs);
            }
            if (call.State != SipCall.Connected)
            {
                return Replied(packet, m, 403, nowMs);
            }
            if (m.CSeq > call.RemoteCSeq)
            {
                call.RemoteCSeq = m.CSeq;
            }
            _agent.Reply(packet, m, 202, nowMs);
            call.ReferNotified = 0;
            NotifyReferrer(call, 100, nowMs);
            if (!call.Held)
            {
                // As phones do: the transferred party waits on hold (re-INVITE sendonly) while the target is called.
                Hold(call, true, nowMs);
            }
            string error;
            SipCall placed = Dial(call.Identity, uri, call.Anonymous, replaces, m.GetHeader(ReferredBy), nowMs, out error);
            if (placed == null)
            {
                NotifyReferrer(call, 503, nowMs);
                return true;
            }
            placed.ReferredFrom = call;
            return true;
        }

        /// <summary>A call placed for a REFER changed: its progress (180, its final answer) in a NOTIFY to the referrer.</summary>
        private void ReportReferral(SipCall placed, long nowMs)
        {
            SipCall from = placed.ReferredFrom;
            if (from == null)
            {
                return;
            }
            int status = placed.State == SipCall.Ringing ? 180
                : placed.State == SipCall.Connected ? 200
                : placed.State == SipCall.Ended ? (placed.ConnectedMs != 0 ? 200 : placed.EndStatus >= 300 ? placed.EndStatus : 487)
                : 0;
            if (status >= 200 || placed.State == SipCall.Ended)
            {
                placed.ReferredFrom = null;
            }
            if (status > from.ReferNotified && Slot(from) >= 0)
            {
                NotifyReferrer(from, status, nowMs);
            }
        }

        /// <summary>NOTIFY of the REFER subscription in <paramref name="call"/>'s dialog: the status as sipfrag; final ones end it.</summary>
        private void NotifyReferrer(SipCall call, int status, long nowMs)
        {
            call.ReferNotified = status;
            SendInDialog(call, "NOTIFY", true, false, HeaderNames.Event, "refer", HeaderNames.SubscriptionState,
                status >= 200 ? "terminated;reason=noresource" : "active;expires=60", SipFrag.ContentType, SipFrag.Of(status), null, nowMs);
        }

        /// <summary>
        /// A request in a call's dialog (<see cref="DialogRequest"/>) to its remote target: through the route set, CSeq + 1,
        /// the phone's Contact where <paramref name="contact"/> (the target refreshes and the REFER subscription's
        /// requests; not BYE and INFO), up to two more headers and an optional body; answered 401/407 once with
        /// credentials. <paramref name="direct"/> (BYE and UPDATE): on the call's own TCP connection it goes out as it is,
        /// the peer that opened it has no challenge for its own dialog's request. <paramref name="infoDone"/>: an INFO's
        /// handler. False when the next hop cannot be resolved, or the identity is off and the request would need it.
        /// </summary>
        private bool SendInDialog(SipCall call, string method, bool contact, bool direct, string name1, string value1, string name2,
                                  string value2, string bodyType, byte[] body, InfoDoneHandler infoDone, long nowMs)
        {
            DialogHop(call);
            SipIdentity id = _agent.GetIdentity(call.Identity);
            if (call.HopAddress == null)
            {
                return false;
            }
            var request = new DialogRequest(this, call, method, call.RemoteTarget, call.Routes, call.RemoteHeader)
            {
                Contact = contact && id != null ? _agent.ContactOf(id) : null,
                Name1 = name1, Value1 = value1, Name2 = name2, Value2 = value2, BodyType = bodyType, Body = body, InfoDone = infoDone
            };
            if (direct && call.Transport != null)
            {
                string first = "z9hG4bK" + _agent.NewToken();
                return _agent.Start(new ClientTransaction(first, method, request.Build(first, null, null), call.Transport, call.HopAddress, call.HopPort,
                    request.Done), nowMs);
            }
            return _agent.SendRequest(id, TransportOf(call), method, call.RemoteTarget, call.HopAddress, call.HopPort, request.Build, request.Done, nowMs);
        }

        /// <summary>
        /// The dialog an INVITE's Replaces header names (RFC 3891 3): 0 with <paramref name="replaced"/> null without
        /// the header; 400 for more than one or a malformed one; 481 when no call matches or the match is a call ringing
        /// here (an early dialog the phone did not start); 486 for a confirmed dialog with early-only; else 0 and the call.
        /// </summary>
        private int MatchReplaces(SipMessage m, out SipCall replaced)
        {
            replaced = null;
            int n = m.CountHeaderValues(Replaces.Header);
            if (n == 0)
            {
                return 0;
            }
            Replaces r = n == 1 ? Replaces.Parse(m.GetHeaderValue(Replaces.Header, 0)) : null;
            if (r == null)
            {
                return 400;
            }
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c == null || c.CallId != r.CallId || SipCall.TagOf(c.LocalHeader) != r.ToTag)
                {
                    continue;
                }
                if (c.State == SipCall.Connected && SipCall.TagOf(c.RemoteHeader) == r.FromTag)
                {
                    replaced = c;
                    return r.EarlyOnly ? 486 : 0;
                }
                if (c.Outgoing && c.State < SipCall.Alerting)
                {
                    // The phone's own early dialog (its remote tag not kept before the answer).
                    replaced = c;
                    return 0;
                }
            }
            replaced = null;
            return 481;
        }

        /// <summary>An INVITE with Replaces takes the place of <paramref name="replaced"/>: answered at once, the old dialog ended (BYE, or CANCEL while early).</summary>
        private void TakeOver(SipCall call, int slot, SipCall replaced, long nowMs)
        {
            _calls[slot] = call;
            Answer(call, nowMs);
            if (replaced.State == SipCall.Connected)
            {
                SendBye(replaced, nowMs);
                End(replaced, 200, "replaced", nowMs);
            }
            else
            {
                Hangup(replaced, 487, nowMs);
            }
        }
    }
}
