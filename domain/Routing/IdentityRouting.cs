using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Text;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Domain.Routing
{
    /// <summary>
    /// The phone's policy for the requests the SIP core hands down its chain, as the last link (the composition root
    /// adds it after the call sessions): which identity a request is for (Snom semantics: the Request-URI's line token;
    /// with user_sipusername_as_line also the user name), filter_registrar (only from the identity's registrar or
    /// outbound proxy), "MESSAGE must be text/plain", and the answer the <see cref="ISipRequestHandler"/> decides for a
    /// MESSAGE or NOTIFY. The same decision serves the sessions as the agent's <see cref="IIdentityRouter"/>. ACK,
    /// OPTIONS, BYE, CANCEL, UPDATE and PRACK are left to the core's own answers (absorbed, 200 with Allow, 481 for no
    /// dialog: the last two exist only in a call's dialog, which the sessions took before), as before any policy.
    /// </summary>
    public sealed class IdentityRouting : ISipListener, IIdentityRouter
    {
        private const string FilteredReason = "Forbidden (filter_registrar: not from the registrar)";

        private readonly SipUserAgent _agent;
        private readonly ISipRequestHandler _handler;

        public IdentityRouting(SipUserAgent agent, ISipRequestHandler handler)
        {
            _agent = agent;
            _handler = handler;
            FilterRegistrar = true;
        }

        /// <summary>Setting filter_registrar: refuse (403) requests from hosts other than the identity's registrar or outbound proxy.</summary>
        public bool FilterRegistrar;

        /// <summary>
        /// The registrations, whose identities refused for lack of heap (<see cref="Registrations.RefusedCount"/>) have no
        /// <see cref="SipIdentity"/> to match: while one is, a request for no identity may be for it and is answered 503
        /// with Retry-After (the phone cannot take it now), not 403 or 404 (it would say the user does not exist here).
        /// </summary>
        public Registrations Registrations;

        public bool OnResponse(SipMessage response, long nowMs) => false;

        public int IdentityFor(SipPacket packet, SipMessage request)
        {
            int identity = Match(request.RequestUri, request.RequestUri?.GetParam("line"));
            return Refusal(identity, packet.RemoteHost) == 0 ? identity : 0;
        }

        public bool OnRequest(SipPacket packet, SipMessage m, long nowMs)
        {
            // The method read from the message's field each time, not kept in a local: a slot less in this frame, under
            // every request's handling and answer (h-notifyflat).
            if (m.Method == "ACK" || m.Method == "OPTIONS" || m.Method == "BYE" || m.Method == "CANCEL" || m.Method == "UPDATE" || m.Method == "PRACK")
            {
                return false;
            }
            // A subscription's NOTIFY is for the subscription's identity, found by its Call-ID in place: the Request-URI's line
            // parameter (ParamHolder.GetParam > Params.Get > its string, 684 B of frames) was read under a BLF key's NOTIFY
            // during a call, the office stream's lowest collection on the 80,896-byte board (11,892 B free, srv). Any other
            // request: the line parameter read here, not in Match (a frame less, docs/benchmarks.md margin2).
            int identity = m.Method == "NOTIFY" && _handler.Events != null ? _handler.Events.IdentityOf(m) : 0;
            if (identity == 0)
            {
                identity = Match(m.RequestUri, m.RequestUri?.GetParam("line"));
            }
            // The Request-URI (a SipUri of about 0.4 KB with its parts) is not kept under the handler's turn: a BLF key's
            // NOTIFY reads its XML and sets its LEDs there, the MESSAGE stream's lowest points on the board (h-checkparts).
            m.ForgetNames(false);
            int status = Refusal(identity, packet.RemoteHost);
            if (status == 0 && m.Method == "MESSAGE" && m.ContentType != "text/plain")
            {
                status = 415;
            }
            if (status != 0)
            {
                Refuse(packet, m, status, nowMs);
                return true;
            }
            if (m.Method == "MESSAGE")
            {
                status = _handler.OnMessage(identity, m);
            }
            else if (m.Method == "NOTIFY")
            {
                // A subscription's NOTIFY to its owner from this frame, not under the handler's or the events layer's: two
                // levels less under every BLF key's dialog-info parse (docs/benchmarks.md, h-flatnotify, h-notifyflat).
                // The layer asked twice, not kept in a local: a slot less in this frame, under every NOTIFY's handling.
                Subscription s = _handler.Events == null ? null : _handler.Events.InDialog(m, nowMs);
                if (s != null)
                {
                    status = s.Owner.OnNotify(s, m, nowMs);
                    _agent.AfterPacket(_handler.AfterNotify);
                }
                else if (_handler.Events != null && m.ToTag != null)
                {
                    // One in a dialog (a To tag) the layer does not hold (RFC 6665 4.1.3).
                    status = 481;
                }
                else
                {
                    // Not in a dialog: the application's. Whether it came from the registrar is asked first, into status: the
                    // handler's arguments and the question's together were six stack slots, a slot more in this frame
                    // than the subscription's local takes back (h-notifyflat).
                    status = IsFromRegistrar(identity, packet.RemoteHost) ? 1 : 0;
                    status = _handler.OnNotify(identity, m, status != 0);
                }
            }
            else
            {
                status = 480;
            }
            _agent.Reply(packet, m, status, nowMs);
            return true;
        }

        /// <summary>
        /// A request refused before its handler: 403 (filter_registrar), 503 with Retry-After (identities refused for lack
        /// of heap), 415 with Accept (a MESSAGE not text/plain), 404. A method of its own so that the replies' six
        /// arguments are not on the stack of the frame the handlers run under (h-frames2).
        /// </summary>
        private void Refuse(SipPacket packet, SipMessage m, int status, long nowMs)
        {
            if (status == 403)
            {
                _agent.Reply(packet, m, 403, FilteredReason, nowMs);
            }
            else if (status == 503)
            {
                _agent.Reply(packet, m, 503, HeaderNames.RetryAfter, SipUserAgent.LowMemoryRetryAfter, nowMs);
            }
            else if (status == 415)
            {
                _agent.Reply(packet, m, 415, HeaderNames.Accept, "text/plain", nowMs);
            }
            else
            {
                _agent.Reply(packet, m, status, nowMs);
            }
        }

        /// <summary>
        /// Why a request for <paramref name="identity"/> (0: none matched) from <paramref name="sourceHost"/> is refused:
        /// 503 (none matched while identities are refused for lack of heap: the refused one's registrar is not known
        /// either), 403 (filter_registrar; a host that is no identity's registrar learns nothing about which users exist,
        /// so it gets the same 403 for an unknown user), 404 (no such identity), or 0 (it may go on).
        /// </summary>
        private int Refusal(int identity, string sourceHost)
        {
            if (identity == 0)
            {
                if (Registrations != null && Registrations.RefusedCount > 0)
                {
                    return 503;
                }
                return FilterRegistrar && !IsRegistrarOfAny(sourceHost) ? 403 : 404;
            }
            return FilterRegistrar && !IsFromRegistrar(identity, sourceHost) ? 403 : 0;
        }

        /// <summary>
        /// Whether the host is the registrar or outbound proxy of the identity, or the address its REGISTER went to (a
        /// registrar given by name sends from its address: the host's text alone refused every request from it).
        /// </summary>
        private bool IsFromRegistrar(int identity, string sourceHost)
        {
            SipIdentity id = _agent.GetIdentity(identity);
            return id != null && (IsHost(sourceHost, id.RegistrarHost) || IsHost(sourceHost, id.OutboundHost) || IsHost(sourceHost, id.HopAddress));
        }

        /// <summary>Whether <paramref name="host"/> (any case) is the registrar or outbound proxy of an active identity.</summary>
        private bool IsRegistrarOfAny(string host)
        {
            for (int i = 1; i <= SipUserAgent.MaxIdentities; i++)
            {
                if (IsFromRegistrar(i, host))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Whether <paramref name="source"/> is <paramref name="host"/> (lower case, as the identities keep their hosts)
        /// in any ASCII case: compared in place, not through a lower-case copy of the source (a string under every
        /// request's routing, docs/benchmarks.md h-notifyflat). A packet's source is an address, ASCII.
        /// </summary>
        private static bool IsHost(string source, string host)
        {
            if (host == null || source.Length != host.Length)
            {
                return false;
            }
            if (source == host)
            {
                return true;
            }
            for (int i = 0; i < host.Length; i++)
            {
                char c = source[i];
                if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != host[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// The identity number a line parameter names as <see cref="SipIdentity.LineToken"/> writes it ("dp" and the number
        /// without sign or leading zero, at most two digits: 12 identities), or 0 for any other text.
        /// </summary>
        private static int LineIndex(string line)
        {
            if (line == null)
            {
                return 0;
            }
            int length = line.Length;
            long n = length < 3 || length > 4 || line[0] != 'd' || line[1] != 'p' || line[2] == '0'
                ? 0 : DecimalDigits.Parse(line, 2, length, 2);
            return n < 0 ? 0 : (int)n;
        }

        /// <summary>The identity an out-of-dialog request is for, or 0; <paramref name="lineParam"/> is the URI's line parameter.</summary>
        private int Match(SipUri uri, string lineParam)
        {
            if (uri == null || !uri.IsSip)
            {
                return 0;
            }
            // The identity the line parameter names, read once: no token made per identity to compare (each "dp" + Index
            // was a concatenation under every out-of-dialog request's routing, the MESSAGE stream's lowest collection on
            // the 80,896-byte board, issue #17).
            int line = LineIndex(lineParam);
            for (int i = 1; i <= SipUserAgent.MaxIdentities; i++)
            {
                SipIdentity id = _agent.GetIdentity(i);
                if (id != null && line != 0 && id.Index == line)
                {
                    return i;
                }
            }
            // Each side is tested for null before ==: nanoCLR compares strings natively and an unset one can fault it.
            for (int i = 1; i <= SipUserAgent.MaxIdentities; i++)
            {
                SipIdentity id = _agent.GetIdentity(i);
                if (id != null && id.UserNameAsLine && uri.User != null && (object)id.User != null && uri.User == id.User)
                {
                    return i;
                }
            }
            return 0;
        }
    }
}
