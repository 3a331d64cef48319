using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// The phone's INVITE sessions (RFC 3261 12-14), a link of the user agent's chain placed before the identity
    /// routing. It takes new INVITEs for an identity (100, 180 when the handler rings, 200 with the SDP answer when the
    /// user answers, retransmitted until the ACK), CANCEL of a ringing call (200, then 487 for the INVITE), BYE and
    /// re-INVITE of its dialogs; it places calls (INVITE with the SDP offer, retransmitted by the INVITE client
    /// transaction, 401/407 answered once with the identity's credentials, ACK of the 2xx on a new branch through the
    /// route set, CANCEL while the other side rings) and ends them with BYE. At most <see cref="MaxCalls"/> calls live
    /// at once; one more INVITE gets 486. A request for an unknown dialog goes on down the chain (481 there). This file
    /// holds the table, the callee's side and the timers; CallSessions.Outgoing.cs the caller's side and the phone's
    /// own requests in a dialog.
    /// </summary>
    public sealed partial class CallSessions : ISipListener, IAfterPacket
    {
        /// <summary>Calls at once (ringing, dialling or connected), a fixed table.</summary>
        public const int MaxCalls = 4;

        /// <summary>3xx answers an outgoing call follows before it gives up with the last one.</summary>
        public const int MaxRedirects = 3;

        /// <summary>The default range of the calls' RTP ports (settings rtp_port_start, rtp_port_end); RTCP is each port + 1.</summary>
        public const int DefaultRtpPortStart = 10000;

        public const int DefaultRtpPortEnd = 10099;

        private readonly SipUserAgent _agent;
        private readonly ISessionHandler _handler;
        private readonly SipCall[] _calls = new SipCall[MaxCalls];
        // Made at the first call, not at boot: an idle phone keeps none of them (docs/calls.md, heap).
        // Let go again once no call needs them (Poll, LetGoUnused): after a call they were 3.6 KB kept for good (docs/benchmarks.md).
        // The INVITE's parser, message and parse results are Reparse's own, not fields (h-callobjs).
        private SdpMedia _sdpMedia;
        private SipWriter _writer;
        private int _rtpTurn;

        /// <summary>
        /// The id of the last call made here (a new call's id is the next one): an owner that builds the sessions again
        /// seeds it with the last one's, so that ids (the bench's call ids) do not start over.
        /// </summary>
        public int LastId;

        /// <param name="listen">
        /// True: put at the end of the agent's chain. False: the caller offers the requests (the phone's call layer, built
        /// on the first call, keeps its place in the chain with a listener of its own).
        /// </param>
        public CallSessions(SipUserAgent agent, ISessionHandler handler, bool listen)
        {
            _agent = agent;
            _handler = handler;
            if (listen)
            {
                agent.AddListener(this);
            }
        }

        // The first and last port new calls take their RTP port from (even ports; RTCP on the next), the first in the low
        // 16 bits, the last in the high ones: one field, not two (12 B of every call, h-callobjs).
        private int _ports = DefaultRtpPortStart | DefaultRtpPortEnd << 16;

        /// <summary>The first port new calls take their RTP port from (even ports; RTCP on the next).</summary>
        public int RtpPortStart => _ports & 0xFFFF;

        /// <summary>The last port new calls take their RTP port from.</summary>
        public int RtpPortEnd => (int)((uint)_ports >> 16);

        /// <summary>Sets the range of <see cref="RtpPortStart"/> and <see cref="RtpPortEnd"/> (UDP ports, 0-65535) for the next call.</summary>
        public void SetRtpPorts(int start, int end)
        {
            _ports = (start & 0xFFFF) | end << 16;
        }

        /// <summary>Why a call cannot go out or come in when no port pair of the range can be bound (an INVITE gets 503 with it).</summary>
        public const string NoMediaPort = "No RTP Port";

        /// <summary>
        /// The next even port of the range no live call uses and <see cref="ISessionHandler.PortBindable"/> allows, in turn (a new call
        /// does not take the port the last one just left, whose stray packets may still arrive); when live calls take
        /// every pair, the next in turn; 0 when none of the others can be bound.
        /// </summary>
        private int NextMediaPort()
        {
            int start = RtpPortStart;
            int first = start + (start & 1);
            int pairs = (RtpPortEnd - first + 1) / 2;
            if (pairs < 1)
            {
                pairs = 1;
            }
            bool unbound = false;
            for (int i = 0; i < pairs; i++)
            {
                int turn = (_rtpTurn + i) % pairs;
                int port = first + 2 * turn;
                bool used = MediaPortInUse(port);
                if (!used && !_handler.PortBindable(port))
                {
                    unbound = true;
                }
                else if (!used || i == pairs - 1 && !unbound)
                {
                    _rtpTurn = (turn + 1) % pairs;
                    return port;
                }
            }
            return 0;
        }

        private bool MediaPortInUse(int port)
        {
            for (int i = 0; i < MaxCalls; i++)
            {
                if (_calls[i] != null && _calls[i].LocalMediaPort == port)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The call in slot <paramref name="slot"/> (0..<see cref="MaxCalls"/>-1), or null.</summary>
        public SipCall Slot(int slot) => _calls[slot];

        /// <summary>The live call with this id, or null.</summary>
        public SipCall Find(int id)
        {
            for (int i = 0; i < MaxCalls; i++)
            {
                if (_calls[i] != null && _calls[i].Id == id)
                {
                    return _calls[i];
                }
            }
            return null;
        }

        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < MaxCalls; i++)
                {
                    if (_calls[i] != null)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        public bool OnRequest(SipPacket packet, SipMessage m, long nowMs)
        {
            string method = m.Method;
            SipCall call;
            if (method == "INVITE")
            {
                return OnInvite(packet, m, nowMs);
            }
            if (method == "ACK")
            {
                // The ACK's handling here, not in a method of its own: a frame less under its dialog's look-up, where the
                // answered call ran out of heap on the 80,896-byte board (issue #18).
                call = FindDialog(m);
                if (call == null)
                {
                    return false;
                }
                if (call.Flag(SipCall.AwaitingAckBit) && m.CSeq == call.RemoteCSeq)
                {
                    call.SetFlag(SipCall.AwaitingAckBit, false);
                    call.LastResponse = null;
                    bool offered = call.MediaAddress == null || call.Flag(SipCall.OfferInOkBit);
                    call.SetFlag(SipCall.OfferInOkBit, false);
                    if (offered && ReadSdp(m))
                    {
                        // The INVITE (or re-INVITE) had no offer: the phone offered in the 200 and the answer comes in the ACK (RFC 3264).
                        TakeMedia(call, Sdp.Choose(Media));
                        Changed(call, nowMs);
                    }
                }
                return true;
            }
            if (method == "CANCEL")
            {
                return OnCancel(packet, m, nowMs);
            }
            if (method == "INFO")
            {
                return OnInfo(packet, m, nowMs);
            }
            if (method == "BYE")
            {
                // Here and answered through the agent's plain Reply (which writes the answer itself), not OnBye: frames fewer under the 200's writer, where
                // the call's BYE ran out of heap on the 80,896-byte board (issue #18). The check's Request-URI, From and
                // To (about 1 KB with their URIs) go first: the dialog is found by its tags read in place.
                m.ForgetNames(true);
                call = FindDialog(m);
                if (call == null)
                {
                    return false;
                }
                _agent.Reply(packet, m, 200, nowMs);
                // The call ends (its voice, the log, presence, LEDs, the screen) once the agent has let go of the BYE's
                // packet, parse and frames, as a new call rings after its INVITE's (AfterPacket; docs/benchmarks.md, h-callfit).
                call.SetFlag(SipCall.HungUpBit, true);
                _afterPacket = call;
                _agent.AfterPacket(this);
                return true;
            }
            if (method == "REFER")
            {
                return OnRefer(packet, m, nowMs);
            }
            if (method == "UPDATE")
            {
                return OnUpdate(packet, m, nowMs);
            }
            if (method == "PRACK")
            {
                return OnPrack(packet, m, nowMs);
            }
            if (method == "NOTIFY")
            {
                return OnReferNotify(packet, m, nowMs);
            }
            return false;
        }

        // The INVITE's rare paths (a re-INVITE, a retransmission) and the dialog's fields are methods of their own: the
        // frame under which the 180 is written keeps none of their locals (docs/benchmarks.md "h-ringing", issue #18).
        /// <summary>An INVITE (a new call, a re-INVITE, a retransmission): <see cref="OnRequest"/>'s, or the call layer's for the INVITE that built it.</summary>
        public bool OnInvite(SipPacket packet, SipMessage m, long nowMs)
        {
            if (m.ToTag != null)
            {
                OnReinvite(packet, m, nowMs);
                return true;
            }
            string branch = m.GetVia(0).Branch;
            if (Retransmitted(packet, m, branch))
            {
                return true;
            }
            int identity = _agent.Router == null ? 0 : _agent.Router.IdentityFor(packet, m);
            if (identity == 0)
            {
                // Not for one of the phone's identities (or filtered): the identity routing answers it (403/404).
                return false;
            }
            // The Request-URI the routing parsed goes before the call and its offer are made; the From stays for the
            // dialog's fields (parsed again there, it was the deepest point; docs/benchmarks.md, h-callsig).
            m.ForgetNames(false);
            int slot = Slot(null);
            if (slot < 0)
            {
                return Replied(packet, m, 486, nowMs);
            }
            if (m.CountHeaderValues(HeaderNames.RecordRoute) > SipCall.MaxRoutes)
            {
                return Replied(packet, m, 400, nowMs);
            }
            SipCall replaced;
            int replacesRefusal = MatchReplaces(m, out replaced);
            if (replacesRefusal != 0)
            {
                return Replied(packet, m, replacesRefusal, nowMs);
            }
            var call = new SipCall(++LastId, identity, false, nowMs);
            if (!ReadOffer(call, m))
            {
                return Replied(packet, m, 488, nowMs);
            }
            if (!TimerRequested(call, m))
            {
                RefuseInterval(packet, m, nowMs);
                return true;
            }
            int port = NextMediaPort();
            call.SdpMedia = port << 16;
            if (port == 0)
            {
                // The answer could offer no port the phone can receive on (RFC 3261 21.5.4: for now, not for good).
                _agent.Reply(packet, m, 503, NoMediaPort, nowMs);
                return true;
            }
            TakeDialog(call, packet, m, branch);
            // The call has what it needs of the INVITE's offer: the 100 and 180 are written without the SDP reader.
            _sdpMedia = null;
            call.State = SipCall.Alerting;
            call.SetFlag(SipCall.ReliableBit, HasToken(m, HeaderNames.Require, "100rel"));
            // Trying first: the decision below may take the firmware's lock and the ringer (RFC 3261 8.2.6.1).
            SipUserAgent.Send(packet, m, ResponseBytes(call, packet, m, 100, false));
            if (replaced != null)
            {
                TakeOver(call, slot, replaced, nowMs);
                return true;
            }
            string forward;
            int status = _handler.OnIncoming(call, m, out forward);
            if (status >= 300)
            {
                _agent.Reply(packet, m, status, status < 400 && forward != null ? HeaderNames.Contact : null, forward, nowMs);
                return true;
            }
            _calls[slot] = call;
            byte[] ringing = ResponseBytes(call, packet, m, 180, false);
            SipUserAgent.Send(packet, m, ringing);
            if (call.Flag(SipCall.ReliableBit))
            {
                StartOkRetransmission(call, packet, m, ringing, SipCall.AwaitingPrackBit, nowMs);
            }
            // The ringing (ringer, LEDs, presence, status) is started once the agent has let go of the INVITE's packet and
            // parse and these frames, with the writer gone too: the INVITE's turn peaked under them (docs/benchmarks.md,
            // h-callfit). Until then the call is in the table; a session's Poll announces it if the agent did not.
            _writer = null;
            _afterPacket = call;
            _agent.AfterPacket(this);
            return true;
        }

        // The new incoming call whose ringing waits for the end of its INVITE's handling, or the call whose end waits for
        // its BYE's (marked HungUpBit): one packet has one of them, so one field (12 B of every call, h-callobjs); null:
        // none.
        private SipCall _afterPacket;

        /// <summary>The new call's first OnChanged after its INVITE's packet, a call's end after its BYE's (OnInvite, OnBye).</summary>
        public void AfterPacket(long nowMs)
        {
            SipCall call = _afterPacket;
            if (call == null)
            {
                return;
            }
            _afterPacket = null;
            if (!call.Flag(SipCall.HungUpBit))
            {
                // Changed's two steps written here: a frame less under the call logic's handling of the new call (the
                // office stream's lowest collection in a census sweep around the 80,896-byte board, 12,524 B shifted to
                // it, AfterPacket > Changed > PhoneCalls.OnChanged: tools/HeapCensus/sweep.sh, h-sipsweep).
                ReportReferral(call, nowMs);
                _handler.OnChanged(call, nowMs);
            }
            else if (Slot(call) >= 0)
            {
                End(call, 200, "remote hung up", nowMs);
            }
        }

        // The call logic hears of a change once the progress of a call placed for a REFER is reported (its NOTIFY to the
        // referrer first). A method, not a wrapper of the handler: the INVITE's ringing decision (OnIncoming) runs a
        // frame higher and the layer holds no wrapper object (docs/benchmarks.md, h-callsig).
        private void Changed(SipCall call, long nowMs)
        {
            ReportReferral(call, nowMs);
            _handler.OnChanged(call, nowMs);
        }

        private void OnReinvite(SipPacket packet, SipMessage m, long nowMs)
        {
            SipCall dialog = FindDialog(m);
            if (dialog == null)
            {
                // A re-INVITE for a dialog the phone does not have (RFC 3261 12.2.2).
                _agent.Reply(packet, m, 481, nowMs);
                return;
            }
            Reinvite(dialog, packet, m, nowMs);
        }

        /// <summary>True when the INVITE is a retransmission of a ringing or answered call's: its last response again (RFC 3261 17.2.1).</summary>
        private bool Retransmitted(SipPacket packet, SipMessage m, string branch)
        {
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c != null && !c.Outgoing && c.InviteBranch == branch && c.CallId == m.CallId)
                {
                    byte[] again = c.LastResponse;
                    if (again == null && c.State == SipCall.Alerting)
                    {
                        // A ringing call keeps no 180 (ResponseBytes): the retransmission, the same request, has it
                        // written again.
                        again = ResponseBytes(c, packet, m, 180, false);
                        _writer = null;
                    }
                    if (again != null)
                    {
                        packet.Transport.Send(again, again.Length, packet.RemoteHost, SipUserAgent.ResponsePort(packet, m), packet.Connection);
                    }
                    return true;
                }
            }
            return false;
        }

        /// <summary>The dialog's fields from a new INVITE, and its packet kept for the final answer.</summary>
        private void TakeDialog(SipCall call, SipPacket packet, SipMessage m, string branch)
        {
            TakeFrom(call, m);
            // The parsed From, To and the Request-URI the routing read go before the Contact is parsed: each is a SipUri
            // of 204 B with its parts, and the INVITE's deepest frames are here (docs/benchmarks.md, h-callfit, h-callsig).
            m.ForgetNames(true);
            call.ReferredBy = TransferredBy(m);
            call.CallId = m.CallId;
            call.LocalHeader = m.GetHeader(HeaderNames.To) + ";tag=" + _agent.NewToken();
            call.RemoteCSeq = m.CSeq;
            NameAddr contact = m.ContactCount > 0 ? m.GetContact(0) : null;
            call.RemoteTarget = contact != null && contact.Uri != null ? contact.Uri.ToString() : call.RemoteUri;
            call.Routes = ReadRoutes(m, false);
            call.InviteBranch = branch;
            call.Transport = packet.Connection != null ? new ConnectionTransport(packet.Transport, packet.Connection) : null;
            call.Invite = Copy(packet);
        }

        private static void TakeFrom(SipCall call, SipMessage m)
        {
            NameAddr from = m.From;
            // The From as the dialog keeps it (its URI and tag, RFC 3261 12.2.2), the value as it came when its URI is not one.
            if (from.Uri == null)
            {
                call.RemoteHeader = m.GetHeader(HeaderNames.From);
                return;
            }
            call.TakeRemoteHeader(from.DisplayName, from.Uri.ToString(), from.Tag);
        }

        /// <summary>A re-INVITE (session refresh, target refresh): 200 with the same answer, or 488 for an offer without a common codec.</summary>
        private void Reinvite(SipCall call, SipPacket packet, SipMessage m, long nowMs)
        {
            if (call.State != SipCall.Connected || call.Flag(SipCall.ReinvitingBit) || m.CSeq <= call.RemoteCSeq)
            {
                // 491 while an offer of either side is pending (glare, RFC 3261 14.2).
                _agent.Reply(packet, m, m.CSeq <= call.RemoteCSeq ? 500 : 491, nowMs);
                return;
            }
            call.RemoteCSeq = m.CSeq;
            if (!TimerRequested(call, m))
            {
                RefuseInterval(packet, m, nowMs);
                return;
            }
            if (m.BodyLength > 0)
            {
                if (!TakeOffer(call, m))
                {
                    _agent.Reply(packet, m, 488, nowMs);
                    return;
                }
            }
            else
            {
                // No offer: the phone's session is the offer in the 200, the answer comes in the ACK (RFC 3264 4).
                call.SetFlag(SipCall.OfferInOkBit, true);
            }
            call.RemoteTarget = ContactTarget(m, call.RemoteTarget);
            byte[] ok = ResponseBytes(call, packet, m, 200, true);
            SipUserAgent.Send(packet, m, ok);
            ArmTimer(call, nowMs);
            if (packet.Connection == null)
            {
                StartOkRetransmission(call, packet, m, ok, SipCall.AwaitingAckBit, nowMs);
            }
            Changed(call, nowMs);
        }

        private bool OnCancel(SipPacket packet, SipMessage m, long nowMs)
        {
            string branch = m.GetVia(0).Branch;
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c != null && !c.Outgoing && c.InviteBranch == branch && c.CallId == m.CallId)
                {
                    _agent.Reply(packet, m, 200, nowMs);
                    if (c.State == SipCall.Alerting)
                    {
                        // The INVITE's own answer: 487, retransmitted by the agent until its ACK (RFC 3261 9.2).
                        Refuse(c, 487, nowMs);
                        // Another branch of the caller's fork answered (RFC 3326 Reason, cause=200 "Call completed
                        // elsewhere", as kamailio's tm writes it): the call was taken, not missed (PhoneCalls.Record).
                        string why = m.GetHeader("Reason");
                        End(c, 487, why != null && why.IndexOf("cause=200") >= 0 ? SipCall.AnsweredElsewhere : "cancelled", nowMs);
                    }
                    return true;
                }
            }
            return false;
        }

        /// <summary>An incoming call of the table still ringing (what Answer and Redirect take; one test for both: Sip's byte code, h-sipmargin).</summary>
        private bool Ringing(SipCall call) => call != null && !call.Outgoing && call.State == SipCall.Alerting && Slot(call) >= 0;

        /// <summary>Answers a ringing incoming call (200 with the SDP answer); false when it is not ringing.</summary>
        public bool Answer(SipCall call, long nowMs)
        {
            if (!Ringing(call))
            {
                return false;
            }
            SendOk(call, nowMs);
            // The reparsed INVITE (its bytes, header objects; SendOk's frame held it) and the writer go before the call's
            // media is started: the answered call's peak held them under the media session's making (docs/benchmarks.md,
            // h-callfit).
            LetGoUnused();
            // The handler straight, not through Changed: an incoming call was placed for no REFER (nothing to report), and
            // the answer's media start and LED update ran a frame deeper (docs/benchmarks.md, h-callfit3).
            _handler.OnChanged(call, nowMs);
            return true;
        }

        /// <summary>The answer's 200 with the SDP answer, retransmitted until the ACK; the call connected.</summary>
        private void SendOk(SipCall call, long nowMs)
        {
            SipMessage m = Reparse(call);
            byte[] ok = ResponseBytes(call, call.Invite, m, 200, true);
            SipUserAgent.Send(call.Invite, m, ok);
            call.State = SipCall.Connected;
            call.ConnectedMs = nowMs;
            ArmTimer(call, nowMs);
            // The 180 goes no more, PRACKed or not (no offer in it: the 200 need not wait, RFC 3262 3).
            call.SetFlag(SipCall.AwaitingPrackBit, false);
            if (call.Invite.Connection == null)
            {
                StartOkRetransmission(call, call.Invite, m, ok, SipCall.AwaitingAckBit, nowMs);
            }
            call.Invite = null;
        }

        /// <summary>
        /// Redirects a ringing incoming call: 302 Moved Temporarily with <paramref name="contact"/> (a name-addr, e.g.
        /// <c>&lt;sip:200@pbx&gt;</c>) and the To tag of its 180 (forward on no answer); false when it is not ringing.
        /// </summary>
        public bool Redirect(SipCall call, string contact, long nowMs)
        {
            if (!Ringing(call))
            {
                return false;
            }
            SipMessage m = Reparse(call);
            SipWriter w = _writer ?? (_writer = new SipWriter());
            _agent.WriteResponseHead(w, call.Invite, m, 302, SipCall.TagOf(call.LocalHeader));
            byte[] bytes = w.Header(HeaderNames.Contact, contact).UserAgent().ToBytes();
            call.LastResponse = bytes;
            _agent.SendResponse(call.Invite, m, 302, bytes, nowMs);
            End(call, 302, "forwarded", nowMs);
            return true;
        }

        /// <summary>
        /// Ends every call without a word on the wire (the network is gone, nothing could be sent): each ends with
        /// status 0 and the reason given.
        /// </summary>
        public void DropAll(string reason, long nowMs)
        {
            for (int i = 0; i < MaxCalls; i++)
            {
                if (_calls[i] != null)
                {
                    End(_calls[i], 0, reason, nowMs);
                }
            }
        }

        /// <summary>
        /// Ends a call the way its state needs: a ringing incoming call is refused with <paramref name="refusal"/>
        /// (486 or 603), a dialled one is cancelled, a connected one gets BYE. False when it is not live.
        /// </summary>
        public bool Hangup(SipCall call, int refusal, long nowMs)
        {
            if (call == null || Slot(call) < 0)
            {
                return false;
            }
            if (call.State == SipCall.Alerting)
            {
                Refuse(call, refusal, nowMs);
                End(call, refusal, refusal == 486 ? "rejected (busy)" : "rejected", nowMs);
                return true;
            }
            if (call.State == SipCall.Connected)
            {
                SendBye(call, nowMs);
                End(call, 200, "hung up", nowMs);
                return true;
            }
            call.SetFlag(SipCall.CancelRequestedBit, true);
            if (call.State == SipCall.Ringing)
            {
                SendCancel(call, nowMs);
            }
            // Dialing: the CANCEL waits for a provisional (RFC 3261 9.1); the 487 (or a 2xx, then BYE) ends the call. The
            // screen says "Cancelling" at once: with nothing answering, the INVITE lasts until Timer B (32 s).
            Changed(call, nowMs);
            return true;
        }

        /// <summary>
        /// Sets the phone's SDP for this call with the given direction: its offer (both codecs) before a codec is agreed,
        /// else the agreed codec; the o= version goes up whenever the description changes (RFC 3264 8). Its bytes are
        /// written where it is sent (<see cref="LocalSdp"/>).
        /// </summary>
        private void Describe(SipCall call, string direction)
        {
            if (call.SdpVersion == 0)
            {
                call.SdpVersion = 1;
            }
            int codec = call.Codec;
            int events = codec < 0 ? Sdp.TelephoneEvent : call.TelephoneEvent;
            // One byte each for the codec and telephone-event (+1: -1 is 0), the port above them.
            int media = ((codec + 1) & 0xFF) | (((events + 1) & 0xFF) << 8) | (call.LocalMediaPort << 16);
            string host = _agent.LocalHost;
            if ((object)call.SdpDirection != null &&
                (media != call.SdpMedia || !string.Equals(direction, call.SdpDirection) || !string.Equals(host, call.SdpHost)))
            {
                call.SdpVersion++;
            }
            call.SdpHost = host;
            call.SdpDirection = direction;
            call.SdpMedia = media;
        }

        /// <summary>The bytes of the call's SDP as <see cref="Describe"/> last set it; null (no body) before it did.</summary>
        private static byte[] LocalSdp(SipCall call)
        {
            if ((object)call.SdpDirection == null)
            {
                return null;
            }
            int media = call.SdpMedia;
            return Sdp.Describe(call.SdpHost, (media >> 16) & 0xFFFF, call.StartedMs + 1, call.SdpVersion, (media & 0xFF) - 1,
                ((media >> 8) & 0xFF) - 1, call.SdpDirection);
        }

        /// <summary>Runs the INVITE transactions and the 2xx retransmissions; call every loop turn.</summary>
        public void Poll(long nowMs)
        {
            AfterPacket(nowMs);
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c == null)
                {
                    continue;
                }
                if (c.Transaction != null)
                {
                    c.Transaction.Poll(nowMs);
                }
                if (c.RetryAt != 0 && nowMs >= c.RetryAt && _calls[i] == c)
                {
                    Hold(c, c.Flag(SipCall.PendingHoldBit), nowMs);
                }
                long deadline = c.OkTimes >> 16;
                if (c.Flag(SipCall.AwaitingAckBit | SipCall.AwaitingPrackBit) && _calls[i] == c)
                {
                    if (nowMs >= deadline && c.Flag(SipCall.AwaitingPrackBit))
                    {
                        // No PRACK of the reliable 180 within 64*T1: the INVITE is refused (RFC 3262 3).
                        Refuse(c, 500, nowMs);
                        End(c, 500, "no PRACK", nowMs);
                    }
                    else if (nowMs >= deadline)
                    {
                        // No ACK within 64*T1: the dialog is confirmed but the session ends (RFC 3261 13.3.1.4).
                        c.SetFlag(SipCall.AwaitingAckBit, false);
                        SendBye(c, nowMs);
                        End(c, 408, "no ACK", nowMs);
                    }
                    else if (nowMs >= deadline - 64 * ClientTransaction.T1 + (c.OkTimes & 0xFFFF))
                    {
                        TransportOf(c).Send(c.LastResponse, c.LastResponse.Length, c.HopAddress, c.HopPort, null);
                        // The copy that went was due T1 x (2^k - 1) after the first (deadline - 64 T1), OkTimes' low bits:
                        // the next interval, twice the last, is that + T1, at most T2 (no field of its own, h-callobj).
                        long interval = (c.OkTimes & 0xFFFF) + ClientTransaction.T1;
                        long next = nowMs + (interval > ClientTransaction.T2 ? ClientTransaction.T2 : interval);
                        c.OkTimes = (deadline << 16) | (next - deadline + 64 * ClientTransaction.T1);
                    }
                }
                if (_calls[i] == c)
                {
                    PollTimer(c, nowMs);
                }
            }
            ExpireTransfers(nowMs);
            if (_sdpMedia != null || _writer != null)
            {
                LetGoUnused();
            }
        }

        /// <summary>
        /// Lets go, between loop turns, of what only a handler uses and the next use makes again: the writer and the SDP
        /// reader. A ringing call keeps its INVITE's packet and its 180's bytes only:
        /// the writer and the SDP reader went on with the call until it was answered (about 770 B while it rang,
        /// docs/benchmarks.md "h-ringing"); once answered its 200 is kept as bytes ("h-callheap", "h-callheap2"). Never
        /// inside a handler that may still read them.
        /// </summary>
        private void LetGoUnused()
        {
            _writer = null;
            _sdpMedia = null;
        }

        /// <summary>The final refusal of a ringing incoming call, kept retransmitting by the agent until its ACK.</summary>
        private void Refuse(SipCall call, int status, long nowMs)
        {
            SipMessage m = Reparse(call);
            _agent.SendResponse(call.Invite, m, status, ResponseBytes(call, call.Invite, m, status, false), nowMs);
        }

        /// <summary>
        /// A response to the INVITE with the phone's To tag, Record-Route echoed and the phone's Contact (RFC 3261
        /// 12.1.1); a 200 carries the SDP answer.
        /// </summary>
        private byte[] ResponseBytes(SipCall call, SipPacket packet, SipMessage m, int status, bool sdp)
        {
            SipWriter w = _writer ?? (_writer = new SipWriter());
            // SipUserAgent.WriteResponseHead's three steps written here: a frame less under the top Via's look-up, the
            // deepest point of a new call's INVITE (docs/benchmarks.md, h-callsig).
            w.StartResponse(status, ReasonPhrases.For(status));
            SipUserAgent.WriteTopVia(w, packet, m);
            string tag = status > 100 ? SipCall.TagOf(call.LocalHeader) : null;
            if ((object)m.ParsedTo == null)
            {
                EchoNew(w, m, tag);
            }
            else
            {
                // A re-INVITE's To keeps its parse and its tag.
                w.EchoRequest(m, tag, 0, 1);
            }
            if (status > 100 && status < 300)
            {
                int routes = m.CountHeaderValues(HeaderNames.RecordRoute);
                for (int i = 0; i < routes; i++)
                {
                    w.Header(HeaderNames.RecordRoute, m.GetHeaderValue(HeaderNames.RecordRoute, i));
                }
                w.Header(HeaderNames.Contact, _agent.ContactOf(_agent.GetIdentity(call.Identity)));
            }
            if (status == 200)
            {
                w.Header(HeaderNames.Allow, _agent.Capabilities.AllowList());
                WriteTimerAnswer(w, call);
            }
            if (status == 180 && call.Flag(SipCall.ReliableBit))
            {
                // The one reliable provisional of the INVITE: RSeq 1 (RFC 3262 3 asks a random start, SHOULD only).
                w.Header(HeaderNames.Require, "100rel").Header(HeaderNames.RSeq, "1");
            }
            w.UserAgent();
            if (sdp)
            {
                if ((object)call.SdpDirection == null)
                {
                    Describe(call, Sdp.SendRecv);
                }
                w.Body(Sdp.ContentType, LocalSdp(call));
            }
            byte[] bytes = w.ToBytes();
            if (status > 180)
            {
                // Neither the 100 nor the 180 is kept: the 180 (or the refusal) follows the 100 in the same turn, and
                // writing the 180 beside the 100's bytes was the INVITE's peak (docs/benchmarks.md, h-callsig); a ringing
                // call's 180 (about 300 B) is written again for a retransmitted INVITE (Retransmitted; h-callfit3), a
                // reliable one kept by its retransmission (StartOkRetransmission).
                call.LastResponse = bytes;
            }
            return bytes;
        }

        /// <summary>
        /// The headers a new call's 100 and 180 copy from its INVITE, as SipWriter.EchoRequest writes them after the top
        /// Via: the To was let go (TakeDialog) and has no tag (OnInvite), so <paramref name="toTag"/> is added without
        /// parsing it again under the response's write (docs/benchmarks.md, h-callsig).
        /// </summary>
        private static void EchoNew(SipWriter w, SipMessage m, string toTag)
        {
            int vias = m.ViaCount;
            for (int i = 1; i < vias; i++)
            {
                w.Header(HeaderNames.Via, m.ValueOf(HeaderNames.ViaKind, null, i));
            }
            w.Header(HeaderNames.From, m.First(HeaderNames.FromKind));
            w.BeginHeader(HeaderNames.To).Append(m.First(HeaderNames.ToKind));
            if (toTag != null)
            {
                w.Append(";tag=").Append(toTag);
            }
            w.EndHeader();
            w.Header(HeaderNames.CallId, m.First(HeaderNames.CallIdKind));
            w.Header(HeaderNames.CSeq, m.First(HeaderNames.CSeqKind));
        }

        /// <summary>The URI of a message's first Contact as text, else <paramref name="otherwise"/>: a dialog's remote target (RFC 3261 12.1, 12.2).</summary>
        private static string ContactTarget(SipMessage m, string otherwise)
        {
            NameAddr contact = m.ContactCount > 0 ? m.GetContact(0) : null;
            return contact != null && contact.Uri != null ? contact.Uri.ToString() : otherwise;
        }

        /// <summary>Answers a request with the usual reason phrase; true, the request handled (its handler returns this).</summary>
        private bool Replied(SipPacket packet, SipMessage m, int status, long nowMs)
        {
            _agent.Reply(packet, m, status, nowMs);
            return true;
        }

        /// <summary>
        /// The 2xx goes again on T1, doubling up to T2, until the ACK or 64*T1 (RFC 3261 13.3.1.4), where its first copy
        /// went; so does a reliable 180 until its PRACK (RFC 3262 3, <paramref name="awaiting"/> the bit of what ends it).
        /// </summary>
        private void StartOkRetransmission(SipCall call, SipPacket packet, SipMessage m, byte[] ok, int awaiting, long nowMs)
        {
            call.HopAddress = packet.RemoteHost;
            call.HopPort = SipUserAgent.ResponsePort(packet, m);
            call.LastResponse = ok;
            call.SetFlag(awaiting, true);
            call.OkTimes = ((nowMs + 64 * ClientTransaction.T1) << 16) | ClientTransaction.T1;
        }

        /// <summary>
        /// Reads the SDP offer of an INVITE into the call; true when there is none (the phone offers in the 200) or it
        /// has a codec the phone can use.
        /// </summary>
        private bool ReadOffer(SipCall call, SipMessage m)
        {
            if (m.BodyLength == 0)
            {
                call.Codec = -1;
                return true;
            }
            if (m.ContentType != Sdp.ContentType || !Media.Parse(m.Buffer, m.BodyOffset, m.BodyLength))
            {
                return false;
            }
            int codec = Sdp.Choose(Media);
            if (codec < 0)
            {
                return false;
            }
            TakeMedia(call, codec);
            return true;
        }

        /// <summary>
        /// The message's body read as a session description into <see cref="Media"/>: false without a body or an audio
        /// stream. For an ACK's, a 200's and a re-INVITE's 200's answer (one call, not three reads: Sip's byte code,
        /// h-sipmargin).
        /// </summary>
        private bool ReadSdp(SipMessage m) => m.BodyLength > 0 && Media.Parse(m.Buffer, m.BodyOffset, m.BodyLength);

        /// <summary>
        /// A connected call's new offer (a re-INVITE's, an UPDATE's) read (<see cref="ReadOffer"/>) and answered: the
        /// remote hold and the phone's answer's direction taken from it; false, the codec unchanged, when the phone cannot
        /// use it (488). One method for both requests (DeskPhone.Sip's byte code, h-sipmargin).
        /// </summary>
        private bool TakeOffer(SipCall call, SipMessage m)
        {
            int codec = call.Codec;
            if (!ReadOffer(call, m))
            {
                call.Codec = codec;
                return false;
            }
            // c=0.0.0.0 is RFC 2543's hold, still sent by older PBXs and phones: RFC 3264 8.4 has neither RTP nor RTCP
            // sent to it, so it holds the call as sendonly and inactive do (the media stopped, "Held by").
            call.RemoteHeld = Media.Direction == Sdp.SendOnly || Media.Direction == Sdp.Inactive || Media.Address == "0.0.0.0";
            Describe(call, Sdp.AnswerDirection(Media.Direction, call.Held));
            return true;
        }

        /// <summary>The session description just read (<see cref="Media"/>) becomes the call's: where its voice goes, the codec, telephone-event.</summary>
        private void TakeMedia(SipCall call, int codec)
        {
            SdpMedia media = Media;
            call.MediaAddress = media.Address;
            call.MediaPort = media.Port;
            call.Codec = codec;
            call.TelephoneEvent = media.TelephoneEvent;
        }

        /// <summary>Record-Route values, in order for the callee, reversed for the caller (RFC 3261 12.1.1, 12.1.2).</summary>
        private static string[] ReadRoutes(SipMessage m, bool reverse)
        {
            int n = m.CountHeaderValues(HeaderNames.RecordRoute);
            if (n == 0)
            {
                return null;
            }
            if (n > SipCall.MaxRoutes)
            {
                n = SipCall.MaxRoutes;
            }
            var routes = new string[n];
            for (int i = 0; i < n; i++)
            {
                routes[reverse ? n - 1 - i : i] = m.GetHeaderValue(HeaderNames.RecordRoute, i);
            }
            return routes;
        }

        /// <summary>Where in-dialog requests go: the first route (loose routing), else the remote target.</summary>
        private static void DialogHop(SipCall call)
        {
            int port;
            string address = Hop(call.RemoteTarget, call.Routes, out port);
            if (address != null)
            {
                call.HopAddress = address;
                call.HopPort = port;
            }
        }

        /// <summary>The address and port of a dialog's next hop (<see cref="DialogHop"/>), or null when it cannot be resolved.</summary>
        private static string Hop(string target, string[] routes, out int port)
        {
            string next = target;
            if (routes != null && routes.Length > 0)
            {
                NameAddr first = NameAddr.Parse(routes[0]);
                next = first != null && first.Uri != null ? first.Uri.ToString() : next;
            }
            SipUri uri = next == null ? null : SipUri.Parse(next);
            port = uri == null || uri.Port <= 0 ? SipUri.DefaultPort : uri.Port;
            return uri == null || uri.Host == null ? null : HostResolver.Resolve(uri.Host);
        }

        /// <summary>The route set as Route headers of an in-dialog request (RFC 3261 12.2.1.1, loose routing).</summary>
        private static void WriteRoutes(SipWriter w, string[] routes)
        {
            for (int i = 0; routes != null && i < routes.Length; i++)
            {
                w.Header(HeaderNames.Route, routes[i]);
            }
        }

        /// <summary>The call whose dialog the request is in (its Call-ID and tags), else null.</summary>
        public SipCall FindDialog(SipMessage m)
        {
            string callId = m.CallId;
            // The tags read in place: neither address is parsed to find the dialog (an ACK's or a BYE's From and To
            // were the ACK's peak beside the media session, docs/benchmarks.md h-callsig), and not through
            // SipMessage.ToTag: a frame less at the answered call's ACK, its deepest point (h-callthrough).
            string toTag = m.TagOf(HeaderNames.ToKind);
            string fromTag = m.TagOf(HeaderNames.FromKind);
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c != null && c.CallId == callId && SipCall.TagOf(c.LocalHeader) == toTag &&
                    (SipCall.TagOf(c.RemoteHeader) ?? fromTag) == fromTag)
                {
                    return c;
                }
            }
            return null;
        }

        /// <summary>The call's slot, -1 when it has none; a free slot for null (one walk for both: Sip's byte code, h-sipmargin).</summary>
        private int Slot(SipCall call)
        {
            for (int i = 0; i < MaxCalls; i++)
            {
                if (_calls[i] == call)
                {
                    return i;
                }
            }
            return -1;
        }

        private void End(SipCall call, int status, string reason, long nowMs)
        {
            int slot = Slot(call);
            if (slot < 0)
            {
                return;
            }
            _calls[slot] = null;
            call.State = SipCall.Ended;
            call.EndStatus = status;
            call.EndReason = reason;
            call.EndedMs = nowMs;
            call.Release();
            // Changed's two steps written here, as in AfterPacket: a frame less under the call logic's handling of the end
            // (a BYE's, AfterPacket > End > Changed > PhoneCalls.OnChanged, 12,174 B shifted in a census sweep around the
            // 80,896-byte board: tools/HeapCensus/sweep.sh, h-sipsweep).
            ReportReferral(call, nowMs);
            _handler.OnChanged(call, nowMs);
        }

        private SdpMedia Media => _sdpMedia ?? (_sdpMedia = new SdpMedia());

        // A ringing call's INVITE parsed again for its final answer (200, 3xx, a refusal), once in the call: the parser,
        // the message and the parse results made here and not kept by the sessions (three fields of every call, 36 B,
        // h-callobjs); what the answer keeps of the message it keeps itself.
        private static SipMessage Reparse(SipCall call)
        {
            SipPacket p = call.Invite;
            SipMessage m = new SipMessage();
            new SipParser().Parse(p.Data, 0, p.Length, false, m, new ParseResult());
            return m;
        }

        private SipPacket Copy(SipPacket packet)
        {
            SipPacket copy;
            if (packet.Data.Length <= _agent.PacketBytes)
            {
                // An array the inbox lets go with the packet: a message fitted to one of its own (SipInbox.Post) or a
                // datagram read into a packet made to its size (SipInbox.Rent(length)); only a full packet is used again.
                // The call takes that array instead of a copy (the INVITE's turn held both, docs/benchmarks.md h-callfit,
                // h-callsig).
                copy = new SipPacket(0);
                copy.Data = packet.Data;
            }
            else
            {
                copy = new SipPacket(packet.Length);
                System.Array.Copy(packet.Data, copy.Data, packet.Length);
            }
            copy.Length = packet.Length;
            copy.RemoteHost = packet.RemoteHost;
            copy.RemotePort = packet.RemotePort;
            copy.Transport = packet.Transport;
            copy.Connection = packet.Connection;
            return copy;
        }

        /// <summary>A connection of the phone's own to address:port is lost: an INVITE waiting for its answer on it fails now.</summary>
        public void ConnectionLost(string address, int port, long nowMs)
        {
            for (int i = 0; i < MaxCalls; i++)
            {
                SipCall c = _calls[i];
                if (c != null && c.Transaction != null && c.Transport != null && c.HopPort == port && c.HopAddress == address)
                {
                    c.Transaction.Fail(nowMs);
                }
            }
        }

        /// <summary>The top Via of the phone's request in a call's dialog, naming the transport it goes over.</summary>
        private string Via(SipCall call, string branch) => _agent.ViaOf(TransportOf(call), branch);

        /// <summary>
        /// Where the phone's requests in a call's dialog go: the connection its INVITE came on, the identity's TCP for a
        /// call it placed over TCP, else UDP.
        /// </summary>
        private ISipTransport TransportOf(SipCall call) => call != null && call.Transport != null ? call.Transport : _agent.Udp;
    }
}
