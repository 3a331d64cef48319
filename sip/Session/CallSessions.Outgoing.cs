using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// The caller's side of the sessions and the phone's own requests in a dialog: placing a call (INVITE with the
    /// offer, 1xx, 2xx and its ACK, 3xx followed, 401/407 answered once, CANCEL), hold and resume (re-INVITE), BYE.
    /// </summary>
    public sealed partial class CallSessions
    {
        /// <summary>The anonymous From of RFC 3323 4.1.1.3, without its tag.</summary>
        public const string AnonymousFrom = "\"Anonymous\" <sip:anonymous@anonymous.invalid>";

        /// <summary>
        /// Places a call from an identity to a URI (sip:, or user@host) or a number (to the identity's domain); null
        /// with <paramref name="error"/> set when it cannot go out.
        /// </summary>
        public SipCall Dial(int identity, string target, long nowMs, out string error) => Dial(identity, target, false, nowMs, out error);

        /// <summary>
        /// As above; <paramref name="anonymous"/> hides the caller: the From is anonymous (RFC 3323 4.1.1.3) and the
        /// INVITE asks for <c>Privacy: id</c> with the identity in <c>P-Preferred-Identity</c> (RFC 3325 9.2), so the
        /// proxy still knows who calls (it authenticates the identity as before) but withholds it from the callee.
        /// </summary>
        public SipCall Dial(int identity, string target, bool anonymous, long nowMs, out string error) =>
            Dial(identity, target, anonymous, null, nowMs, out error);

        /// <summary>As above; <paramref name="replaces"/>, when not null, is the INVITE's Replaces header (RFC 3891).</summary>
        public SipCall Dial(int identity, string target, bool anonymous, string replaces, long nowMs, out string error) =>
            Dial(identity, target, anonymous, replaces, null, nowMs, out error);

        /// <summary>As above, for a REFER: <paramref name="referredBy"/>, when not null, is its Referred-By, which the INVITE carries (RFC 3892 3).</summary>
        private SipCall Dial(int identity, string target, bool anonymous, string replaces, string referredBy, long nowMs, out string error)
        {
            SipIdentity id = _agent.GetIdentity(identity);
            error = null;
            if (id == null || _agent.Udp == null)
            {
                error = "identity " + identity.ToString() + " is not active";
                return null;
            }
            string uri = TargetUri(id, target);
            SipUri parsed = uri == null ? null : SipUri.Parse(uri);
            if (parsed == null || !parsed.IsSip || parsed.Host == null)
            {
                error = "not a number or sip: URI: " + target;
                return null;
            }
            int slot = Slot(null);
            if (slot < 0)
            {
                error = "already " + MaxCalls.ToString() + " calls";
                return null;
            }
            int port;
            string address = id.NextHopAddress(parsed, out port);
            if (address == null)
            {
                error = "cannot resolve " + id.NextHop(parsed);
                return null;
            }
            int media = NextMediaPort();
            if (media == 0)
            {
                error = NoMediaPort;
                return null;
            }
            var call = new SipCall(++LastId, identity, true, nowMs);
            call.RequestUri = uri;
            call.CallId = _agent.NewToken() + "@" + _agent.LocalHost;
            call.Anonymous = anonymous;
            call.Replaces = replaces;
            call.ReferredByHeader = referredBy;
            string tag = _agent.NewToken();
            call.LocalHeader = anonymous ? AnonymousFrom + ";tag=" + tag : id.Address(_agent.LocalHost, tag);
            call.RemoteHeader = "<" + uri + ">";
            call.RemoteTarget = uri;
            call.HopAddress = address;
            call.HopPort = port;
            // An identity over TCP places its calls over TCP: the transport finds or opens the connection to the hop.
            call.Transport = id.OverTcp ? _agent.Tcp : null;
            call.SdpMedia = media << 16;
            Describe(call, Sdp.SendRecv);
            _calls[slot] = call;
            SendInvite(call, null, null, nowMs);
            Changed(call, nowMs);
            return call;
        }

        public bool OnResponse(SipMessage r, long nowMs)
        {
            if (r.CSeqMethod != "INVITE")
            {
                return false;
            }
            string branch = r.GetVia(0).Branch;
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c == null || c.CallId != r.CallId)
                {
                    continue;
                }
                if (c.Transaction != null && c.Transaction.Branch == branch && c.Transaction.State < InviteClientTransaction.Terminated)
                {
                    if (r.StatusCode < 200 && !c.Flag(SipCall.ReinvitingBit) && Acknowledge(c, r, nowMs))
                    {
                        Provisional(c, r, nowMs);
                    }
                    c.Transaction.OnResponse(r, nowMs);
                    return true;
                }
                if (r.StatusCode < 300 && c.Ack != null && SipCall.TagOf(c.RemoteHeader) == r.To.Tag)
                {
                    // The 2xx again (our ACK was lost): the same ACK again (RFC 3261 13.2.2.4).
                    TransportOf(c).Send(c.Ack, c.Ack.Length, c.HopAddress, c.HopPort, null);
                    return true;
                }
                if (ForkAnswered(c, r, branch, nowMs))
                {
                    return true;
                }
            }
            return false;
        }

        private void Provisional(SipCall call, SipMessage r, long nowMs)
        {
            KeepCompletionInfo(call, r);
            EarlyDialog(call, r, nowMs);
            if (call.Flag(SipCall.CancelRequestedBit) && !call.Flag(SipCall.CancelSentBit))
            {
                SendCancel(call, nowMs);
            }
            if (r.StatusCode > 100 && call.State == SipCall.Dialing)
            {
                call.State = SipCall.Ringing;
                Changed(call, nowMs);
            }
        }

        private void OnFinal(SipCall call, SipMessage r, long nowMs)
        {
            if (Slot(call) < 0)
            {
                return;
            }
            if (r == null)
            {
                End(call, 408, call.Flag(SipCall.CancelRequestedBit) ? "cancelled" : "no answer", nowMs);
                return;
            }
            int status = r.StatusCode;
            if (status < 300)
            {
                Established(call, r, nowMs);
                return;
            }
            if ((status == 401 || status == 407) && !call.Flag(SipCall.AuthenticatedBit) && !call.Flag(SipCall.CancelRequestedBit) && Retry(call, r, nowMs))
            {
                return;
            }
            if (status == 422 && !call.Flag(SipCall.CancelRequestedBit) && TooSmall(call, r, nowMs))
            {
                return;
            }
            if (status < 400 && !call.Flag(SipCall.CancelRequestedBit) && call.Redirects < MaxRedirects && Redirect(call, r, nowMs))
            {
                return;
            }
            call.Warning = WarnText(r.GetHeader("Warning"));
            KeepCompletionInfo(call, r);
            End(call, status, call.Flag(SipCall.CancelRequestedBit) && status == 487 ? "cancelled" : r.ReasonPhrase, nowMs);
        }

        /// <summary>
        /// The first warning's text: <c>Warning: 399 pbx.example.com "Number not in service"</c> gives the part in quotes
        /// (<see cref="QuotedString"/>); null without a header or a closed quoted text, at most 64 characters kept.
        /// </summary>
        internal static string WarnText(string header)
        {
            if (header == null)
            {
                return null;
            }
            char[] c = header.ToCharArray();
            int open = System.Array.IndexOf(c, '"');
            string text = open < 0 ? null : QuotedString.Read(c, open, c.Length, out _);
            return text == null || text.Length <= 64 ? text : text.Substring(0, 64);
        }

        private void Established(SipCall call, SipMessage r, long nowMs)
        {
            NameAddr to = r.To;
            // The To the phone wrote, the dialled URI, with the answer's display name and tag: the dialog's remote URI and tag.
            call.TakeRemoteHeader(to.DisplayName, call.RemoteUri, to.Tag);
            call.RemoteTarget = ContactTarget(r, call.RemoteTarget);
            call.Routes = ReadRoutes(r, true);
            SendAck(call, r.CSeq);
            // The dialog is confirmed: the other forks' early dialogs end (RFC 3261 13.2.2.4).
            call.EarlyTags = null;
            bool media = ReadSdp(r);
            if (media)
            {
                TakeMedia(call, Sdp.Choose(Media));
            }
            // A 2xx without SDP keeps the early media's answer (the 1xx's SDP, RFC 3261 13.2.1).
            if (call.Flag(SipCall.CancelRequestedBit) || !(media || call.EarlyMedia) || call.Codec < 0)
            {
                // Answered after the user gave up, or with nothing the phone can play: the call is ended at once.
                SendBye(call, nowMs);
                End(call, 200, call.Flag(SipCall.CancelRequestedBit) ? "cancelled" : "no common codec", nowMs);
                return;
            }
            call.State = SipCall.Connected;
            call.ConnectedMs = nowMs;
            TimerAnswered(call, r, nowMs);
            Changed(call, nowMs);
        }

        /// <summary>
        /// The ACK of a 2xx to the phone's INVITE: a new branch, through the route set, the INVITE's CSeq number (the
        /// 2xx's: a PRACK in the early dialog took the next ones) (RFC 3261 13.2.2.4); kept for a retransmitted 2xx.
        /// </summary>
        private void SendAck(SipCall call, long cseq)
        {
            DialogHop(call);
            SipWriter ack = SipWriter.Request("ACK", call.RemoteTarget, Via(call, "z9hG4bK" + _agent.NewToken()));
            WriteRoutes(ack, call.Routes);
            call.Ack = ack.Ids(call.LocalHeader, call.RemoteHeader, call.CallId, cseq, "ACK")
                .UserAgent()
                .ToBytes();
            TransportOf(call).Send(call.Ack, call.Ack.Length, call.HopAddress, call.HopPort, null);
        }

        /// <summary>
        /// Puts a connected call on hold (re-INVITE with sendonly, RFC 3264 8.4) or takes it off (sendrecv); false when
        /// the call is not connected or an offer is pending. The call is held once the other side accepted.
        /// </summary>
        public bool Hold(SipCall call, bool hold, long nowMs)
        {
            if (call == null || Slot(call) < 0 || call.State != SipCall.Connected || call.Flag(SipCall.ReinvitingBit) || call.Flag(SipCall.AwaitingAckBit) || call.Codec < 0)
            {
                return false;
            }
            call.SetFlag(SipCall.ReinvitingBit, true);
            call.SetFlag(SipCall.PendingHoldBit, hold);
            call.RetryAt = 0;
            Describe(call, hold ? Sdp.SendOnly : Sdp.SendRecv);
            byte[] sdp = LocalSdp(call);
            DialogHop(call);
            string branch = "z9hG4bK" + _agent.NewToken();
            string via = Via(call, branch);
            byte[] bytes = ContactAndAllow(DialogHead("INVITE", call, via, call.RemoteTarget, call.Routes, call.LocalHeader, call.RemoteHeader, call.CallId), call)
                .Header(HeaderNames.Supported, call.SessionExpires > 0 ? "timer" : null)
                .Header(SessionExpiresHeader, SessionExpiresValue(call, call.Flag(SipCall.RefresherBit)))
                .UserAgent()
                .Body(Sdp.ContentType, sdp)
                .ToBytes();
            call.Transaction = new InviteClientTransaction(branch, bytes, call.RemoteTarget, via, call.LocalHeader, call.CallId, call.LocalCSeq,
                call.Routes, TransportOf(call), call.HopAddress, call.HopPort, InviteHandler(call, true));
            call.Transaction.Start(nowMs);
            return true;
        }

        /// <summary>The phone's Contact for the call's identity and its Allow: a re-INVITE's and an UPDATE's 200's (Sip's byte code, h-sipmargin).</summary>
        private SipWriter ContactAndAllow(SipWriter w, SipCall call) =>
            w.Header(HeaderNames.Contact, _agent.ContactOf(_agent.GetIdentity(call.Identity))).Header(HeaderNames.Allow, _agent.Capabilities.AllowList());

        // The INVITEs' handler made in a method of its own: a lambda in Hold or SendInvite made each of their many reads
        // of the call go through the closure (Debug byte code, docs/benchmarks.md h-sipslim). One for both INVITEs: one
        // closure class and method, not two (DeskPhone.Sip's byte code, h-sipmargin).
        private ResponseHandler InviteHandler(SipCall call, bool reinvite) => (t, r, now) =>
        {
            if (reinvite)
            {
                OnReinviteFinal(call, r, now);
            }
            else
            {
                OnFinal(call, r, now);
            }
        };

        private void OnReinviteFinal(SipCall call, SipMessage r, long nowMs)
        {
            if (Slot(call) < 0)
            {
                return;
            }
            call.SetFlag(SipCall.ReinvitingBit, false);
            int status = r == null ? 408 : r.StatusCode;
            if (status < 300)
            {
                SendAck(call, r.CSeq);
                call.Held = call.Flag(SipCall.PendingHoldBit);
                TimerAnswered(call, r, nowMs);
                if (ReadSdp(r))
                {
                    call.MediaAddress = Media.Address;
                    call.MediaPort = Media.Port;
                }
                Changed(call, nowMs);
                return;
            }
            if (status == 408 || status == 481)
            {
                // The dialog is gone (RFC 3261 14.1).
                SendBye(call, nowMs);
                End(call, status, "lost during re-INVITE", nowMs);
                return;
            }
            if (status == 491)
            {
                // Glare: again after 2.1-4 s when the phone made the Call-ID, else 0-2 s (RFC 3261 14.1).
                long spread = nowMs % 1900;
                call.RetryAt = nowMs + (call.Outgoing ? 2100 + spread : spread + 10);
                return;
            }
            // Refused (488 ...): the session stays as it was (RFC 3261 14.1).
            Changed(call, nowMs);
        }

        /// <summary>Sends the INVITE again with the identity's credentials for the challenge (RFC 3261 22.2, a new CSeq).</summary>
        private bool Retry(SipCall call, SipMessage r, long nowMs)
        {
            SipIdentity id = _agent.GetIdentity(call.Identity);
            bool proxy = r.StatusCode == 407;
            DigestChallenge challenge = DigestChallenge.Parse(r.GetHeader(proxy ? HeaderNames.ProxyAuthenticate : HeaderNames.WwwAuthenticate));
            if (id == null || id.Password == null || challenge == null)
            {
                return false;
            }
            call.SetFlag(SipCall.AuthenticatedBit, true);
            SendInvite(call, proxy ? HeaderNames.ProxyAuthorization : HeaderNames.Authorization,
                id.Answer("INVITE", call.RequestUri, challenge, 1, _agent.NewToken()), nowMs);
            return true;
        }

        private void SendInvite(SipCall call, string authHeader, string authValue, long nowMs)
        {
            SipIdentity id = _agent.GetIdentity(call.Identity);
            string branch = "z9hG4bK" + _agent.NewToken();
            string via = Via(call, branch);
            call.InviteBranch = branch;
            call.LocalCSeq++;
            SipWriter w = SipWriter.Request("INVITE", call.RequestUri, via)
                .Ids(call.LocalHeader, call.RemoteHeader, call.CallId, call.LocalCSeq, "INVITE")
                .Header(HeaderNames.Contact, _agent.ContactOf(id))
                .Header(HeaderNames.Allow, _agent.Capabilities.AllowList())
                .UserAgent()
                .Header(HeaderNames.Privacy, call.Anonymous ? "id" : null)
                .Header(HeaderNames.PPreferredIdentity, call.Anonymous ? id.Address(_agent.LocalHost, null) : null);
            WriteTimerOffer(w, call);
            byte[] bytes = w.Header(Replaces.Header, call.Replaces)
                .Header(ReferredBy, call.ReferredByHeader)
                .Header(authHeader, authValue)
                .Body(Sdp.ContentType, LocalSdp(call))
                .ToBytes();
            call.Transaction = new InviteClientTransaction(branch, bytes, call.RequestUri, via, call.LocalHeader, call.CallId, call.LocalCSeq,
                null, TransportOf(call), call.HopAddress, call.HopPort, InviteHandler(call, false));
            call.Transaction.Start(nowMs);
        }

        /// <summary>CANCEL of the pending INVITE: its Request-URI, top Via, From, To, Call-ID and CSeq number (RFC 3261 9.1).</summary>
        private void SendCancel(SipCall call, long nowMs)
        {
            call.SetFlag(SipCall.CancelSentBit, true);
            // The INVITE's top Via written again from its branch (the same transport and address), not kept a whole call.
            byte[] bytes = SipWriter.Request("CANCEL", call.RequestUri, Via(call, call.InviteBranch))
                .Ids(call.LocalHeader, "<" + call.RequestUri + ">", call.CallId, call.Transaction.CSeq, "CANCEL")
                .UserAgent()
                .ToBytes();
            _agent.Start(new ClientTransaction(call.Transaction.Branch, "CANCEL", bytes, TransportOf(call), call.HopAddress, call.HopPort, IgnoreResponse), nowMs);
        }

        /// <summary>BYE in the dialog (RFC 3261 15.1.1), through the route set, answered 401/407 once with credentials.</summary>
        private void SendBye(SipCall call, long nowMs) =>
            SendInDialog(call, "BYE", false, true, null, null, null, null, null, null, null, nowMs);

        /// <summary>
        /// The head of the phone's request in a call's dialog (RFC 3261 12.2.1.1): Request-URI the remote target, Via,
        /// Max-Forwards, the route set, From, To, Call-ID and the next CSeq; the values are the ones taken when the request
        /// was first built, so a credentials retry after the call ended still has them. The Via names the transport the
        /// request goes over (<see cref="Via(SipCall, string)"/> for the call's connection, else UDP's).
        /// </summary>
        private SipWriter DialogHead(string method, SipCall call, string via, string target, string[] routes, string local, string remote, string callId)
        {
            SipWriter w = SipWriter.Request(method, target, via);
            WriteRoutes(w, routes);
            return w.Ids(local, remote, callId, ++call.LocalCSeq, method);
        }

        private static void IgnoreResponse(ClientTransaction t, SipMessage response, long nowMs)
        {
            // The call is over whatever the peer answers to BYE or CANCEL (RFC 3261 15.1.1).
        }


        /// <summary>
        /// Follows a 3xx (RFC 3261 8.1.3.4): the INVITE again to its first Contact (same Call-ID, From and To, CSeq + 1);
        /// false when it has none the phone can use.
        /// </summary>
        private bool Redirect(SipCall call, SipMessage r, long nowMs)
        {
            NameAddr contact = r.ContactCount > 0 ? r.GetContact(0) : null;
            SipIdentity id = _agent.GetIdentity(call.Identity);
            if (contact == null || contact.Uri == null || !contact.Uri.IsSip || contact.Uri.Host == null || id == null)
            {
                return false;
            }
            int port;
            string address = id.NextHopAddress(contact.Uri, out port);
            if (address == null)
            {
                return false;
            }
            call.Redirects++;
            call.SetFlag(SipCall.AuthenticatedBit, false);
            call.RequestUri = contact.Uri.ToString();
            call.RemoteTarget = call.RequestUri;
            call.HopAddress = address;
            call.HopPort = port;
            SendInvite(call, null, null, nowMs);
            return true;
        }

        /// <summary>A dialled string as a URI: sip:/sips: as it is, user@host gets sip:, a number goes to the identity's domain.</summary>
        private string TargetUri(SipIdentity id, string target)
        {
            if (target == null || target.Length == 0)
            {
                return null;
            }
            if (target.StartsWith("sip:") || target.StartsWith("sips:"))
            {
                return target;
            }
            return target.IndexOf('@') > 0 ? "sip:" + target : "sip:" + target + "@" + (SipIdentity.HostOf(id.Registrar) ?? _agent.LocalHost);
        }
    }
}
